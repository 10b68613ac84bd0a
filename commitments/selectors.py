"""Read-side summaries shared by the public dashboard, the admin dashboard and PDF reports."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from institutions.models import Institution
from ogp_portal.cache.compiled import compiled_list, compiled_rows

from .filters import institution_name_key
from .models import INSTITUTION_ROLES, Commitment, Measure, MeasureStatus, ProgressEntry, ReviewState, is_overdue

# The order statuses are shown in everywhere (charts, tables, legends).
STATUS_ORDER = [
    MeasureStatus.COMPLETE,
    MeasureStatus.SUBSTANTIAL,
    MeasureStatus.LIMITED,
    MeasureStatus.NOT_STARTED,
    MeasureStatus.NO_INFORMATION,
    MeasureStatus.WITHDRAWN,
]

ROLL_UP_METHOD = _(
    "Each measure counts once, whatever its size. The plan is as complete as the share of its measures "
    "whose status is “Complete”, among all measures except withdrawn ones. A commitment's progress is "
    "counted the same way over its own measures. Statuses follow the Open Government Partnership's "
    "completion scale; “No information” means no approved report states the status."
)

HIGH_COMPLETION_METHOD = _(
    "The Independent Reporting Mechanism (IRM) of the Open Government Partnership reads completion on a "
    "four-step scale (not started, limited, substantial, complete) and counts “substantial” and “complete” "
    "together as high completion. Here the share is taken over the measures whose status an approved report "
    "states; measures with no information are counted apart, never as not complete."
)


@dataclass
class StatusCount:
    status: str
    label: str
    count: int
    share: float  # 0..1 of the measures counted (withdrawn excluded)


@dataclass
class ProgressRow:
    """Status distribution for one group of measures (a plan or a commitment)."""

    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def counted(self) -> int:
        return self.total - self.counts.get(MeasureStatus.WITHDRAWN, 0)

    @property
    def complete(self) -> int:
        return self.counts.get(MeasureStatus.COMPLETE, 0)

    @property
    def percent_complete(self) -> int:
        """The roll-up (ROLL_UP_METHOD). A claim only once something is reported: show it with `reported`."""
        return round(100 * self.complete / self.counted) if self.counted else 0

    @property
    def unreported(self) -> int:
        """Counted measures whose status no approved report states ("No information")."""
        return self.counts.get(MeasureStatus.NO_INFORMATION, 0)

    @property
    def reported(self) -> int:
        """Counted measures with a reported status: the figures below are claims only about these."""
        return self.counted - self.unreported

    @property
    def nothing_reported(self) -> bool:
        return self.reported == 0

    @property
    def high_completion(self) -> int:
        """The IRM's "high completion": substantial or complete on OGP's scale (HIGH_COMPLETION_METHOD)."""
        return self.counts.get(MeasureStatus.SUBSTANTIAL, 0) + self.complete

    @property
    def percent_high_completion(self) -> int | None:
        """Share of the measures with a reported status at substantial or complete; None when none is reported
        (an unknown status is not "not complete")."""
        return round(100 * self.high_completion / self.reported) if self.reported else None

    def by_status(self) -> list[StatusCount]:
        counted = self.counted or 1
        return [
            StatusCount(
                status=status,
                label=str(status.label),
                count=self.counts.get(status, 0),
                share=(self.counts.get(status, 0) / counted) if status != MeasureStatus.WITHDRAWN else 0.0,
            )
            for status in STATUS_ORDER
        ]


@dataclass
class CommitmentProgress(ProgressRow):
    commitment: Commitment | None = None


@dataclass
class PlanSummary(ProgressRow):
    # Overdue is counted only over the measures with a due date; `due_unknown` says how many have none.
    overdue: int = 0
    with_due_date: int = 0
    due_unknown: int = 0
    special_attention: int = 0
    commitments: list[CommitmentProgress] = field(default_factory=list)
    roll_up_method: str = str(ROLL_UP_METHOD)
    # The measures counted as overdue and as needing special attention, for the lists beside the counts.
    overdue_ids: list[int] = field(default_factory=list)
    special_ids: list[int] = field(default_factory=list)


def _plan_commitments(plan_id: int):
    return Commitment.objects.filter(plan_id=plan_id).order_by("number")


def _plan_measure_rows(plan_id: int):
    rows = Measure.objects.filter(plan_id=plan_id).values_list(
        "pk", "commitment_id", "status", "special_attention", "due_date"
    )
    return rows.order_by()


def plan_summary(*, plan, today: datetime.date | None = None) -> PlanSummary:
    """Counts by status for the plan and each commitment, in two flat queries whatever the plan's size.

    One row per measure (five columns), counted here: cheaper than conditional aggregates, which
    Django compiles at a cost well above reading a few hundred short rows.
    """
    today = today or timezone.localdate()
    # Compiled once per process (ogp_portal.cache.compiled): every dashboard asks for them.
    commitments = compiled_list("plan-summary-commitments", _plan_commitments, plan.pk)
    per_commitment = {c.pk: CommitmentProgress(commitment=c) for c in commitments}
    summary = PlanSummary()
    rows = compiled_rows("plan-summary-measures", _plan_measure_rows, plan.pk)
    for pk, commitment_id, status, special, due_date in rows:
        progress = per_commitment[commitment_id]
        for group in (summary, progress):
            group.total += 1
            group.counts[status] = group.counts.get(status, 0) + 1
        if status != MeasureStatus.WITHDRAWN:
            if due_date:
                summary.with_due_date += 1
            else:
                summary.due_unknown += 1
        if special or progress.commitment.special_attention:
            summary.special_ids.append(pk)
        if is_overdue(status, due_date, today):
            summary.overdue_ids.append(pk)
    summary.overdue = len(summary.overdue_ids)
    summary.special_attention = len(summary.special_ids)
    summary.commitments = [per_commitment[c.pk] for c in commitments]
    return summary


def pending_measures(reporting_round) -> QuerySet:
    """The round plan's measures with no report submitted (or approved) for the round yet; completed and
    withdrawn measures need none. The admin dashboard counts them, the reminders name them."""
    reported = ProgressEntry.objects.filter(
        reporting_round=reporting_round, review_state__in=[ReviewState.SUBMITTED, ReviewState.APPROVED]
    ).values("measure_id")
    return Measure.objects.filter(plan_id=reporting_round.plan_id).not_done().exclude(pk__in=reported)


def institutions_taking_part(institutions: QuerySet[Institution] | None = None) -> QuerySet[Institution]:
    """The institutions with a part in a published plan (a role in a measure, or leading a commitment), in the
    Latvian alphabet of the names shown: the rows of the institutions page and of its downloads, one definition."""
    measures = Measure.objects.published()
    taking_part = Q(pk__in=Commitment.objects.published().values("lead_institutions"))
    for role_field in INSTITUTION_ROLES.values():
        taking_part |= Q(pk__in=measures.values(role_field))
    institutions = Institution.objects.all() if institutions is None else institutions
    return institutions.filter(taking_part).order_by(institution_name_key(), "pk")
