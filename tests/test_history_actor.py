"""History rows with no account say who wrote them: the loader of the source documents, or the system."""

from django.urls import reverse

from commitments.models import Measure
from ogp_portal.history.actors import SOURCE_LOAD_REASON
from sourcedata.loading.writes import CHANGE_REASON
from tests.base import BaseTestCase
from tests.factories import make_measure


class HistoryActorTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.measure = make_measure()

    def history_page(self):
        self.login(self.coordinator)
        return self.client.get(reverse("admin:commitments_measure_history", args=[self.measure.pk]))

    def test_the_loaders_rows_name_the_source_documents(self):
        Measure.history.filter(id=self.measure.pk).update(history_change_reason=SOURCE_LOAD_REASON)
        response = self.history_page()
        self.assertContains(response, "ielādēts no avota dokumentiem")
        self.assertNotContains(response, "nezināms lietotājs")
        self.assertNotContains(response, "unknown user")

    def test_other_rows_without_an_account_are_the_systems(self):
        self.assertContains(self.history_page(), "sistēma (bez konta)")

    def test_the_loader_writes_the_reason_the_pages_recognise(self):
        self.assertEqual(CHANGE_REASON, SOURCE_LOAD_REASON)
