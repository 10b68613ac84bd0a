"""Everything a report prints, gathered in a fixed number of queries, as the data stood on the as-of date.

What a report covers (reports/asof.py reads the history):
- Measures: those that belonged to the plan on the as-of date (refresh additions from their decision).
- Status, progress, due date and special attention of a measure: its last recorded state by the end of
  the as-of day; nothing recorded by then is "no information" with an unknown due date.
- Rounds: those whose period ended by the as-of date (a mid-term report stops at the plan's midpoint);
  their progress entries print when they were approved at the end of the as-of day.
- Overdue: due before the as-of date and neither complete nor withdrawn, over measures with a due date.
- Institutions appear under the name they had on the as-of date; council meetings held by then,
  consultations begun by then, revisions decided by then.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db.models import Prefetch
from django.utils import timezone

from commitments.models import DONE_STATUSES, Commitment, Measure, MeasureStatus, is_overdue
from commitments.selectors import (
    HIGH_COMPLETION_METHOD,
    ROLL_UP_METHOD,
    STATUS_ORDER,
    CommitmentProgress,
    PlanSummary,
)
from institutions.models import Institution
from plans.models import ActionPlan, PlanPhase, PlanRevision, ReportingRound

from . import asof
from .glossary import STATUS_DESCRIPTIONS
from .models import ReportKind
from .participation import (
    ConsultationView,
    FundingView,
    MeetingView,
    consultations,
    council_meetings,
    funding,
    institution_name,
    next_plan,
    phases,
)


@dataclass
class EvidenceLink:
    text: str
    href: str  # empty unless it is a plain web address


@dataclass
class EntryView:
    round_title: str
    period_start: datetime.date
    period_end: datetime.date
    status_label: str
    progress_percent: int | None
    narrative: str
    narrative_lang: str | None
    challenges: str
    challenges_lang: str | None
    evidence: list[EvidenceLink]


@dataclass
class MeasureView:
    measure: Measure
    number: str
    title: str
    status: str
    status_label: str
    progress_percent: int | None
    start_date: datetime.date | None
    due_date: datetime.date | None
    responsible: str
    co_responsible: list[str]
    other_implementers: list[str]
    funding: list[str]
    entries: list[EntryView]
    overdue: bool
    special_attention: bool
    added_by: str  # title of the refresh that added it, or ""
    added_on: datetime.date | None
    anchor: str

    @property
    def lessons(self) -> list[EntryView]:
        return [e for e in self.entries if e.challenges]


@dataclass
class CommitmentView:
    commitment: Commitment
    progress: CommitmentProgress
    leads: list[str]
    measures: list[MeasureView]
    anchor: str
    special_attention: bool = False

    @property
    def by_status(self):
        return self.progress.by_status()

    @property
    def has_results(self) -> bool:
        return any(m.entries for m in self.measures)

    @property
    def has_lessons(self) -> bool:
        return any(m.lessons for m in self.measures)


@dataclass
class ReportData:
    plan: ActionPlan
    kind: str
    as_of: datetime.date
    coordinator: str
    rounds: list[ReportingRound]
    summary: PlanSummary
    commitments: list[CommitmentView]
    special_attention: list[MeasureView]
    overdue: list[MeasureView]
    added: list[MeasureView]
    revisions: list[PlanRevision]
    consultations: list[ConsultationView]
    funding: list[FundingView]
    later_rounds: list[ReportingRound] = field(default_factory=list)
    meetings: list[MeetingView] = field(default_factory=list)
    phases: list[PlanPhase] = field(default_factory=list)
    next_plan: ActionPlan | None = None
    midpoint: datetime.date | None = None
    roll_up_method: str = ""
    high_completion_method: str = ""
    # The day the portal's history of the plan's measures begins: before it nothing was recorded, so a
    # report dated earlier must say that its unknowns come from there, not from the plan.
    records_start: datetime.date | None = None

    @property
    def recorded_after_data_date(self) -> bool:
        return self.records_start is not None and self.records_start > self.as_of

    @property
    def measures(self) -> list[MeasureView]:
        return [m for c in self.commitments for m in c.measures]

    @property
    def not_done(self) -> list[MeasureView]:
        """Measures neither complete nor withdrawn on the as-of date (what is left for a next plan to take up)."""
        return [m for m in self.measures if m.status not in DONE_STATUSES]


def _evidence(links: str) -> list[EvidenceLink]:
    result = []
    for line in (raw.strip() for raw in links.splitlines()):
        if line:
            scheme = urlsplit(line).scheme.lower()
            result.append(EvidenceLink(text=line, href=line if scheme in ("http", "https") else ""))
    return result


def _plan_measures(*, plan: ActionPlan, inst_qs) -> list[Measure]:
    return list(
        Measure.objects.filter(plan=plan)
        .select_related("added_by_revision")
        .prefetch_related(
            Prefetch("responsible_institution", queryset=inst_qs),
            Prefetch("co_responsible_institutions", queryset=inst_qs),
            Prefetch("other_implementers", queryset=inst_qs),
            "funding_sources",
        )
        .order_by("commitment__number", "order", "number", "pk")
    )


def _entry_view(entry: asof.EntryRecord, rounds: dict[int, ReportingRound], labels: dict) -> EntryView:
    reporting_round = rounds[entry.round_id]
    return EntryView(
        round_title=reporting_round.title,
        period_start=reporting_round.period_start,
        period_end=reporting_round.period_end,
        status_label=str(labels[entry.status]),
        progress_percent=entry.progress_percent,
        narrative=entry.narrative,
        narrative_lang=entry.narrative_lang,
        challenges=entry.challenges,
        challenges_lang=entry.challenges_lang,
        evidence=_evidence(entry.evidence_links),
    )


def _measure_view(m: Measure, state: asof.MeasureState, entries: list[EntryView], *, as_of, special) -> MeasureView:
    """A measure as the report shows it: its state and names on `as_of`."""
    labels = dict(MeasureStatus.choices)
    return MeasureView(
        measure=m,
        number=m.number,
        title=m.title,
        status=state.status,
        status_label=str(labels[state.status]),
        progress_percent=state.progress_percent,
        start_date=state.start_date,
        due_date=state.due_date,
        responsible=institution_name(m.responsible_institution, as_of),
        co_responsible=[institution_name(i, as_of) for i in m.co_responsible_institutions.all()],
        other_implementers=[institution_name(i, as_of) for i in m.other_implementers.all()],
        funding=[str(f) for f in m.funding_sources.all()],
        entries=entries,
        overdue=is_overdue(state.status, state.due_date, as_of),
        special_attention=special,
        added_by=m.added_by_revision.title if m.added_by_revision else "",
        added_on=m.added_by_revision.decided_on if m.added_by_revision else None,
        anchor=f"measure-{m.pk}",
    )


def _count(summary: PlanSummary, progress: CommitmentProgress, view: MeasureView) -> None:
    for group in (summary, progress):
        group.total += 1
        group.counts[view.status] = group.counts.get(view.status, 0) + 1
    if view.status != MeasureStatus.WITHDRAWN:
        if view.due_date:
            summary.with_due_date += 1
        else:
            summary.due_unknown += 1
    if view.overdue:
        summary.overdue_ids.append(view.measure.pk)
    if view.special_attention:
        summary.special_ids.append(view.measure.pk)


def _commitment_views(*, plan, rounds, as_of: datetime.date, inst_qs, summary, first) -> list[CommitmentView]:
    """The plan's commitments with the measures it held on `as_of`, counted into `summary` and each commitment."""
    commitments = list(
        Commitment.objects.filter(plan=plan)
        .prefetch_related(Prefetch("lead_institutions", queryset=inst_qs))
        .order_by("number")
    )
    whole = asof.commitments_under_attention(plan=plan, as_of=as_of)
    views: dict[int, CommitmentView] = {
        c.pk: CommitmentView(
            commitment=c,
            progress=CommitmentProgress(commitment=c),
            leads=[institution_name(i, as_of) for i in c.lead_institutions.all()],
            measures=[],
            anchor=f"commitment-{c.number}",
            special_attention=c.pk in whole,
        )
        for c in commitments
    }
    labels = dict(MeasureStatus.choices)
    by_round = {r.pk: r for r in rounds}
    states = asof.measure_states(plan=plan, as_of=as_of)
    entries = asof.approved_entries(rounds=rounds, as_of=as_of)
    for m in _plan_measures(plan=plan, inst_qs=inst_qs):
        if not asof.existed(m, as_of=as_of, first=first):
            continue
        commitment = views[m.commitment_id]
        state = states.get(m.pk, asof.NOTHING_RECORDED)
        own = [_entry_view(e, by_round, labels) for e in entries.get(m.pk, [])]
        special = state.special_attention or commitment.special_attention
        view = _measure_view(m, state, own, as_of=as_of, special=special)
        commitment.measures.append(view)
        _count(summary, commitment.progress, view)
    summary.overdue = len(summary.overdue_ids)
    summary.special_attention = len(summary.special_ids)
    summary.commitments = [views[c.pk].progress for c in commitments]
    return [views[c.pk] for c in commitments]


def report_data(*, plan: ActionPlan, kind: str, as_of: datetime.date) -> ReportData:
    """Read the plan as the report of `kind` on `as_of` shows it (call inside translation.override)."""
    inst_qs = Institution.objects.prefetch_related(Prefetch("former_names"))
    rounds = asof.covered_rounds(plan=plan, kind=kind, as_of=as_of)
    later_rounds = list(ReportingRound.objects.filter(plan=plan, period_end__gt=as_of).order_by("period_start"))
    summary = PlanSummary(roll_up_method=str(ROLL_UP_METHOD))
    first = asof.first_recorded(plan=plan)
    commitments = _commitment_views(
        plan=plan, rounds=rounds, as_of=as_of, inst_qs=inst_qs, summary=summary, first=first
    )
    all_measures = [mv for c in commitments for mv in c.measures]
    revisions = list(
        PlanRevision.objects.filter(plan=plan, decided_on__lte=as_of)
        .select_related("decided_at_meeting")
        .order_by("decided_on", "pk")
    )
    coordinator = plan.coordinator
    if coordinator is not None:
        coordinator = inst_qs.get(pk=coordinator.pk)
    return ReportData(
        records_start=timezone.localdate(min(first.values())) if first else None,
        plan=plan,
        kind=kind,
        as_of=as_of,
        coordinator=institution_name(coordinator, as_of),
        rounds=rounds,
        later_rounds=later_rounds,
        summary=summary,
        commitments=commitments,
        special_attention=[mv for mv in all_measures if mv.special_attention],
        overdue=[mv for mv in all_measures if mv.overdue],
        added=[mv for mv in all_measures if mv.added_by],
        revisions=revisions,
        consultations=consultations(
            plan=plan, as_of=as_of, revisions=revisions if kind == ReportKind.REFRESH else None, inst_qs=inst_qs
        ),
        funding=funding(plan=plan),
        meetings=council_meetings(plan=plan, as_of=as_of) if kind != ReportKind.REFRESH else [],
        phases=phases(plan=plan, as_of=as_of) if kind == ReportKind.MIDTERM else [],
        next_plan=next_plan(plan) if kind == ReportKind.FINAL else None,
        midpoint=asof.midpoint(plan),
        roll_up_method=str(ROLL_UP_METHOD),
        high_completion_method=str(HIGH_COMPLETION_METHOD),
    )


def status_glossary() -> list[tuple[str, str]]:
    return [(str(status.label), str(STATUS_DESCRIPTIONS[status])) for status in STATUS_ORDER]
