"""Everything a report prints, gathered in a fixed number of queries.

What a report covers:
- Rounds: the APPROVED progress entries of the plan's reporting rounds whose period ended on or
  before the as-of date. A mid-term report is simply built with an as-of date in the middle of
  the plan (e.g. after the first round), a final report after the last round, so both follow
  the same rule.
- Status of a measure: the status reported in its latest approved entry among those rounds; a
  measure without one keeps the status recorded in the tracker (so withdrawn measures and the
  staff's own assessments still show).
- Overdue: due before the as-of date and neither complete nor withdrawn by that status.
- Institutions appear under the name they had on the as-of date.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlsplit

from django.db.models import Prefetch, Q

from commitments.models import Commitment, Measure, MeasureStatus, ProgressEntry, is_overdue
from commitments.selectors import ROLL_UP_METHOD, STATUS_ORDER, CommitmentProgress, PlanSummary
from consultations.models import Consultation, Proposal
from institutions.models import Institution
from plans.models import ActionPlan, FundingSource, PlanRevision, ReportingRound

from .glossary import STATUS_DESCRIPTIONS
from .models import ReportKind


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
    challenges: str
    evidence: list[EvidenceLink]


@dataclass
class MeasureView:
    measure: Measure
    number: str
    title: str
    status: str
    status_label: str
    responsible: str
    co_responsible: list[str]
    other_implementers: list[str]
    funding: list[str]
    entries: list[EntryView]
    overdue: bool
    special_attention: bool
    added_by: str  # title of the refresh that added it, or ""
    anchor: str


@dataclass
class CommitmentView:
    commitment: Commitment
    progress: CommitmentProgress
    leads: list[str]
    measures: list[MeasureView]
    anchor: str


@dataclass
class ProposalView:
    order: int
    author: str
    essence: str
    response: str
    outcome: str
    measures: list[str]


@dataclass
class ConsultationView:
    consultation: Consultation
    proposals: list[ProposalView]


@dataclass
class FundingView:
    source: FundingSource
    yearly: list[tuple[int, Decimal]]
    measures: list[str]


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
    roll_up_method: str = ""

    @property
    def measures(self) -> list[MeasureView]:
        return [m for c in self.commitments for m in c.measures]


def _name(institution: Institution | None, as_of: datetime.date) -> str:
    return institution.name_on(as_of) if institution else ""


def _evidence(entry: ProgressEntry) -> list[EvidenceLink]:
    links = []
    for line in entry.evidence_list():
        scheme = urlsplit(line).scheme.lower()
        links.append(EvidenceLink(text=line, href=line if scheme in ("http", "https") else ""))
    return links


def _measure_label(measure: Measure) -> str:
    return f"{measure.number} {measure.title}".strip()


def covered_rounds(*, plan: ActionPlan, as_of: datetime.date) -> list[ReportingRound]:
    return list(ReportingRound.objects.filter(plan=plan, period_end__lte=as_of).order_by("period_start"))


def _approved_entries(*, plan: ActionPlan, rounds: list[ReportingRound]) -> dict[int, list[ProgressEntry]]:
    """Each measure's approved entries of the covered rounds, oldest first."""
    by_measure: dict[int, list[ProgressEntry]] = {}
    entries = (
        ProgressEntry.objects.approved()
        .filter(measure__plan=plan, reporting_round__in=rounds)
        .select_related("reporting_round")
        .order_by("reporting_round__period_start")
    )
    for entry in entries:
        by_measure.setdefault(entry.measure_id, []).append(entry)
    return by_measure


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


def _entry_view(entry: ProgressEntry, labels: dict) -> EntryView:
    return EntryView(
        round_title=entry.reporting_round.title,
        period_start=entry.reporting_round.period_start,
        period_end=entry.reporting_round.period_end,
        status_label=str(labels[entry.status]),
        progress_percent=entry.progress_percent,
        narrative=entry.narrative,
        challenges=entry.challenges,
        evidence=_evidence(entry),
    )


def _measure_view(m: Measure, own: list[ProgressEntry], *, as_of: datetime.date, labels: dict) -> MeasureView:
    """A measure as the report shows it: the status of its latest approved entry, names on `as_of`."""
    status = own[-1].status if own else m.status
    return MeasureView(
        measure=m,
        number=m.number,
        title=m.title,
        status=status,
        status_label=str(labels[status]),
        responsible=_name(m.responsible_institution, as_of),
        co_responsible=[_name(i, as_of) for i in m.co_responsible_institutions.all()],
        other_implementers=[_name(i, as_of) for i in m.other_implementers.all()],
        funding=[str(f) for f in m.funding_sources.all()],
        entries=[_entry_view(e, labels) for e in own],
        overdue=is_overdue(status, m.due_date, as_of),
        special_attention=m.is_special_attention,
        added_by=m.added_by_revision.title if m.added_by_revision else "",
        anchor=f"measure-{m.pk}",
    )


def _commitment_views(*, plan: ActionPlan, rounds, as_of: datetime.date, inst_qs, summary) -> list[CommitmentView]:
    """The plan's commitments with their measures, counted into `summary` and each commitment's progress."""
    commitments = list(
        Commitment.objects.filter(plan=plan)
        .prefetch_related(Prefetch("lead_institutions", queryset=inst_qs))
        .order_by("number")
    )
    views: dict[int, CommitmentView] = {
        c.pk: CommitmentView(
            commitment=c,
            progress=CommitmentProgress(commitment=c),
            leads=[_name(i, as_of) for i in c.lead_institutions.all()],
            measures=[],
            anchor=f"commitment-{c.number}",
        )
        for c in commitments
    }
    labels = dict(MeasureStatus.choices)
    entries = _approved_entries(plan=plan, rounds=rounds)
    for m in _plan_measures(plan=plan, inst_qs=inst_qs):
        commitment = views[m.commitment_id]
        m.commitment = commitment.commitment  # reuse the fetched row: is_special_attention reads it
        view = _measure_view(m, entries.get(m.pk, []), as_of=as_of, labels=labels)
        commitment.measures.append(view)
        for group in (summary, commitment.progress):
            group.total += 1
            group.counts[view.status] = group.counts.get(view.status, 0) + 1
    summary.commitments = [views[c.pk].progress for c in commitments]
    return [views[c.pk] for c in commitments]


def report_data(*, plan: ActionPlan, kind: str, as_of: datetime.date) -> ReportData:
    """Read the plan as the report of `kind` on `as_of` shows it (call inside translation.override)."""
    inst_qs = Institution.objects.prefetch_related(Prefetch("former_names"))
    rounds = covered_rounds(plan=plan, as_of=as_of)
    later_rounds = list(ReportingRound.objects.filter(plan=plan, period_end__gt=as_of).order_by("period_start"))
    summary = PlanSummary(roll_up_method=str(ROLL_UP_METHOD))
    commitments = _commitment_views(plan=plan, rounds=rounds, as_of=as_of, inst_qs=inst_qs, summary=summary)
    all_measures = [mv for c in commitments for mv in c.measures]
    summary.overdue = sum(mv.overdue for mv in all_measures)
    summary.special_attention = sum(mv.special_attention for mv in all_measures)

    revisions = list(
        PlanRevision.objects.filter(plan=plan)
        .filter(Q(decided_on__isnull=True) | Q(decided_on__lte=as_of))
        .order_by("decided_on", "pk")
    )
    coordinator = plan.coordinator
    if coordinator is not None:
        coordinator = inst_qs.get(pk=coordinator.pk)
    return ReportData(
        plan=plan,
        kind=kind,
        as_of=as_of,
        coordinator=_name(coordinator, as_of),
        rounds=rounds,
        later_rounds=later_rounds,
        summary=summary,
        commitments=commitments,
        special_attention=[mv for mv in all_measures if mv.special_attention],
        overdue=[mv for mv in all_measures if mv.overdue],
        added=[mv for mv in all_measures if mv.added_by],
        revisions=revisions,
        consultations=_consultations(plan=plan, kind=kind, as_of=as_of, revisions=revisions, inst_qs=inst_qs),
        funding=_funding(plan=plan),
        roll_up_method=str(ROLL_UP_METHOD),
    )


def _consultations(*, plan, kind, as_of, revisions, inst_qs) -> list[ConsultationView]:
    qs = Consultation.objects.filter(plan=plan, period_start__lte=as_of)
    if kind == ReportKind.REFRESH:
        # The addendum reports on the consultation of the refresh itself.
        qs = qs.filter(revision__in=revisions)
    qs = qs.order_by("period_start", "pk").prefetch_related(
        Prefetch(
            "proposals",
            queryset=Proposal.objects.order_by("order").prefetch_related(
                Prefetch("author_institution", queryset=inst_qs), "measures"
            ),
        )
    )
    result = []
    for consultation in qs:
        proposals = []
        for p in consultation.proposals.all():
            author = _name(p.author_institution, as_of)
            if p.author_name:
                author = f"{author} ({p.author_name})" if author else p.author_name
            proposals.append(
                ProposalView(
                    order=p.order,
                    author=author,
                    essence=p.essence,
                    response=p.response,
                    outcome=p.get_outcome_display() if p.outcome else "",
                    measures=[m.number or m.title for m in p.measures.all()],
                )
            )
        result.append(ConsultationView(consultation=consultation, proposals=proposals))
    return result


def _funding(*, plan) -> list[FundingView]:
    sources = (
        FundingSource.objects.filter(Q(plan=plan) | Q(measures__plan=plan))
        .distinct()
        .prefetch_related("yearly_amounts", Prefetch("measures", queryset=Measure.objects.filter(plan=plan)))
        .order_by("code", "pk")
    )
    return [
        FundingView(
            source=s,
            yearly=[(a.year, a.amount) for a in s.yearly_amounts.all()],
            measures=[m.number or m.title for m in s.measures.all()],
        )
        for s in sources
    ]


def status_glossary() -> list[tuple[str, str]]:

    return [(str(status.label), str(STATUS_DESCRIPTIONS[status])) for status in STATUS_ORDER]
