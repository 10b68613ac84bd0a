import datetime
from unittest import mock

from django.urls import reverse

from commitments.models import Measure, MeasureStatus
from council.models import Meeting, MeetingStatus
from plans.models import PlanPhase, PlanStatus
from tests.factories import make_commitment, make_measure, make_plan
from tests.test_portal_base import TODAY, PortalTestCase

today = mock.patch("django.utils.timezone.localdate", return_value=TODAY)


@today
class DashboardTests(PortalTestCase):
    def test_home_answers_how_the_plan_is_going(self, _):
        response = self.client.get(reverse("portal:home"))
        content = self.assertNoSecrets(response)
        # One commitment with one measure: complete after its history, due 2024-12-31 → not overdue.
        self.assertIn("Apstiprināts statuss ir 1 no 1 pasākuma; īstenoti: 1.", content)
        self.assertIn("Nokavēti: 0 no 1 pasākuma, kam ir izpildes termiņš.", content)
        self.assertContains(response, '<svg xmlns="http://www.w3.org/2000/svg"', count=2)
        self.assertContains(response, "<h1>", count=1)

    def test_it_states_the_roll_up_method(self, _):
        response = self.client.get(reverse("portal:plan", args=["piektais"]), HTTP_ACCEPT_LANGUAGE="lv")
        self.assertContains(response, "Katrs pasākums tiek skaitīts vienreiz")

    def test_it_counts_overdue_measures_in_the_headline(self, _):
        self.build(3)  # measures k=1 and k=2 of each commitment are substantial and due 2024-12-31
        response = self.client.get(reverse("portal:home"))
        overdue = Measure.objects.filter(plan=self.plan).overdue(TODAY).count()
        self.assertEqual(overdue, 6)
        self.assertContains(response, "Nokavēti: 6 no 10 pasākumiem, kam ir izpildes termiņš.")
        self.assertContains(response, "Nokavētie pasākumi")

    def test_every_chart_has_a_table_and_a_finding_as_title(self, _):
        self.build(2)
        response = self.client.get(reverse("portal:home"))
        content = response.content.decode()
        self.assertEqual(content.count("<figure"), 2)
        self.assertGreaterEqual(content.count("<table"), 2)
        # The status chart's title states what is reported and complete; the commitment chart has a legend.
        self.assertIn(
            '<figcaption class="chart-title">Apstiprināts statuss ir 5 no 5 pasākumiem; īstenoti: 3.', content
        )
        self.assertIn("Apzīmējumi: Īstenots: 3, Lielā mērā īstenots: 2", content)

    def test_it_lists_special_attention_and_latest_approved_entries(self, _):
        response = self.client.get(reverse("portal:home"))
        self.assertContains(response, "Pasākumi, kam jāpievērš īpaša uzmanība")
        self.assertContains(response, "Paveikts")
        self.assertNotContains(response, "draft narrative")

    def test_timeline_shows_published_meetings_only(self, _):
        response = self.client.get(reverse("portal:home"))
        self.assertContains(response, "Sēde Nr. 1")
        self.assertNotContains(response, "Nr. 99")
        self.assertNotContains(response, "2025. gada 3. marts")
        self.assertContains(response, "Posms")
        self.assertContains(response, "Ziņošana par 2022.–2023. gadu")

    def test_home_never_shows_an_unpublished_plan_even_if_newer(self, _):
        self.assertEqual(self.draft_plan.period_start.year, 2030)
        response = self.client.get(reverse("portal:home"))
        self.assertContains(response, "Piektais rīcības plāns")
        self.assertNoSecrets(response)

    def test_home_falls_back_to_the_newest_published_plan(self, _):
        self.plan.status = PlanStatus.COMPLETED
        self.plan.save()
        response = self.client.get(reverse("portal:home"))
        self.assertContains(response, "Piektais rīcības plāns")

    def test_unpublished_plan_page_is_not_found(self, _):
        response = self.client.get(reverse("portal:plan", args=["slepenais"]))
        self.assertEqual(response.status_code, 404)

    def test_a_plan_in_drafting_has_a_page_without_measures(self, _):
        drafting = make_plan(slug="sestais", title="Sestais plāns", status=PlanStatus.DRAFTING)
        PlanPhase.objects.create(plan=drafting, order=1, title="Ideju vākšana", start_date=datetime.date(2025, 5, 1))
        response = self.client.get(reverse("portal:plan", args=["sestais"]))
        self.assertContains(response, "Šim plānam vēl nav publicētu pasākumu.")
        self.assertContains(response, "Ideju vākšana")

    def test_home_without_any_plan(self, _):
        Meeting.objects.all().delete()
        for plan in (self.plan, self.draft_plan):
            plan.is_published = False
            plan.save()
        response = self.client.get(reverse("portal:home"))
        self.assertContains(response, "Vēl nav publicēts neviens rīcības plāns.")

    def test_home_runs_a_fixed_number_of_queries(self, _):
        self.assertNoSecrets(self.assertFixedQueries(reverse("portal:home")))

    def test_plan_page_runs_a_fixed_number_of_queries(self, _):
        self.assertNoSecrets(self.assertFixedQueries(reverse("portal:plan", args=["piektais"])))

    def test_withdrawn_measures_are_not_counted_in_the_share(self, _):
        commitment = make_commitment(self.plan, number=40)
        make_measure(commitment, status=MeasureStatus.WITHDRAWN)
        response = self.client.get(reverse("portal:home"))
        self.assertContains(response, "Apstiprināts statuss ir 1 no 1 pasākuma; īstenoti: 1.")
        self.assertContains(response, "netiek skaitīti")


class PlanListTests(PortalTestCase):
    def test_it_lists_published_plans_past_current_and_drafting(self):
        make_plan(slug="sestais", title="Sestais plāns", status=PlanStatus.DRAFTING)
        make_plan(slug="ceturtais", title="Ceturtais plāns", status=PlanStatus.COMPLETED)
        response = self.client.get(reverse("portal:plans"))
        for title in ("Piektais rīcības plāns", "Sestais plāns", "Ceturtais plāns"):
            self.assertContains(response, title)
        self.assertContains(response, "MK rīkojums Nr. 78")
        self.assertNoSecrets(response)

    def test_it_runs_a_fixed_number_of_queries(self):
        def grow():
            self.build(2)
            make_plan(slug="sestais", title="Sestais plāns", status=PlanStatus.DRAFTING)

        self.assertFixedQueries(reverse("portal:plans"), grow=grow)


class MeetingDraftTests(PortalTestCase):
    def test_a_meeting_becomes_visible_when_published(self):
        self.draft_meeting.status = MeetingStatus.PUBLISHED
        self.draft_meeting.save()
        self.assertContains(self.client.get(reverse("portal:home")), "Sēde Nr. 99")
