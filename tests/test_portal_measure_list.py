from unittest import mock

from django.urls import reverse
from django.utils import translation

from commitments.models import Measure
from portal.views.measures import PAGE_SIZE
from tests.test_portal_base import TODAY, PortalTestCase

today = mock.patch("django.utils.timezone.localdate", return_value=TODAY)
URL = reverse("portal:measures")


@today
class MeasureListTests(PortalTestCase):
    def test_it_lists_public_measures_only(self, _):
        response = self.client.get(URL)
        self.assertContains(response, "Pasākums 1.1")
        self.assertContains(response, "Atrasts 1 pasākums")
        self.assertNoSecrets(response)

    def test_filters_live_in_the_url_and_work_without_javascript(self, _):
        self.build(3)
        response = self.client.get(URL, {"q": "Pasākums", "status": ["substantial"], "institution": "varam"})
        content = response.content.decode()
        expected = Measure.objects.published().filter(status="substantial").count()
        self.assertGreater(expected, 0)
        self.assertIn(f"Atrasti {expected} pasākumi", content)
        # The form shows the state it was submitted with.
        self.assertIn('value="Pasākums"', content)
        self.assertRegex(content, r'<input type="checkbox" name="status" value="substantial"[^>]*checked')
        self.assertRegex(content, r'<option value="varam" selected>')
        self.assertIn("Notīrīt visus filtrus", content)

    def test_a_search_for_a_draft_finds_nothing(self, _):
        response = self.client.get(URL, {"q": "SECRET"})
        self.assertContains(response, "Neviens pasākums neatbilst šiem filtriem.")
        self.assertNotContains(response, "measure of an unpublished plan")

    def test_an_unpublished_plan_cannot_be_chosen(self, _):
        response = self.client.get(URL, {"plan": "slepenais"})
        self.assertContains(response, "Dažus filtrus nevarēja izmantot")
        self.assertNotContains(response, "unpublished plan")

    def test_pagination_keeps_the_filters(self, _):
        self.build(6)  # 1 + 36 measures
        response = self.client.get(URL, {"special_attention": "on", "q": "Pasākums"})
        self.assertContains(response, "Atrasti 7 pasākumi")
        response = self.client.get(URL, {"q": "Pasākums"})
        count = Measure.objects.published().count()
        self.assertContains(response, f"Atrasti {count} pasākumi")
        self.assertContains(response, "?q=Pas%C4%81kums&amp;page=2")
        page2 = self.client.get(URL, {"q": "Pasākums", "page": 2})
        self.assertContains(page2, f"Rāda {PAGE_SIZE + 1}.–{count}.")
        self.assertContains(page2, 'aria-current="page"')

    def test_overdue_filter(self, _):
        self.build(3)
        response = self.client.get(URL, {"overdue": "on"})
        overdue = Measure.objects.published().overdue(TODAY).count()
        self.assertContains(response, f"Atrasti {overdue} pasākumi")

    def test_english_page_lists_english_status_labels(self, _):
        with translation.override("en"):
            response = self.client.get(reverse("portal:measures"))
        self.assertContains(response, "Substantial")
        self.assertContains(response, "1 measure found")

    def test_it_runs_a_fixed_number_of_queries(self, _):
        self.assertNoSecrets(self.assertFixedQueries(URL, grow=lambda: self.build(6)))

    def test_filtered_list_runs_a_fixed_number_of_queries(self, _):
        url = f"{URL}?q=Pas%C4%81kums&institution=varam&status=complete&status=substantial&plan=piektais"
        self.assertFixedQueries(url, grow=lambda: self.build(6))
