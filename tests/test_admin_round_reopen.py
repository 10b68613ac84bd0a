"""Reopening a closed reporting round: the coordinator's action, with a reason kept in its history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from plans import services
from plans.models import ReportingRound, RoundStatus
from tests.base import BaseTestCase
from tests.factories import make_plan, make_round

URL = reverse("admin:plans_reportinground_changelist")


class RoundReopenTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(slug="reopen-plan")
        cls.closed = make_round(plan=cls.plan, status=RoundStatus.CLOSED)

    def test_the_admin_reopens_with_the_reason_in_the_history(self):
        self.login(self.coordinator)
        data = {"action": "reopen_rounds", "_selected_action": [self.closed.pk], "index": 0}
        self.assertContains(self.client.post(URL, data), 'name="reason"')
        self.client.post(URL, {**data, "reason": "Vēlās atskaites", "apply": "1"})
        self.closed.refresh_from_db()
        self.assertEqual(self.closed.status, RoundStatus.OPEN)
        latest = ReportingRound.history.filter(id=self.closed.pk).latest("history_id")
        self.assertIn("Vēlās atskaites", latest.history_change_reason)
        self.assertEqual(latest.history_user, self.coordinator)

    def test_it_requires_a_reason(self):
        with self.assertRaises(ValidationError):
            services.round_reopen(reporting_round=self.closed, user=self.coordinator, reason=" ")
        self.assertEqual(ReportingRound.objects.get(pk=self.closed.pk).status, RoundStatus.CLOSED)

    def test_it_reopens_only_closed_rounds(self):
        planned = make_round(plan=make_plan(slug="reopen-planned"), status=RoundStatus.PLANNED)
        with self.assertRaises(ValidationError):
            services.round_reopen(reporting_round=planned, user=self.coordinator, reason="Kļūda")

    def test_it_refuses_a_second_open_round_in_the_plan(self):
        make_round(plan=self.plan, status=RoundStatus.OPEN)
        with self.assertRaises(ValidationError):
            services.round_reopen(reporting_round=self.closed, user=self.coordinator, reason="Kļūda")

    def test_it_rejects_institution_editors(self):
        with self.assertRaises(PermissionDenied):
            services.round_reopen(reporting_round=self.closed, user=self.editor, reason="Kļūda")
