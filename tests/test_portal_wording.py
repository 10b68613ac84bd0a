"""What the measure pages and lists say about when and why: institutions' names as of the day a measure
entered the plan (Measure.entered_plan_on), special attention that comes from the commitment as a whole,
funding availability read once, and the refresh's date said once."""

import datetime
from unittest import mock

from django.urls import reverse
from django.utils import translation

from council.models import Meeting, MeetingStatus
from plans.models import PlanRevision
from tests.factories import make_commitment, make_measure
from tests.test_portal_base import TODAY, PortalTestCase

today = mock.patch("django.utils.timezone.localdate", return_value=TODAY)
OLD_NAME = "Vides aizsardzības un reģionālās attīstības ministrija"  # until 30 June 2024


def url(measure):
    return reverse("portal:measure", args=[measure.plan.slug, measure.pk])


def english(client, path):
    with translation.override("en"):
        return client.get("/en" + path).content.decode()


class EnteredPlanOnTests(PortalTestCase):
    def test_an_original_measure_entered_the_plan_when_the_plan_was_approved(self):
        measure = make_measure(make_commitment(self.plan, number=40))
        self.assertEqual(measure.entered_plan_on, datetime.date(2022, 2, 10))

    def test_without_an_approval_date_the_plan_period_start_stands_in(self):
        self.plan.approved_on = None
        self.assertEqual(make_measure(make_commitment(self.plan, number=41)).entered_plan_on, self.plan.period_start)

    def test_a_refresh_measure_entered_the_plan_when_the_refresh_was_decided(self):
        revision = PlanRevision.objects.create(
            plan=self.plan, title="Aktualizācija", decided_on=datetime.date(2024, 4, 30)
        )
        measure = make_measure(make_commitment(self.plan, number=42), added_by_revision=revision)
        self.assertEqual(measure.entered_plan_on, datetime.date(2024, 4, 30))

    def test_a_refresh_with_no_known_date_gives_no_date_rather_than_the_plans(self):
        revision = PlanRevision.objects.create(plan=self.plan, title="Aktualizācija bez datuma")
        measure = make_measure(make_commitment(self.plan, number=43), added_by_revision=revision)
        self.assertIsNone(measure.entered_plan_on)


@today
class InstitutionNamesAtEntryTests(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.commitment = make_commitment(cls.plan, number=30, title="Apņemšanās 30")

    def refresh_measure(self, decided_on):
        revision = PlanRevision.objects.create(plan=self.plan, title="Papildinājums", decided_on=decided_on)
        measure = make_measure(self.commitment, added_by_revision=revision, responsible_institution=self.ministry)
        measure.co_responsible_institutions.add(self.ministry)
        return measure

    def test_a_refresh_measure_names_the_ministry_as_on_the_refresh_day_not_at_the_plans_approval(self, _):
        measure = self.refresh_measure(datetime.date(2024, 4, 30))
        content = self.client.get(url(measure)).content.decode()
        note = f"(2024. gada 30. aprīlī, kad pasākumu iekļāva plānā: {OLD_NAME})"
        self.assertEqual(content.count(note), 2)  # responsible and co-responsible
        self.assertNotIn("plāna apstiprināšanas laikā", content)
        self.assertIn(
            "(named Ministry of Environmental Protection and Regional Development on 30 April 2024, "
            "when the measure was added to the plan)",
            english(self.client, url(measure)),
        )

    def test_a_measure_added_after_the_rename_has_no_earlier_name(self, _):
        measure = self.refresh_measure(datetime.date(2024, 9, 1))
        content = self.client.get(url(measure)).content.decode()
        self.assertNotIn(OLD_NAME, content)
        self.assertNotIn('class="former-name"', content)

    def test_a_refresh_of_unknown_date_claims_no_earlier_name(self, _):
        measure = self.refresh_measure(None)
        self.assertNotIn(OLD_NAME, self.client.get(url(measure)).content.decode())

    def test_an_original_measure_still_names_the_ministry_as_at_approval(self, _):
        measure = make_measure(self.commitment, responsible_institution=self.ministry)
        content = self.client.get(url(measure)).content.decode()
        self.assertIn(f"(plāna apstiprināšanas laikā – {OLD_NAME})", content)
        self.assertNotIn("kad pasākumu iekļāva plānā", content)

    def test_the_refresh_decided_at_a_meeting_of_the_same_day_gives_its_date_once(self, _):
        meeting = Meeting.objects.create(
            council=self.council, number=77, date=datetime.date(2024, 4, 30), status=MeetingStatus.PUBLISHED
        )
        revision = PlanRevision.objects.create(
            plan=self.plan, title="Papildinājums", decided_on=datetime.date(2024, 4, 30), decided_at_meeting=meeting
        )
        measure = make_measure(self.commitment, added_by_revision=revision)
        content = self.client.get(url(measure)).content.decode()
        self.assertIn("Papildinājums, <a href=", content)
        self.assertIn("lēmums pieņemts padomes 2024. gada 30. aprīļa sēdē", content)
        self.assertNotIn("2024. gada 30. aprīlis", content)

    def test_a_refresh_decided_on_another_day_than_its_meeting_gives_both_dates(self, _):
        revision = PlanRevision.objects.create(
            plan=self.plan,
            title="Papildinājums",
            decided_on=datetime.date(2024, 5, 2),
            decided_at_meeting=Meeting.objects.filter(council=self.council, status=MeetingStatus.PUBLISHED).first(),
        )
        content = self.client.get(url(make_measure(self.commitment, added_by_revision=revision))).content.decode()
        self.assertIn("Papildinājums, 2024. gada 2. maijs, ", content)
        self.assertIn("lēmums pieņemts padomes 2024. gada 30. aprīļa sēdē", content)


@today
class SpecialAttentionSourceTests(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.whole = make_commitment(cls.plan, number=6, title="Apņemšanās 6", special_attention=True)
        cls.inherited = make_measure(cls.whole, number="6.1", title="Pasākums mantots")
        cls.both = make_measure(cls.whole, number="6.2", title="Pasākums abi", special_attention=True)
        cls.own = make_measure(make_commitment(cls.plan, number=7), number="7.1", special_attention=True)
        cls.none = make_measure(make_commitment(cls.plan, number=8), number="8.1")

    def badges(self, content):
        start = content.index('<p class="measure-badges">')
        return content[start : content.index("</p>", start)]

    def test_a_flag_inherited_from_the_commitment_says_so_on_the_measure_page(self, _):
        badges = self.badges(self.client.get(url(self.inherited)).content.decode())
        self.assertIn("Īpaša uzmanība", badges)
        self.assertIn("(6. apņemšanās izpildei kopumā)", badges)
        self.assertIn("(commitment 6 as a whole)", self.badges(english(self.client, url(self.inherited))))

    def test_a_measure_flagged_on_its_own_and_through_its_commitment_says_both(self, _):
        badges = self.badges(self.client.get(url(self.both)).content.decode())
        self.assertIn("(šim pasākumam un 6. apņemšanās izpildei kopumā)", badges)
        english_badges = self.badges(english(self.client, url(self.both)))
        self.assertIn("(this measure, and commitment 6 as a whole)", english_badges)

    def test_a_flag_of_the_measure_alone_has_no_note(self, _):
        badges = self.badges(self.client.get(url(self.own)).content.decode())
        self.assertIn("Īpaša uzmanība", badges)
        self.assertNotIn("kopumā", badges)
        self.assertNotIn("Īpaša uzmanība", self.badges(self.client.get(url(self.none)).content.decode()))

    def test_list_rows_say_where_the_flag_comes_from(self, _):
        for path in (
            reverse("portal:measures") + "?special_attention=true",
            reverse("portal:commitment", args=[self.plan.slug, 6]),
        ):
            with self.subTest(path=path):
                content = self.client.get(path).content.decode()
                self.assertEqual(content.count("(6. apņemšanās izpildei kopumā)"), 1)
                self.assertEqual(content.count("(šim pasākumam un 6. apņemšanās izpildei kopumā)"), 1)


@today
class FundingAvailabilityTests(PortalTestCase):
    def test_available_from_reads_once_in_both_languages(self, _):
        self.funding.available_from_lv = "provizoriski no 2023. gada 1. pusgada"
        self.funding.available_from_en = "from H1 2023 (provisional)"
        self.funding.save()
        path = reverse("portal:plan", args=[self.plan.slug])
        content = self.client.get(path).content.decode()
        self.assertIn("<dt>Pieejams</dt><dd>provizoriski no 2023. gada 1. pusgada</dd>", content)
        self.assertNotIn("Pieejams no", content)
        content = english(self.client, path)
        self.assertIn("<dt>Available</dt><dd>from H1 2023 (provisional)</dd>", content)
        self.assertNotIn("Available from", content)
