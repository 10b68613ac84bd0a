import datetime
from unittest import mock

from django.urls import reverse
from django.utils import translation

from commitments.models import Measure, MeasureStatus, ReviewState
from tests.factories import make_entry
from tests.test_portal_base import TODAY, PortalTestCase

today = mock.patch("django.utils.timezone.localdate", return_value=TODAY)


def url(measure):
    return reverse("portal:measure", args=[measure.plan.slug, measure.pk])


@today
class MeasurePageTests(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.measure = Measure.objects.filter(plan=cls.plan).order_by("pk").first()

    def test_it_tells_the_story_of_the_measure(self, _):
        response = self.client.get(url(self.measure))
        content = self.assertNoSecrets(response)
        self.assertIn("<h1>Pasākums 1.1</h1>", content)
        self.assertIn("Apraksts latviski.", content)
        self.assertIn("Valsts kanceleja", content)  # co-responsible
        self.assertIn("Sabiedriskās politikas centrs PROVIDUS", content)  # other implementer
        self.assertIn("2024. gada 31. decembris", content)
        self.assertIn("90\u00a0000\u00a0EUR", content)  # funding, Latvian money format
        self.assertIn("Paveikts 1.1.", content)  # the approved entry
        self.assertIn("Priekšlikums 1.1", content)  # the consultation proposal

    def test_institution_names_are_those_of_the_relevant_date(self, _):
        content = self.client.get(url(self.measure)).content.decode()
        # The ministry was renamed on 1 July 2024; the plan was approved in 2022 and the entry covers 2022–2023.
        self.assertIn("plāna apstiprināšanas laikā – Vides aizsardzības un reģionālās attīstības ministrija", content)
        self.assertIn("<dt>Ziņoja</dt><dd>Vides aizsardzības un reģionālās attīstības ministrija</dd>", content)

    def test_only_approved_progress_entries_are_public(self, _):
        for state in (ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.RETURNED):
            entry = self.measure.progress_entries.get(reporting_round=self.round_2)
            entry.review_state = state
            entry.save()
            self.assertNotContains(self.client.get(url(self.measure)), "draft narrative")
        entry.review_state = ReviewState.APPROVED
        entry.save()
        self.assertContains(self.client.get(url(self.measure)), "draft narrative")

    def test_change_log_shows_old_and_new_values_with_the_reason(self, _):
        content = self.client.get(url(self.measure)).content.decode()
        self.assertIn("Izmaiņu vēsture", content)
        self.assertIn("Statuss pēc vidusposma ziņojuma", content)
        self.assertIn("<del>Daļēji īstenots</del>", content)
        self.assertIn("<ins>Īstenots</ins>", content)
        self.assertIn("Līdzatbildīgās institūcijas", content)
        self.assertIn("pasākums pievienots portālam", content)

    def test_change_log_hides_staff_only_fields_reasons_and_accounts(self, _):
        content = self.assertNoSecrets(self.client.get(url(self.measure)))
        self.assertNotIn("internal", content.lower())
        self.assertNotIn("secret-editor-account", content)

    def test_change_log_diffs_status_of_a_later_change(self, _):
        measure = Measure.objects.get(pk=self.measure.pk)
        measure.status = MeasureStatus.WITHDRAWN
        measure._change_reason = "Atsaukts ar padomes lēmumu"
        measure.save()
        content = self.client.get(url(measure)).content.decode()
        self.assertIn("Atsaukts ar padomes lēmumu", content)
        self.assertIn("<ins>Atsaukts</ins>", content)

    def test_measure_of_an_unpublished_plan_is_not_found(self, _):
        response = self.client.get(url(self.draft_measure))
        self.assertEqual(response.status_code, 404)

    def test_measure_under_another_plans_slug_is_not_found(self, _):
        response = self.client.get(reverse("portal:measure", args=["slepenais", self.measure.pk]))
        self.assertEqual(response.status_code, 404)

    def test_overdue_measure_says_so(self, _):
        measure = Measure.objects.filter(plan=self.plan, status=MeasureStatus.NOT_STARTED).first() or self.measure
        measure.status = MeasureStatus.LIMITED
        measure.save()
        response = self.client.get(url(measure))
        self.assertContains(response, "Nokavēts")
        self.assertContains(response, "Izpildes termiņš (2024. gada 31. decembris) ir pagājis")

    def test_english_page_marks_latvian_fallback(self, _):
        with translation.override("en"):
            response = self.client.get(url(self.measure))
        content = response.content.decode()
        self.assertIn('<html lang="en">', content)
        self.assertIn("<h1>Measure 1.1</h1>", content)
        self.assertIn('<div lang="lv" class="prose"><p>Apraksts latviski.</p></div>', content)
        self.assertIn("in Latvian", content)
        self.assertIn("Ministry of Environmental Protection and Regional Development", content)
        self.assertIn("EUR\u00a090,000", content)

    def test_it_runs_a_fixed_number_of_queries(self, _):
        measure = self.measure

        def grow():
            # More history, entries, proposals, institutions and funding for the same measure.
            for i in range(4):
                measure.co_responsible_institutions.add(self.ngo if i % 2 else self.ministry)
                measure.title = f"Pasākums 1.1 ({i})"
                measure._change_reason = f"Labojums {i}"
                measure.save()
            self.build(2)
            measure.other_implementers.add(self.chancellery)
            make_entry(measure, narrative="Vēl viens", reported_on=datetime.date(2025, 1, 1))

        self.assertNoSecrets(self.assertFixedQueries(url(measure), grow=grow))
