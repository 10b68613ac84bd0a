"""Built PDF reports: one row per version of a plan's report in one language.

A row is created when a build is requested; the worker fills in the PDF. Once
the PDF is stored it is never rewritten: publishing only records who made it
public and when, and regenerating creates the next version beside it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plans.models import ActionPlanQuerySet


class ReportKind(models.TextChoices):
    MIDTERM = "midterm", _("Mid-term report")
    FINAL = "final", _("Final report")
    REFRESH = "refresh", _("Information on the plan refresh")


class ReportLanguage(models.TextChoices):
    # Own context: "Latvian" alone is the language switch's label elsewhere.
    LV = "lv", pgettext_lazy("report language", "Latvian")
    EN = "en", pgettext_lazy("report language", "English")


class BuildState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


def report_upload_to(report: "Report", filename: str) -> str:
    return f"reports/{report.plan.slug}/{report.kind}-{report.language}-v{report.version}-{report.sha256[:12]}.pdf"


class ReportQuerySet(models.QuerySet):
    def published(self):
        """Reports someone published, of a plan that is still published."""
        return self.filter(Q(published_at__isnull=False) & ActionPlanQuerySet.published_filter("plan__"))

    def listed(self):
        """In the public list's order (the reports page and its downloads): newest plan first, then by kind,
        Latvian before English, newest version first."""
        return self.order_by("-plan__period_start", "plan_id", "kind", "-language", "-version")


class Report(models.Model):
    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=ReportLanguage.choices)
    version = models.PositiveSmallIntegerField(_("version"), editable=False)
    as_of = models.DateField(_("as of"), help_text=_("Data and institution names as they stood on this date."))

    state = models.CharField(_("build state"), max_length=10, choices=BuildState.choices, default=BuildState.QUEUED)
    task_id = models.CharField(_("task ID"), max_length=64, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True, editable=False)

    file = models.FileField(_("PDF file"), upload_to=report_upload_to, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size, bytes"), null=True, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)

    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "kind", "language", "-version"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        permissions = [("publish_report", "Can publish reports")]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "language", "version"], name="report_unique_version"),
            models.CheckConstraint(condition=Q(version__gte=1), name="report_version_positive"),
            # A stored PDF always carries its hash; a done build always has both.
            models.CheckConstraint(
                condition=Q(sha256="", file="") | (~Q(sha256="") & ~Q(file="")),
                name="report_file_has_hash",
            ),
            models.CheckConstraint(condition=~Q(state=BuildState.DONE) | ~Q(file=""), name="report_done_has_file"),
            # Only a finished build can be published, and publishing records who did it.
            models.CheckConstraint(
                condition=Q(published_at__isnull=True, published_by__isnull=True)
                | (Q(state=BuildState.DONE) & Q(published_at__isnull=False) & Q(published_by__isnull=False)),
                name="report_published_is_done",
            ),
        ]
        indexes = [
            # Public list: published reports, newest first.
            models.Index(fields=["-published_at"], condition=Q(published_at__isnull=False), name="report_published"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {self.get_kind_display()} ({self.language}, v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("reports:download", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        """Someone published it (its plan may since have been unpublished: see is_public)."""
        return self.published_at is not None

    @property
    def is_public(self) -> bool:
        """ReportQuerySet.published() for one report."""
        return self.is_published and self.plan.is_published

    def download_filename(self) -> str:
        return f"{self.plan.slug}-{self.kind}-{self.language}-v{self.version}.pdf"


class WorkerHeartbeat(models.Model):
    """The background worker's last sign of life (`manage.py worker` records it every half minute).

    The reports list reads it when a build has waited too long, to say whether the worker is down or busy.
    """

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.worker_id
