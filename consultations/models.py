from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from plans.models import ActionPlanQuerySet


class ConsultationQuerySet(models.QuerySet):
    @staticmethod
    def published_filter(prefix: str = "") -> Q:
        return ActionPlanQuerySet.published_filter(f"{prefix}plan__")

    def published(self):
        """The consultations of a published plan."""
        return self.filter(self.published_filter())


class ProposalQuerySet(models.QuerySet):
    def published(self):
        """The proposals of a published consultation."""
        return self.filter(ConsultationQuerySet.published_filter("consultation__"))


class Consultation(models.Model):
    """A public consultation of a plan or of a plan revision."""

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="consultations"
    )
    revision = models.ForeignKey(
        "plans.PlanRevision",
        verbose_name=_("revision consulted on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    channel = models.TextField(_("channel"), blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")), name="consultation_start_before_end"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        """ConsultationQuerySet.published() for one consultation."""
        return self.plan.is_published


class ProposalOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Taken into account")
    PARTIALLY = "partially", _("Partly taken into account")
    NOTED = "noted", _("Noted, to be discussed further")
    REJECTED = "rejected", _("Not taken into account")


class Proposal(models.Model):
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="proposals"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    author_institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("author (institution)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    author_name = models.CharField(_("author (person)"), max_length=200, blank=True)
    essence = models.TextField(_("essence of the proposal"))
    response = models.TextField(_("how it was taken into account"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=ProposalOutcome.choices, blank=True)
    measures = models.ManyToManyField(
        "commitments.Measure", verbose_name=_("measures concerned"), blank=True, related_name="proposals"
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["consultation", "order"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "order"], name="proposal_unique_order"),
        ]

    def __str__(self) -> str:
        author = self.author_institution or self.author_name
        return f"{self.order}. {author}"

    @property
    def is_published(self) -> bool:
        """ProposalQuerySet.published() for one proposal."""
        return self.consultation.is_published
