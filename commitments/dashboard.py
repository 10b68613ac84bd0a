"""What the admin home page shows each role (read-only selectors; the template tag renders them).

Coordinator: the current plan's progress (the public charts), the open round (entries per review state,
institutions still to report, entries awaiting review), overdue and special-attention measures, and the
latest changes with their reasons. Institution editor: their measures, what is due, what was returned.
Each is a fixed number of queries whatever the plan's size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from ogp_portal.history.actors import actor_name
from plans.models import ActionPlan, ReportingRound

from . import figures
from .models import Commitment, Measure, MeasureStatus, ProgressEntry, ReviewState
from .selectors import HIGH_COMPLETION_METHOD, pending_measures, plan_summary

LIST_LIMIT = 10
REVIEW_STATES = [ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.RETURNED, ReviewState.APPROVED]


@dataclass
class StateCount:
    state: str
    label: str
    count: int


@dataclass
class InstitutionDue:
    name: str
    missing: int


@dataclass
class RoundStatus:
    reporting_round: ReportingRound
    is_late: bool
    days_left: int
    states: list[StateCount] = field(default_factory=list)
    not_started: int = 0
    institutions_due: list[InstitutionDue] = field(default_factory=list)
    awaiting_review: list = field(default_factory=list)


@dataclass
class Change:
    when: datetime.datetime
    user: str  # who, as staff read it (the account, or the loader of the source documents)
    kind: str
    model_name: str
    label: str
    reason: str
    url: str | None


def _admin_url(obj_or_model, pk=None, action="change") -> str | None:
    meta = obj_or_model._meta
    args = [pk] if pk is not None else []
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=args)
    except NoReverseMatch:
        return None


def round_status(reporting_round: ReportingRound, *, measures=None, today: datetime.date) -> RoundStatus:
    """Entries per state and who still has to report; `measures` narrows it to one editor's measures."""
    entries = ProgressEntry.objects.filter(reporting_round=reporting_round)
    pending = pending_measures(reporting_round)
    in_plan = Measure.objects.filter(plan_id=reporting_round.plan_id)
    if measures is not None:
        entries = entries.filter(measure__in=measures.values("pk"))
        pending = pending.filter(pk__in=measures.values("pk"))
        in_plan = in_plan.filter(pk__in=measures.values("pk"))
    counts = dict(entries.values_list("review_state").annotate(n=Count("id")).order_by())
    status = RoundStatus(
        reporting_round=reporting_round,
        is_late=reporting_round.is_late(today),
        days_left=(reporting_round.deadline - today).days,
        states=[StateCount(s, str(ReviewState(s).label), counts.get(s, 0)) for s in REVIEW_STATES],
        not_started=in_plan.exclude(pk__in=entries.values("measure_id")).not_done().count(),
    )
    by_institution = (
        pending.values("responsible_institution__name")
        .annotate(n=Count("id"))
        .order_by("-n", "responsible_institution__name")
    )
    status.institutions_due = [
        InstitutionDue(row["responsible_institution__name"] or _("(no responsible institution)"), row["n"])
        for row in by_institution
    ]
    status.awaiting_review = list(
        entries.filter(review_state=ReviewState.SUBMITTED)
        .select_related("measure", "submitted_by")
        .order_by("submitted_at")[:LIST_LIMIT]
    )
    return status


def latest_changes(*, limit: int = LIST_LIMIT, measures=None) -> list[Change]:
    """The newest history rows of plan content, newest first, with who and why."""
    records = []
    for model in (Measure, ProgressEntry, Commitment):
        history = model.history.select_related("history_user").order_by("-history_date")
        if measures is not None:
            if model is Measure:
                history = history.filter(id__in=measures.values("pk"))
            elif model is ProgressEntry:
                history = history.filter(measure_id__in=measures.values("pk"))
            else:
                continue
        records.extend((model, record) for record in history[:limit])
    records.sort(key=lambda pair: pair[1].history_date, reverse=True)
    records = records[:limit]
    # Entries are named after their measure: one query for all of them, not one per row.
    measure_ids = {record.measure_id for model, record in records if model is ProgressEntry}
    measure_names = {m.pk: str(m) for m in Measure.objects.filter(pk__in=measure_ids)} if measure_ids else {}
    changes = []
    for model, record in records:
        if model is ProgressEntry:
            label = measure_names.get(record.measure_id, f"#{record.id}")
        else:
            label = str(record.instance)
        changes.append(
            Change(
                when=record.history_date,
                user=actor_name(record.history_user, record.history_change_reason or ""),
                kind=record.get_history_type_display(),
                model_name=str(model._meta.verbose_name),
                label=label,
                reason=record.history_change_reason or "",
                url=_admin_url(model, record.id) if record.history_type != "-" else None,
            )
        )
    return changes


def coordinator_dashboard(*, today: datetime.date | None = None) -> dict:
    from ui.charts import commitment_progress_svg, status_distribution_svg

    today = today or timezone.localdate()
    plan = ActionPlan.objects.current()
    context = {"role": "coordinator", "plan": plan, "today": today, "changes": latest_changes()}
    if plan is None:
        return context
    summary = plan_summary(plan=plan, today=today)
    measures = Measure.objects.filter(plan=plan).select_related("commitment", "responsible_institution")
    open_round = ReportingRound.objects.open().filter(plan=plan).order_by("deadline").first()
    context.update(
        {
            "summary": summary,
            "headline": figures.headline(summary),
            "high_completion": figures.high_completion_sentence(summary),
            "high_completion_method": HIGH_COMPLETION_METHOD,
            "status_chart": status_distribution_svg(
                summary, title=_("Measures by status"), chart_id="admin-status-chart"
            ),
            "commitment_chart": commitment_progress_svg(
                summary, title=_("Progress by commitment"), chart_id="admin-commitment-chart"
            ),
            "round": round_status(open_round, today=today) if open_round else None,
            "next_round": ReportingRound.objects.filter(plan=plan, period_start__gte=today)
            .exclude(status="closed")
            .order_by("period_start")
            .first()
            if open_round is None
            else None,
            "overdue": list(measures.overdue(today).order_by("due_date")[:LIST_LIMIT]),
            "special_attention": list(
                measures.special_attention().order_by("commitment__number", "order")[:LIST_LIMIT]
            ),
            "measure_changelist": _admin_url(Measure, action="changelist"),
        }
    )
    return context


def editor_dashboard(*, user, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    mine = policy.measures_managed_by(user, Measure.objects.all())
    rounds = list(ReportingRound.objects.open().filter(plan__measures__in=mine.values("pk")).distinct())
    entries_by_measure = {}
    for entry in ProgressEntry.objects.filter(reporting_round__in=rounds, measure__in=mine.values("pk")).only(
        "pk", "measure_id", "reporting_round_id", "review_state"
    ):
        entries_by_measure[(entry.measure_id, entry.reporting_round_id)] = entry
    measures = list(
        mine.select_related("plan", "commitment", "responsible_institution").order_by(
            "plan__period_start", "commitment__number", "order", "number"
        )
    )
    due = []
    for reporting_round in sorted(rounds, key=lambda r: r.deadline):
        rows = []
        for measure in measures:
            if measure.plan_id != reporting_round.plan_id or measure.status in (
                MeasureStatus.COMPLETE,
                MeasureStatus.WITHDRAWN,
            ):
                continue
            entry = entries_by_measure.get((measure.pk, reporting_round.pk))
            if entry is None or entry.review_state in (ReviewState.DRAFT, ReviewState.RETURNED):
                rows.append({"measure": measure, "entry": entry})
        due.append(
            {
                "round": reporting_round,
                "is_late": reporting_round.is_late(today),
                "days_left": (reporting_round.deadline - today).days,
                "rows": rows,
            }
        )
    returned = list(
        policy.entries_managed_by(user, ProgressEntry.objects.all())
        .filter(review_state=ReviewState.RETURNED)
        .select_related("measure", "reporting_round", "reviewed_by")
        .order_by("-reviewed_at")[:LIST_LIMIT]
    )
    institutions = list(user.institution_links.select_related("institution").order_by("institution__name"))
    return {
        "role": "institution_editor",
        "today": today,
        "institutions": [link.institution for link in institutions],
        "measures": measures,
        "overdue_ids": {m.pk for m in measures if m.is_overdue(today)},
        "due": due,
        "returned": returned,
        "changes": latest_changes(measures=mine),
        "add_entry_url": _admin_url(ProgressEntry, action="add"),
    }


def dashboard_for(user, *, today: datetime.date | None = None) -> dict:
    if policy.is_coordinator(user):
        return coordinator_dashboard(today=today)
    if policy.is_institution_editor(user):
        return editor_dashboard(user=user, today=today)
    return {"role": policy.role_of(user)}
