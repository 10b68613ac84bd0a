"""manage.py send_reminders: before the deadline, after it, once each, only to those still due; sent
through the outbox (notifications)."""

import datetime
from io import StringIO
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from accounts.models import Reminder, ReminderKind
from commitments.models import MeasureStatus, ReviewState
from commitments.reminders import send_reminders as queue_reminders
from notifications.models import OutgoingMessage
from notifications.services import messages_send_due
from plans.models import RoundStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_measure, make_plan, make_round

DEADLINE = datetime.date(2025, 3, 31)


def send_reminders(**kwargs):
    """Queue the reminders and send the outbox, as the worker would after the commit."""
    queued = queue_reminders(**kwargs)
    messages_send_due()
    return queued


@override_settings(REMINDER_DAYS_BEFORE_DEADLINE=7)
class ReminderTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan = make_plan()
        commitment = make_commitment(plan=plan)
        cls.own = make_measure(commitment, responsible_institution=cls.institution, title_lv="Mūsu pasākums")
        cls.foreign = make_measure(commitment, responsible_institution=cls.other_institution)
        cls.round = make_round(plan=plan, status=RoundStatus.OPEN, deadline=DEADLINE)

    def test_nothing_is_sent_long_before_the_deadline(self):
        self.assertEqual(send_reminders(today=DEADLINE - datetime.timedelta(days=8)), [])
        self.assertEqual(len(mail.outbox), 0)

    def test_it_reminds_each_editor_n_days_before_the_deadline(self):
        sent = send_reminders(today=DEADLINE - datetime.timedelta(days=7))
        self.assertEqual({item.user for item in sent}, {self.editor, self.other_editor})
        self.assertEqual(len(mail.outbox), 2)
        message = next(m for m in mail.outbox if m.to == [self.editor.email])
        self.assertIn(self.own.title_lv, message.body)
        self.assertNotIn(str(self.foreign), message.body)
        self.assertIn("31.03.2025", message.subject)
        self.assertTrue(Reminder.objects.filter(user=self.editor, kind=ReminderKind.DEADLINE_SOON).exists())

    def test_it_never_sends_the_same_reminder_twice(self):
        send_reminders(today=DEADLINE - datetime.timedelta(days=5))
        send_reminders(today=DEADLINE - datetime.timedelta(days=3))
        self.assertEqual(len(mail.outbox), 2)
        self.assertEqual(Reminder.objects.count(), 2)

    def test_it_reminds_the_late_ones_after_the_deadline(self):
        send_reminders(today=DEADLINE - datetime.timedelta(days=5))
        make_entry(self.foreign, self.round, review_state=ReviewState.SUBMITTED)
        mail.outbox.clear()
        sent = send_reminders(today=DEADLINE + datetime.timedelta(days=1))
        self.assertEqual([(item.user, item.kind) for item in sent], [(self.editor, ReminderKind.OVERDUE)])
        self.assertEqual(len(mail.outbox), 1)

    def test_a_draft_does_not_count_as_reported(self):
        make_entry(self.own, self.round, review_state=ReviewState.DRAFT)
        sent = send_reminders(today=DEADLINE)
        self.assertIn(self.editor, {item.user for item in sent})

    def test_completed_measures_need_no_report(self):
        self.own.status = MeasureStatus.COMPLETE
        self.own.save()
        sent = send_reminders(today=DEADLINE)
        self.assertNotIn(self.editor, {item.user for item in sent})

    def test_closed_rounds_send_nothing(self):
        self.round.status = RoundStatus.CLOSED
        self.round.save()
        self.assertEqual(send_reminders(today=DEADLINE + datetime.timedelta(days=1)), [])

    def test_a_failed_send_stays_in_the_outbox_and_is_retried(self):
        with mock.patch("notifications.services.EmailMultiAlternatives.send", side_effect=OSError("smtp down")):
            self.assertEqual(len(send_reminders(today=DEADLINE)), 2)
        self.assertEqual(len(mail.outbox), 0)
        self.assertEqual(OutgoingMessage.objects.failed().count(), 2)
        # Tomorrow's run queues nothing new; the outbox retries the two when they are due again.
        self.assertEqual(queue_reminders(today=DEADLINE), [])
        messages_send_due(now=timezone.now() + datetime.timedelta(hours=1))
        self.assertEqual(len(mail.outbox), 2)

    def test_the_command_reports_what_it_sent(self):
        out = StringIO()
        call_command("send_reminders", "--date", "2025-03-30", stdout=out)
        self.assertIn("Queued 2 reminder(s).", out.getvalue())
        self.assertIn("Sent 2 message(s) from the outbox.", out.getvalue())
        self.assertEqual(len(mail.outbox), 2)
        out = StringIO()
        call_command("send_reminders", "--date", "2025-03-30", "--dry-run", stdout=out)
        self.assertIn("Would send 0 reminder(s).", out.getvalue())
