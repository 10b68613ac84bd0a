"""The outbox in the admin: the coordinator's read-only list with its filters, search and "retry now"."""

from django.urls import reverse
from django.utils import timezone

from notifications.models import MessageKind, OutgoingMessage
from tests.base import BaseTestCase

URL = reverse("admin:notifications_outgoingmessage_changelist")


def make_message(key, **kw):
    defaults = {"address": "a@example.invalid", "language": "lv", "kind": MessageKind.ENTRY_SUBMITTED}
    defaults.update(kw)
    return OutgoingMessage.objects.create(key=key, subject=f"Temats {key}", body="Teksts", **defaults)


class OutboxAdminTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        now = timezone.now()
        cls.sent = make_message("sent", sent_at=now, attempts=1)
        cls.waiting = make_message("waiting", next_attempt_at=now, kind=MessageKind.ROUND_OPENED)
        cls.failed = make_message(
            "failed", attempts=8, last_error="SMTPServerDisconnected", address="f@example.invalid"
        )

    def listed(self, query=""):
        response = self.client.get(URL + query)
        self.assertEqual(response.status_code, 200)
        return {row.key for row in response.context["cl"].result_list}

    def test_the_coordinator_sees_every_message(self):
        self.login(self.coordinator)
        self.assertEqual(self.listed(), {"sent", "waiting", "failed"})

    def test_it_filters_by_state_and_kind_and_searches_the_address(self):
        self.login(self.coordinator)
        self.assertEqual(self.listed("?state=sent"), {"sent"})
        self.assertEqual(self.listed("?state=unsent"), {"waiting", "failed"})
        self.assertEqual(self.listed("?state=failed"), {"failed"})
        self.assertEqual(self.listed(f"?kind__exact={MessageKind.ROUND_OPENED}"), {"waiting"})
        self.assertEqual(self.listed("?q=f%40example"), {"failed"})

    def test_it_rejects_institution_editors(self):
        self.login(self.editor)
        self.assertEqual(self.client.get(URL).status_code, 403)

    def test_it_is_read_only(self):
        self.login(self.coordinator)
        change = reverse("admin:notifications_outgoingmessage_change", args=[self.failed.pk])
        self.client.post(change, {"subject": "Cits"})
        self.failed.refresh_from_db()
        self.assertEqual(self.failed.subject, "Temats failed")

    def test_retry_now_makes_the_failed_message_due(self):
        self.login(self.coordinator)
        self.client.post(URL, {"action": "retry_now", "_selected_action": [self.failed.pk, self.sent.pk]})
        self.failed.refresh_from_db()
        self.sent.refresh_from_db()
        self.assertIsNotNone(self.failed.next_attempt_at)
        self.assertIsNone(self.sent.next_attempt_at)

    def test_the_list_costs_the_same_queries_however_many_rows(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.login(self.coordinator)
        with CaptureQueriesContext(connection) as few:
            self.listed()
        for n in range(5):
            make_message(f"more-{n}", recipient=self.editor)
        with CaptureQueriesContext(connection) as many:
            self.listed()
        self.assertEqual(len(many), len(few))
