"""The outbox: every e-mail the portal sends, queued in the transaction of the write that caused it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    ENTRY_SUBMITTED = "entry_submitted", _("Progress entry submitted")
    ENTRY_RETURNED = "entry_returned", _("Progress entry returned")
    ENTRY_APPROVED = "entry_approved", _("Progress entry approved")
    APPROVAL_WITHDRAWN = "approval_withdrawn", _("Approval withdrawn")
    ROUND_OPENED = "round_opened", _("Reporting round opened")
    REMINDER = "reminder", _("Deadline reminder")


class OutgoingMessageQuerySet(models.QuerySet):
    def due(self, now):
        """Unsent messages whose (next) attempt is due, oldest first: what the sender takes."""
        return self.filter(sent_at__isnull=True, next_attempt_at__lte=now).order_by("next_attempt_at", "pk")

    def sent(self):
        return self.filter(sent_at__isnull=False)

    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def failed(self):
        return self.unsent().exclude(last_error="")


class OutgoingMessage(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outgoing_messages",
    )
    # Kept as it was when queued: the message goes where the account pointed then.
    address = models.EmailField(_("address"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=30, choices=MessageKind.choices)
    # One message per event and recipient: queueing the same event twice is a no-op.
    key = models.CharField(_("key"), max_length=200, unique=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML text"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # Null: nothing more to try (sent, no address, or given up after MAX_ATTEMPTS).
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)

    objects = OutgoingMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | (Q(next_attempt_at__isnull=True) & Q(last_error="")),
                name="outgoingmessage_sent_is_final",
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | ~Q(address=""), name="outgoingmessage_sent_has_address"
            ),
        ]
        indexes = [
            # The sender's "due unsent messages": sent_at IS NULL AND next_attempt_at <= now ORDER BY
            # next_attempt_at; partial, so the sent archive never grows it.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(sent_at__isnull=True, next_attempt_at__isnull=False),
                name="outgoingmessage_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.address or '—'}: {self.subject}"
