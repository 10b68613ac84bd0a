"""Queue e-mails in the caller's transaction; send the due ones (the worker's task, `manage.py send_outbox`).

The workflow services call `message_queue` inside their own transaction: a write that rolls back queues
nothing, and a committed one enqueues the sending task once it is committed. Each message has a unique
key (event and recipient), so an event queued twice is mailed once. Sending claims each message with a
conditional UPDATE before talking to the mail server, so two workers never send the same one; a failure
(SMTPException is an OSError) is stored and retried later with a growing delay.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from .models import OutgoingMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# While one sender holds a message, no other takes it; a sender that died mid-send frees it after this.
CLAIM_LEASE = datetime.timedelta(minutes=10)
BATCH = 100


@dataclass
class Queued:
    messages: list[OutgoingMessage] = field(default_factory=list)
    # Accounts with no address: recorded (visible in the admin as failed), never sent.
    skipped: list = field(default_factory=list)


def recipient_language(user) -> str:
    """Accounts have no language of their own yet: every message is in the site's default language."""
    return settings.LANGUAGE_CODE


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _render(base: str, context: dict) -> tuple[str, str]:
    subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
    return subject[:255], render_to_string(f"{base}.txt", context)


def _queue_one(*, user, kind: str, key: str, template: str, context: dict) -> OutgoingMessage | None:
    language = recipient_language(user)
    with translation.override(language):
        subject, body = _render(template, {**context, "recipient": user})
    address = (user.email or "").strip()
    message = OutgoingMessage(
        recipient=user,
        address=address,
        language=language,
        kind=kind,
        key=f"{key}:{user.pk}"[:200],
        subject=subject,
        body=body,
        next_attempt_at=timezone.now() if address else None,
        last_error="" if address else gettext("The account has no e-mail address."),
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return None  # this event was already queued for this account
    return message


def message_queue(*, recipients, kind: str, key: str, template: str, context: dict) -> Queued:
    """One message per recipient, each rendered in the recipient's language; call inside the write's
    transaction. `template` is the templates' path less "_subject.txt" / ".txt" (e.g.
    "notifications/email/entry_submitted"); `key` names the event (e.g. "entry_submitted:12:v3"), the
    recipient's id is added."""
    queued = Queued()
    for user in recipients:
        message = _queue_one(user=user, kind=kind, key=key, template=template, context=context)
        if message is None:
            continue
        if message.address:
            queued.messages.append(message)
        else:
            queued.skipped.append(user)
            logger.warning("No e-mail address for account %s: %s not sent", user.pk, kind)
    if queued.messages:
        transaction.on_commit(_enqueue_sending)
    return queued


def _enqueue_sending() -> None:
    from .tasks import send_due_messages  # the task module imports this one

    try:
        send_due_messages.enqueue()
    except Exception:  # noqa: BLE001 - the messages wait in the outbox for the next run or cron
        logger.exception("Could not enqueue the outbox sender")


def retry_delay(attempts: int) -> datetime.timedelta:
    """1, 2, 4, … minutes after each failure, at most a day."""
    return min(datetime.timedelta(minutes=2 ** max(attempts - 1, 0)), datetime.timedelta(days=1))


def _claim(message: OutgoingMessage, now) -> bool:
    """Take the message if nobody else has since we read it (the conditional UPDATE is the lock)."""
    claimed = OutgoingMessage.objects.filter(
        pk=message.pk, sent_at__isnull=True, next_attempt_at=message.next_attempt_at
    ).update(next_attempt_at=now + CLAIM_LEASE)
    return claimed == 1


def _candidates(now) -> list[OutgoingMessage]:
    with transaction.atomic():
        # PostgreSQL: rows another sender is reading are skipped, not waited for; SQLite ignores this and
        # relies on the claim alone.
        rows = OutgoingMessage.objects.due(now).select_for_update(skip_locked=True)[:BATCH]
        return [message for message in rows if _claim(message, now)]


def _send(message: OutgoingMessage, connection) -> None:
    email = EmailMultiAlternatives(
        message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.address], connection=connection
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    email.send(fail_silently=False)


def _record_failure(message: OutgoingMessage, error: Exception) -> None:
    attempts = message.attempts + 1
    retry = timezone.now() + retry_delay(attempts) if attempts < MAX_ATTEMPTS else None
    OutgoingMessage.objects.filter(pk=message.pk).update(
        attempts=attempts, last_error=f"{type(error).__name__}: {error}"[:2000], next_attempt_at=retry
    )
    logger.warning("E-mail %s to %s not sent (attempt %s): %s", message.pk, message.address, attempts, error)


def messages_send_due(*, now: datetime.datetime | None = None) -> int:
    """Send every due message once; returns how many were sent."""
    sent = 0
    connection = get_connection(fail_silently=False)
    while batch := _candidates(now or timezone.now()):
        for message in batch:
            try:
                _send(message, connection)
            except OSError as error:  # smtplib.SMTPException is an OSError
                _record_failure(message, error)
                continue
            OutgoingMessage.objects.filter(pk=message.pk).update(
                sent_at=timezone.now(), next_attempt_at=None, last_error="", attempts=F("attempts") + 1
            )
            sent += 1
        if len(batch) < BATCH:
            break
    return sent


def messages_retry_now(*, messages) -> int:
    """The admin's "retry now": unsent messages with an address are due again at once."""
    count = messages.unsent().exclude(address="").update(next_attempt_at=timezone.now())
    if count:
        transaction.on_commit(_enqueue_sending)
    return count
