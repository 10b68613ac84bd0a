"""What reports say about how the plan was made and overseen, as of a date: development phases,
consultations and what became of their proposals, the supervisory council's meetings, funding,
and the next plan. A fixed number of queries each."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from commitments.models import Measure
from consultations.models import Consultation, Proposal
from council.models import AgendaItem, AttendanceKind, Meeting
from institutions.models import Institution
from plans.models import ActionPlan, FundingSource, PlanPhase
from ui.languages import shown_text


def institution_name(institution: Institution | None, as_of: datetime.date) -> str:
    return institution.name_on(as_of) if institution else ""


@dataclass
class ProposalView:
    order: int
    author: str
    essence: str
    essence_lang: str | None  # set when the text is in another language than the report
    response: str
    response_lang: str | None
    outcome: str
    measures: list[str]


@dataclass
class ConsultationView:
    consultation: Consultation
    proposals: list[ProposalView]
    # Proposals per outcome label, and how many have no outcome recorded.
    outcomes: list[tuple[str, int]] = field(default_factory=list)
    outcome_unknown: int = 0


def consultations(*, plan, as_of, revisions=None, inst_qs) -> list[ConsultationView]:
    """Consultations that had begun by `as_of`; only those of `revisions` when given (the refresh addendum)."""
    qs = Consultation.objects.filter(plan=plan, period_start__lte=as_of)
    if revisions is not None:
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
            author = institution_name(p.author_institution, as_of)
            essence, essence_lang = shown_text(p, "essence")
            response, response_lang = shown_text(p, "response")
            if p.author_name:
                author = f"{author} ({p.author_name})" if author else p.author_name
            proposals.append(
                ProposalView(
                    order=p.order,
                    author=author,
                    essence=essence,
                    essence_lang=essence_lang,
                    response=response,
                    response_lang=response_lang,
                    outcome=str(p.get_outcome_display()) if p.outcome else "",
                    measures=[m.number or m.title for m in p.measures.all()],
                )
            )
        counts: dict[str, int] = {}
        for p in proposals:
            if p.outcome:
                counts[p.outcome] = counts.get(p.outcome, 0) + 1
        result.append(
            ConsultationView(
                consultation=consultation,
                proposals=proposals,
                outcomes=sorted(counts.items()),
                outcome_unknown=sum(1 for p in proposals if not p.outcome),
            )
        )
    return result


@dataclass
class MeetingView:
    meeting: Meeting
    agenda: list[AgendaItem]
    members_present: int
    others_present: int


def council_meetings(*, plan, as_of) -> list[MeetingView]:
    """The published meetings of the plan's councils held by `as_of`, oldest first."""
    meetings = (
        Meeting.objects.published()
        .filter(council__plan=plan, date__lte=as_of)
        .annotate(
            n_members=Count("attendance", filter=Q(attendance__kind=AttendanceKind.MEMBER)),
            n_attendance=Count("attendance"),
        )
        .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order")))
        .order_by("date", "pk")
    )
    return [
        MeetingView(
            meeting=m,
            agenda=list(m.agenda_items.all()),
            members_present=m.n_members,
            others_present=m.n_attendance - m.n_members,
        )
        for m in meetings
    ]


def phases(*, plan, as_of) -> list[PlanPhase]:
    """The plan's development steps that had begun by `as_of` (undated ones too: they are part of how it was made)."""
    return list(
        PlanPhase.objects.filter(plan=plan)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=as_of))
        .order_by("order")
    )


@dataclass
class FundingView:
    source: FundingSource
    yearly: list[tuple[int, Decimal]]
    measures: list[str]


def funding(*, plan) -> list[FundingView]:
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


def next_plan(plan: ActionPlan) -> ActionPlan | None:
    """The published plan that follows this one, if the portal holds it."""
    return ActionPlan.objects.published().filter(period_start__gt=plan.period_start).order_by("period_start").first()
