from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class InstitutionEditor(models.Model):
    """Links an account to an institution it reports for.

    The link is what scopes an institution editor: the measures their institution is responsible for,
    co-responsible for or implements, and the progress entries of those measures.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="institution_links",
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="editor_links",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Who was given access to what, and by whom, is part of the audit trail.
    history = HistoricalRecords()

    class Meta:
        ordering = ["institution", "user"]
        verbose_name = _("institution editor")
        verbose_name_plural = _("institution editors")
        constraints = [
            models.UniqueConstraint(fields=["user", "institution"], name="institutioneditor_unique_link"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.institution}"


class ReminderKind(models.TextChoices):
    DEADLINE_SOON = "deadline_soon", _("Deadline approaching")
    OVERDUE = "overdue", _("Deadline passed")


class Reminder(models.Model):
    """One reminder e-mail that was sent; the unique constraint keeps cron from sending it twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="reminders"
    )
    reporting_round = models.ForeignKey(
        "plans.ReportingRound", verbose_name=_("reporting round"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    measure_count = models.PositiveIntegerField(_("measures still to report"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["user", "reporting_round", "kind"], name="reminder_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.reporting_round} ({self.get_kind_display()})"
