import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFTING = "drafting", _("Drafting")
    CONSULTATION = "consultation", _("Public consultation")
    IMPLEMENTATION = "implementation", _("In implementation")
    COMPLETED = "completed", _("Completed")


class ActionPlanQuerySet(models.QuerySet):
    """What the public sees starts here: everything of a plan is public only while the plan is published."""

    @staticmethod
    def published_filter(prefix: str = "") -> Q:
        """The rule as a condition on the plan reached through `prefix` (e.g. "measure__plan__")."""
        return Q(**{f"{prefix}is_published": True})

    def published(self):
        return self.filter(self.published_filter())

    def with_counts(self):
        """Each plan's number of commitments and measures (`n_commitments`, `n_measures`)."""
        return self.annotate(
            n_commitments=models.Count("commitments", distinct=True),
            n_measures=models.Count("measures", distinct=True),
        )

    def of_institutions(self, ids):
        """Plans these institutions coordinate or have a measure in (responsible, co-responsible, implementing)."""
        involved = (
            Q(coordinator__in=ids)
            | Q(measures__responsible_institution__in=ids)
            | Q(measures__co_responsible_institutions__in=ids)
            | Q(measures__other_implementers__in=ids)
        )
        return self.filter(pk__in=self.model._default_manager.filter(involved).values("pk"))

    def current(self):
        """The plan the home page shows: the newest one in implementation."""
        return self.filter(status=PlanStatus.IMPLEMENTATION).order_by("-period_start").first()


class ActionPlan(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    number = models.PositiveSmallIntegerField(_("number in the national series"), null=True, blank=True, unique=True)
    title = models.CharField(_("title"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=120)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    approving_act = models.CharField(_("approving act"), max_length=300, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFTING)
    ogp_label = models.CharField(_("OGP label"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    coordinator = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("coordinating institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_plans",
    )
    is_published = models.BooleanField(_("published"), default=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(condition=Q(period_start__lte=F("period_end")), name="actionplan_start_before_end"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:plan", kwargs={"slug": self.slug})


class PhaseKind(models.TextChoices):
    IDEATION = "ideation", _("Idea collection")
    CO_CREATION = "co_creation", _("Co-creation")
    CONSULTATION = "consultation", _("Public consultation")
    COORDINATION = "coordination", _("Official coordination")
    APPROVAL = "approval", _("Approval")
    OTHER = "other", _("Other")


class PlanPhase(models.Model):
    """A dated step in how the plan was developed (idea collection, co-creation…)."""

    plan = models.ForeignKey(ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=20, choices=PhaseKind.choices, default=PhaseKind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("development phase")
        verbose_name_plural = _("development phases")
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="planphase_unique_order"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(start_date__lte=F("end_date")),
                name="planphase_start_before_end",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlanLink(models.Model):
    plan = models.ForeignKey(ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="links")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), max_length=500)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title


class PlanRevision(models.Model):
    """A change to a plan after approval, e.g. OGP's mandatory mid-term refresh."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="revisions"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_at_meeting = models.ForeignKey(
        "council.Meeting",
        verbose_name=_("decided at meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_revisions",
    )
    submitted_to_ogp_on = models.DateField(_("submitted to OGP on"), null=True, blank=True)
    document_url = models.URLField(_("document address"), max_length=500, blank=True)

    class Meta:
        ordering = ["plan", "decided_on"]
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")

    def __str__(self) -> str:
        return self.title


class RoundStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for reporting")
    CLOSED = "closed", _("Closed")


class ReportingRoundQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=RoundStatus.OPEN)

    def of_institutions(self, ids):
        """Rounds of the plans these institutions have measures in."""
        return self.filter(plan__in=ActionPlan.objects.of_institutions(ids).values("pk"))


class ReportingRound(models.Model):
    """Institutions report on every measure once per round (period + deadline)."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="reporting_rounds"
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    deadline = models.DateField(_("deadline for institutions"))
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.PLANNED)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "period_start"]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")), name="reportinground_start_before_end"
            ),
            models.UniqueConstraint(fields=["plan", "period_start", "period_end"], name="reportinground_unique_period"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_late(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.deadline

    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class FundingSourceQuerySet(models.QuerySet):
    def published(self):
        # A source without a plan is general (e.g. a state budget line), so it is public.
        return self.filter(Q(plan__isnull=True) | ActionPlanQuerySet.published_filter("plan__"))


class FundingSource(models.Model):
    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("action plan"),
        on_delete=models.CASCADE,
        related_name="funding_sources",
        null=True,
        blank=True,
    )
    programme = models.CharField(_("programme"), max_length=500)
    code = models.CharField(_("code"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=500)
    total_amount = models.DecimalField(_("total amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    available_from = models.CharField(_("available from"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = FundingSourceQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "code", "id"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(total_amount__isnull=True) | Q(total_amount__gte=0), name="fundingsource_total_nonnegative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class FundingAmount(models.Model):
    source = models.ForeignKey(
        FundingSource, verbose_name=_("funding source"), on_delete=models.CASCADE, related_name="yearly_amounts"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["source", "year"]
        verbose_name = _("yearly amount")
        verbose_name_plural = _("yearly amounts")
        constraints = [
            models.UniqueConstraint(fields=["source", "year"], name="fundingamount_unique_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fundingamount_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"
