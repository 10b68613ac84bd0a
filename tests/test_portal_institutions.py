from unittest import mock

from django.urls import reverse
from django.utils import translation

from tests.factories import make_institution
from tests.test_portal_base import TODAY, PortalTestCase

today = mock.patch("django.utils.timezone.localdate", return_value=TODAY)


@today
class InstitutionPagesTests(PortalTestCase):
    def test_list_shows_involved_institutions_with_counts(self, _):
        make_institution(slug="uninvolved", name="Neiesaistīta iestāde")
        response = self.client.get(reverse("portal:institutions"))
        content = self.assertNoSecrets(response)
        self.assertIn("Viedās administrācijas un reģionālās attīstības ministrija", content)
        self.assertIn("Sabiedriskās politikas centrs PROVIDUS", content)
        self.assertNotIn("Neiesaistīta iestāde", content)

    def test_counts_exclude_unpublished_plans(self, _):
        content = self.client.get(reverse("portal:institutions")).content.decode()
        # VARAM is responsible for the one published measure (and one in the unpublished plan).
        row = content.split("/iestades/varam/", 1)[1].split("</tr>", 1)[0]
        self.assertIn('<td class="num">1</td>', row)

    def test_detail_lists_measures_by_role_and_earlier_names(self, _):
        response = self.client.get(reverse("portal:institution", args=["varam"]))
        content = self.assertNoSecrets(response)
        self.assertIn("Vides aizsardzības un reģionālās attīstības ministrija", content)
        self.assertIn("lietots līdz 2024. gada 30. jūnijam", content)
        self.assertIn("Pasākumi, par kuriem atbildīga", content)
        self.assertIn("Pasākums 1.1", content)

        partner = self.client.get(reverse("portal:institution", args=["providus"])).content.decode()
        self.assertIn("Pasākumi, kuru īstenošanā piedalās", partner)

    def test_detail_in_english_uses_english_names_and_marks_missing_ones(self, _):
        with translation.override("en"):
            varam = self.client.get(reverse("portal:institution", args=["varam"])).content.decode()
            ngo = self.client.get(reverse("portal:institution", args=["providus"])).content.decode()
        self.assertIn("Ministry of Environmental Protection and Regional Development", varam)
        self.assertIn("used until 30 June 2024", varam)
        self.assertIn('<span lang="lv">Sabiedriskās politikas centrs PROVIDUS</span>', ngo)

    def test_list_runs_a_fixed_number_of_queries(self, _):
        def grow():
            self.build(3)
            make_institution(slug="cita")

        self.assertFixedQueries(reverse("portal:institutions"), grow=grow)

    def test_detail_runs_a_fixed_number_of_queries(self, _):
        self.assertNoSecrets(self.assertFixedQueries(reverse("portal:institution", args=["varam"])))
