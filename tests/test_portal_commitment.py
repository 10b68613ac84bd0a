from unittest import mock

from django.urls import reverse

from commitments.models import Ambition, Commitment, YesNo
from tests.test_portal_base import TODAY, PortalTestCase

today = mock.patch("django.utils.timezone.localdate", return_value=TODAY)


@today
class CommitmentPageTests(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.commitment = Commitment.objects.filter(plan=cls.plan).order_by("number").first()
        cls.commitment.description = "Apņemšanās apraksts."
        cls.commitment.ogp_id = "LV0046"
        cls.commitment.value_civic_participation = True
        cls.commitment.irm_verifiable = YesNo.YES
        cls.commitment.irm_ambition = Ambition.HIGH
        cls.commitment.save()

    def url(self):
        return reverse("portal:commitment", args=["piektais", self.commitment.number])

    def test_it_shows_description_values_leads_ratings_and_measures(self, _):
        response = self.client.get(self.url())
        content = self.assertNoSecrets(response)
        self.assertIn("Apņemšanās apraksts.", content)
        self.assertIn("LV0046", content)
        self.assertIn("Sabiedrības līdzdalība", content)
        self.assertIn("Valsts kanceleja", content)  # lead institution
        self.assertIn("Augsta", content)  # IRM ambition
        self.assertIn("Pasākums 1.1", content)
        self.assertIn('class="badge badge--complete"', content)

    def test_schedule_chart_has_a_table_and_a_finding(self, _):
        self.build(3)
        commitment = Commitment.objects.filter(plan=self.plan).order_by("-number").first()
        response = self.client.get(reverse("portal:commitment", args=["piektais", commitment.number]))
        content = response.content.decode()
        self.assertIn('id="timeline-chart-t"', content)
        self.assertIn("Katra pasākuma plānotais sākums un izpildes termiņš", content)
        self.assertIn("2 no 3 pasākumiem ir pāri termiņam un nav īstenoti", content)

    def test_a_commitment_without_irm_rating_says_so(self, _):
        self.build(1)
        commitment = Commitment.objects.filter(plan=self.plan).order_by("-number").first()
        response = self.client.get(reverse("portal:commitment", args=["piektais", commitment.number]))
        self.assertContains(response, "Šai apņemšanās nav zināma IRM vērtējuma.")

    def test_commitment_of_an_unpublished_plan_is_not_found(self, _):
        self.assertEqual(self.client.get(reverse("portal:commitment", args=["slepenais", 1])).status_code, 404)

    def test_it_runs_a_fixed_number_of_queries(self, _):
        def grow():
            for number in ("1.5", "1.6", "1.7"):
                measure = self.commitment.measures.first()
                measure.pk = None
                measure.number = number
                measure.save()
            self.commitment.lead_institutions.add(self.ministry, self.ngo)

        self.assertNoSecrets(self.assertFixedQueries(self.url(), grow=grow))
