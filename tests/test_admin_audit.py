"""The coordinator's view of all changes: who, when, what and why, filtered, paged and exported as CSV."""

import csv
import io

from django.test import override_settings
from django.urls import reverse
from django.utils.text import capfirst

from commitments import services as commitment_services
from commitments.models import Measure, MeasureStatus
from plans import services as plan_services
from plans.models import RoundStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_measure, make_plan, make_round

URL = reverse("admin_audit")


class AuditViewTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(slug="audit-plan")
        cls.measure = make_measure(make_commitment(plan=cls.plan), title="Atvērto datu pasākums")
        commitment_services.measure_update_status(
            measure=Measure.objects.get(pk=cls.measure.pk),
            status=MeasureStatus.COMPLETE,
            user=cls.coordinator,
            reason="Ziņojums apstiprināts",
        )
        cls.round = make_round(plan=cls.plan, status=RoundStatus.PLANNED)
        plan_services.round_open(reporting_round=cls.round, user=cls.coordinator)

    def get(self, **params):
        self.login(self.coordinator)
        return self.client.get(URL, params)

    def test_it_lists_changes_across_models_with_who_what_and_why(self):
        response = self.get()
        self.assertContains(response, "Ziņojums apstiprināts")
        self.assertContains(response, "Atvērto datu pasākums")
        self.assertContains(response, str(self.round))
        self.assertContains(response, "coordinator")
        self.assertContains(response, capfirst(Measure._meta.get_field("status").verbose_name))

    def test_it_filters_by_model_and_reason(self):
        response = self.get(model="plans.reportinground")
        self.assertNotContains(response, "Ziņojums apstiprināts")
        self.assertContains(response, str(self.round))
        response = self.get(reason="apstiprin")
        self.assertContains(response, "Ziņojums apstiprināts")
        self.assertNotContains(response, str(self.round))

    def test_it_filters_by_user(self):
        response = self.get(user=self.editor.pk)
        self.assertNotContains(response, "Ziņojums apstiprināts")

    def test_the_csv_has_the_same_rows_with_a_bom(self):
        response = self.get(reason="apstiprin", format="csv")
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        body = response.content.decode("utf-8")
        self.assertTrue(body.startswith("\ufeff"))
        rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
        self.assertEqual(len(rows), 2)  # the header and the one status change
        self.assertEqual(rows[1][-1], "Ziņojums apstiprināts")
        self.assertEqual(rows[1][5], "coordinator")

    def test_it_rejects_institution_editors(self):
        self.login(self.editor)
        self.assertEqual(self.client.get(URL).status_code, 403)

    def test_it_sends_anonymous_visitors_to_the_login(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 302)
        self.assertIn("login", response["Location"])

    def test_the_admin_home_links_to_it_for_the_coordinator_only(self):
        self.login(self.coordinator)
        self.assertContains(self.client.get(reverse("admin:index")), URL)
        self.login(self.editor)
        self.assertNotContains(self.client.get(reverse("admin:index")), URL)

    @override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False)
    def test_its_queries_do_not_grow_with_the_rows(self):
        self.login(self.coordinator)
        self.client.get(URL)  # session, permissions and content types warmed
        with self.assertNumQueries(self._queries()):
            self.client.get(URL)
        for n in range(5):
            commitment_services.measure_update_status(
                measure=Measure.objects.get(pk=self.measure.pk),
                status=MeasureStatus.LIMITED if n % 2 == 0 else MeasureStatus.COMPLETE,
                user=self.coordinator,
                reason=f"Labojums {n}",
            )
        with self.assertNumQueries(self._queries()):
            self.client.get(URL)

    def _queries(self) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            self.client.get(URL)
        return len(queries)
