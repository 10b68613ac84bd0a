import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ui.urls import object_url

from .querysets import INSTITUTION_ROLES, CommitmentQuerySet, MeasureQuerySet, ProgressEntryQuerySet
from .scales import DONE_STATUSES, Ambition, MeasureStatus, PotentialForResults, ReviewState, YesNo, is_overdue

# The scales are imported from here everywhere else.
__all__ = [
    "DONE_STATUSES",
    "INSTITUTION_ROLES",
    "Ambition",
    "Commitment",
    "Measure",
    "MeasureStatus",
    "PotentialForResults",
    "ProgressEntry",
    "ReviewState",
    "YesNo",
    "is_overdue",
]


class Commitment(models.Model):
    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="commitments"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    ogp_id = models.CharField(_("OGP ID"), max_length=20, blank=True)
    # OGP's four values; a commitment may serve several.
    value_access_to_information = models.BooleanField(_("access to information"), default=False)
    value_civic_participation = models.BooleanField(_("civic participation"), default=False)
    value_public_accountability = models.BooleanField(_("public accountability"), default=False)
    value_technology_innovation = models.BooleanField(
        _("technology and innovation for transparency and accountability"), default=False
    )
    lead_institutions = models.ManyToManyField(
        "institutions.Institution", verbose_name=_("lead institutions"), blank=True, related_name="led_commitments"
    )
    irm_verifiable = models.CharField(_("IRM: verifiable"), max_length=3, choices=YesNo.choices, blank=True)
    irm_relevant = models.CharField(
        _("IRM: relevant to open government"), max_length=3, choices=YesNo.choices, blank=True
    )
    irm_potential_for_results = models.CharField(
        _("IRM: potential for results"), max_length=12, choices=PotentialForResults.choices, blank=True
    )
    irm_ambition = models.CharField(_("IRM: ambition"), max_length=4, choices=Ambition.choices, blank=True)
    special_attention = models.BooleanField(
        _("special attention"),
        default=False,
        help_text=_("The whole commitment needs special attention (e.g. after the mid-term report)."),
    )

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="commitment_unique_number_in_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return object_url("portal:commitment", slug=self.plan.slug, number=self.number)  # lists of them

    @property
    def is_published(self) -> bool:
        """CommitmentQuerySet.published() for one commitment."""
        return self.plan.is_published

    @property
    def ogp_values(self) -> list[str]:
        fields = [
            "value_access_to_information",
            "value_civic_participation",
            "value_public_accountability",
            "value_technology_innovation",
        ]
        return [str(self._meta.get_field(f).verbose_name) for f in fields if getattr(self, f)]


class Measure(models.Model):
    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="measures"
    )
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.PROTECT, related_name="measures"
    )
    # Blank for the measures the sources name without a number (e.g. the refresh).
    number = models.CharField(_("number"), max_length=12, blank=True)
    order = models.PositiveSmallIntegerField(_("order within commitment"), default=0)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    expected_result = models.TextField(_("expected result"), blank=True)
    indicator = models.TextField(_("performance indicator"), blank=True)
    responsible_institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("responsible institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_for",
    )
    co_responsible_institutions = models.ManyToManyField(
        "institutions.Institution",
        verbose_name=_("co-responsible institutions"),
        blank=True,
        related_name="co_responsible_for",
    )
    other_implementers = models.ManyToManyField(
        "institutions.Institution",
        verbose_name=_("other implementers"),
        blank=True,
        related_name="implementer_of",
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.NO_INFORMATION
    )
    progress_percent = models.PositiveSmallIntegerField(_("progress, %"), null=True, blank=True)
    special_attention = models.BooleanField(_("special attention"), default=False)
    added_by_revision = models.ForeignKey(
        "plans.PlanRevision",
        verbose_name=_("added by revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="added_measures",
    )
    funding_sources = models.ManyToManyField(
        "plans.FundingSource", verbose_name=_("funding sources"), blank=True, related_name="measures"
    )
    internal_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Staff only: never shown on public pages or in exports.")
    )
    # Bumped by every service write; a stale form (older version) is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "commitment__number", "order", "number"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        permissions = [
            ("import_measure", "Can import measures"),
            ("export_measure", "Can export measures"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], condition=~Q(number=""), name="measure_unique_number_in_plan"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(due_date__isnull=True) | Q(start_date__lte=F("due_date")),
                name="measure_start_before_due",
            ),
            models.CheckConstraint(
                condition=Q(progress_percent__isnull=True) | Q(progress_percent__lte=100),
                name="measure_progress_0_100",
            ),
        ]
        indexes = [
            # Dashboard: status counts per plan and the status filter.
            models.Index(fields=["plan", "status"], name="measure_plan_status"),
            # Overdue list: due_date < today and not complete.
            models.Index(fields=["due_date"], name="measure_due_date"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return object_url("portal:measure", slug=self.plan.slug, pk=self.pk)  # one per row of a list

    def clean(self):
        if self.commitment_id and self.plan_id and self.commitment.plan_id != self.plan_id:
            raise ValidationError({"commitment": _("The commitment belongs to another plan.")})

    @property
    def is_published(self) -> bool:
        """MeasureQuerySet.published() for one measure."""
        return self.plan.is_published

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return is_overdue(self.status, self.due_date, today)

    @property
    def is_special_attention(self) -> bool:
        return self.special_attention or self.commitment.special_attention

    @property
    def entered_plan_on(self) -> datetime.date | None:
        """When it became part of the plan (names are shown as of then): its revision's decision, else approval."""
        revision = self.added_by_revision
        return revision.decided_on if revision else self.plan.approved_on or self.plan.period_start


class ProgressEntry(models.Model):
    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="progress_entries"
    )
    reporting_round = models.ForeignKey(
        "plans.ReportingRound", on_delete=models.PROTECT, related_name="entries", verbose_name=_("reporting round")
    )
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices)
    progress_percent = models.PositiveSmallIntegerField(_("progress, %"), null=True, blank=True)
    narrative = models.TextField(_("what was done"), blank=True)
    evidence_links = models.TextField(_("evidence links"), blank=True, help_text=_("One address per line."))
    challenges = models.TextField(_("challenges"), blank=True)
    review_state = models.CharField(
        _("review state"), max_length=10, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ProgressEntryQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "reporting_round__period_start"]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        permissions = [
            ("import_progressentry", "Can import progress entries"),
            ("export_progressentry", "Can export progress entries"),
            ("review_progressentry", "Can approve or return progress entries"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["measure", "reporting_round"], name="progressentry_one_per_round"),
            models.CheckConstraint(
                condition=Q(progress_percent__isnull=True) | Q(progress_percent__lte=100),
                name="progressentry_progress_0_100",
            ),
        ]
        indexes = [
            # Public timelines and the feed: approved entries, newest first.
            models.Index(fields=["review_state", "-reviewed_at"], name="progressentry_state_reviewed"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} — {self.reporting_round}"

    def is_editable_state(self) -> bool:
        """Draft or returned: its institution may still change and submit it."""
        return self.review_state in (ReviewState.DRAFT, ReviewState.RETURNED)

    def is_approved(self) -> bool:
        return self.review_state == ReviewState.APPROVED

    @property
    def is_published(self) -> bool:
        """ProgressEntryQuerySet.published() for one entry."""
        return self.review_state == ReviewState.APPROVED and self.measure.is_published

    def evidence_list(self) -> list[str]:
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]


from .evidence_models import EvidenceFile  # noqa: E402,F401 (a model of this app, in its own module)
