from django.urls import reverse

from consultations.models import Consultation
from tests.test_portal_base import PortalTestCase


class ConsultationPagesTests(PortalTestCase):
    def test_list_shows_published_plans_consultations(self):
        response = self.client.get(reverse("portal:consultations"))
        content = self.assertNoSecrets(response)
        self.assertIn("Plāna aktualizācijas apspriešana", content)
        self.assertIn("2024. gada 2.–16. jūlijs", content)

    def test_detail_shows_each_proposal_answer_and_measures(self):
        response = self.client.get(reverse("portal:consultation", args=[self.consultation.pk]))
        content = self.assertNoSecrets(response)
        self.assertIn("Priekšlikums 1.1", content)
        self.assertIn("Ņemts vērā.", content)
        self.assertIn('class="outcome outcome--accepted"', content)
        self.assertIn("Pasākums 1.1", content)
        # The author is named as of the consultation (July 2024, after the ministry's rename on 1 July).
        self.assertIn("Viedās administrācijas un reģionālās attīstības ministrija", content)

    def test_consultation_of_an_unpublished_plan_is_not_found(self):
        hidden = Consultation.objects.get(plan=self.draft_plan)
        self.assertEqual(self.client.get(reverse("portal:consultation", args=[hidden.pk])).status_code, 404)

    def test_list_runs_a_fixed_number_of_queries(self):
        def grow():
            self.build(2)
            Consultation.objects.create(
                plan=self.plan, title="Otra", period_start=self.plan.period_start, period_end=self.plan.period_start
            )

        self.assertNoSecrets(self.assertFixedQueries(reverse("portal:consultations"), grow=grow))

    def test_detail_runs_a_fixed_number_of_queries(self):
        url = reverse("portal:consultation", args=[self.consultation.pk])
        self.assertNoSecrets(self.assertFixedQueries(url))
