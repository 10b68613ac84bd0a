"""The outbox's sender: each message once, a failure kept and retried later, nothing more after the last try."""

import datetime
import smtplib
from io import StringIO

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from notifications import services
from notifications.models import MessageKind, OutgoingMessage
from tests.base import BaseTestCase

FAILING = "tests.test_notifications_outbox.FailingBackend"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("the server went away")


def later(**delta):
    return timezone.now() + datetime.timedelta(**delta)


class OutboxTests(BaseTestCase):
    def queue(self, key="event:1", recipients=None):
        return services.message_queue(
            recipients=recipients or [self.editor, self.other_editor],
            kind=MessageKind.ROUND_OPENED,
            key=key,
            template="notifications/email/round_opened",
            context={"round": "Kārta", "plan": "Plāns", "reopened": True, "reason": "Labojums", "url": "http://x/"},
        )

    def test_it_sends_each_due_message_once(self):
        self.queue()
        self.assertEqual(services.messages_send_due(), 2)
        self.assertEqual(services.messages_send_due(), 0)
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), sorted([self.editor.email, self.other_editor.email]))
        self.assertEqual(OutgoingMessage.objects.sent().count(), 2)
        self.assertTrue(all(m.attempts == 1 and m.last_error == "" for m in OutgoingMessage.objects.all()))

    def test_the_same_event_is_queued_once(self):
        self.queue()
        self.assertEqual(self.queue().messages, [])
        self.assertEqual(OutgoingMessage.objects.count(), 2)

    @override_settings(TASKS=IMMEDIATE)
    def test_the_commit_enqueues_the_sender(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.queue()
            self.assertEqual(len(mail.outbox), 0)
        self.assertEqual(len(mail.outbox), 2)

    def test_the_task_sends_the_due_messages(self):
        from notifications.tasks import send_due_messages

        self.queue()
        self.assertEqual(send_due_messages.call(), 2)
        self.assertEqual(len(mail.outbox), 2)

    @override_settings(EMAIL_BACKEND=FAILING)
    def test_a_failure_is_kept_and_retried_later(self):
        self.queue(recipients=[self.editor])
        self.assertEqual(services.messages_send_due(), 0)
        message = OutgoingMessage.objects.get()
        self.assertIsNone(message.sent_at)
        self.assertEqual(message.attempts, 1)
        self.assertIn("the server went away", message.last_error)
        self.assertGreater(message.next_attempt_at, timezone.now())
        # Not due yet: nothing is tried again at once.
        self.assertEqual(services.messages_send_due(), 0)
        self.assertEqual(OutgoingMessage.objects.get().attempts, 1)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self.assertEqual(services.messages_send_due(now=later(minutes=5)), 1)
        message.refresh_from_db()
        self.assertIsNotNone(message.sent_at)
        self.assertEqual((message.attempts, message.last_error, message.next_attempt_at), (2, "", None))
        self.assertEqual(len(mail.outbox), 1)

    @override_settings(EMAIL_BACKEND=FAILING)
    def test_it_gives_up_after_the_last_attempt(self):
        self.queue(recipients=[self.editor])
        for day in range(services.MAX_ATTEMPTS):
            services.messages_send_due(now=later(days=day + 1))
        message = OutgoingMessage.objects.get()
        self.assertEqual(message.attempts, services.MAX_ATTEMPTS)
        self.assertIsNone(message.next_attempt_at)
        self.assertEqual(list(OutgoingMessage.objects.failed()), [message])

    def test_the_delay_grows_and_is_capped(self):
        delays = [services.retry_delay(n) for n in range(1, 20)]
        self.assertEqual(delays[:3], [datetime.timedelta(minutes=m) for m in (1, 2, 4)])
        self.assertEqual(max(delays), datetime.timedelta(days=1))

    def test_a_message_another_sender_claimed_is_not_sent_again(self):
        self.queue(recipients=[self.editor])
        message = OutgoingMessage.objects.get()
        self.assertTrue(services._claim(message, timezone.now()))
        # A second sender read the row before the claim: its conditional UPDATE finds nothing to take.
        self.assertFalse(services._claim(message, timezone.now()))
        self.assertEqual(services.messages_send_due(), 0)
        self.assertEqual(len(mail.outbox), 0)

    def test_an_account_without_an_address_is_skipped_and_reported(self):
        self.editor.email = ""
        queued = self.queue()
        self.assertEqual(queued.skipped, [self.editor])
        self.assertEqual([m.recipient for m in queued.messages], [self.other_editor])
        self.assertEqual(services.messages_send_due(), 1)
        self.assertEqual([m.to for m in mail.outbox], [[self.other_editor.email]])

    def test_retry_now_makes_unsent_messages_due(self):
        self.queue(recipients=[self.editor])
        OutgoingMessage.objects.update(next_attempt_at=later(hours=3), attempts=2, last_error="x")
        self.assertEqual(services.messages_send_due(), 0)
        self.assertEqual(services.messages_retry_now(messages=OutgoingMessage.objects.all()), 1)
        self.assertEqual(services.messages_send_due(), 1)

    def test_the_command_sends_the_outbox(self):
        self.queue()
        out = StringIO()
        call_command("send_outbox", stdout=out)
        self.assertIn("Sent 2 message(s).", out.getvalue())
        self.assertEqual(len(mail.outbox), 2)
