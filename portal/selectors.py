"""Read-side queries for the public pages.

Everything here starts from what the public may see: published plans, approved progress
entries, published council meetings. Lists select and prefetch what their templates touch,
so each page runs the same number of queries whatever the amount of data.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404

from commitments.models import INSTITUTION_ROLES, Commitment, Measure, ProgressEntry
from commitments.selectors import ProgressRow, institutions_taking_part, plan_summary
from consultations.models import Consultation, Proposal
from council.models import AgendaItem
from institutions.models import Institution, InstitutionName
from ogp_portal.cache.compiled import compiled_list
from plans.models import ActionPlan, FundingSource, PlanLink, PlanStatus
from plans.selectors import public_plans
from portal.timeline import plan_timeline

LATEST_ENTRIES = 5


def get_public_plan(slug: str) -> ActionPlan:
    plans = compiled_list("public-plan", lambda slug: public_plans().filter(slug=slug), slug)
    if not plans:
        raise Http404("No such public plan")
    return plans[0]


def home_plan() -> ActionPlan | None:
    """The plan the home page shows: the current one, else the newest published plan past drafting."""
    plans = public_plans()
    return (
        plans.current()
        or plans.exclude(status=PlanStatus.DRAFTING).order_by("-period_start").first()
        or plans.order_by("-period_start").first()
    )


# What a list row (portal/includes/measure_item.html) reads: the wide texts of the measure and of its
# plan, commitment and institution are most of the cost of building the rows.
MEASURE_ROW_FIELDS = (
    *("id", "number", "order", "title", "title_lv", "title_en", "status", "special_attention"),
    *("start_date", "due_date", "progress_percent"),
    *("plan__id", "plan__slug", "plan__short_name", "plan__short_name_lv", "plan__short_name_en"),
    *("commitment__id", "commitment__number", "commitment__special_attention"),
    *("responsible_institution__id", "responsible_institution__slug", "responsible_institution__name"),
    *("responsible_institution__name_lv", "responsible_institution__name_en"),
)


def measure_list_qs():
    """Public measures with what a list row shows (plan for the URL, commitment, responsible institution)."""
    return (
        Measure.objects.published()
        .select_related("plan", "commitment", "responsible_institution")
        .only(*MEASURE_ROW_FIELDS)
    )


# --- plan dashboard ----------------------------------------------------------------------------------


def plan_dashboard(*, plan: ActionPlan, today: datetime.date) -> dict:
    summary = plan_summary(plan=plan, today=today)
    # Both lists from one query by primary key: plan_summary has read which measures they hold.
    flagged = {m.pk: m for m in measure_list_qs().filter(pk__in=summary.special_ids + summary.overdue_ids)}
    special = sorted(
        (flagged[pk] for pk in summary.special_ids), key=lambda m: (m.commitment.number, m.order, m.number)
    )
    overdue = sorted(
        (flagged[pk] for pk in summary.overdue_ids), key=lambda m: (m.due_date, m.commitment.number, m.order)
    )
    return {
        "summary": summary,
        "special_attention": special,
        "overdue": overdue,
        "latest_entries": compiled_list("dashboard-latest", _latest_entries, plan.pk),
        "timeline": plan_timeline(plan=plan),
        "links": compiled_list("dashboard-links", lambda plan_id: PlanLink.objects.filter(plan_id=plan_id), plan.pk),
        "funding_sources": compiled_list("dashboard-funding", _funding_sources, plan.pk),
        "today": today,
    }


def _latest_entries(plan_id: int):
    return (
        ProgressEntry.objects.approved()
        .filter(measure__plan_id=plan_id)
        .select_related("measure", "measure__plan", "reporting_round")
        .order_by(F("reviewed_at").desc(nulls_last=True), "-reporting_round__period_end", "measure__number")[
            :LATEST_ENTRIES
        ]
    )


def _funding_sources(plan_id: int):
    return FundingSource.objects.filter(plan_id=plan_id).prefetch_related("yearly_amounts").order_by("code", "id")


def plans_overview(plans) -> list[tuple[ActionPlan, ProgressRow]]:
    """The given plans (one page of the list) with their status counts, in one more query."""
    plans = list(plans)
    rows = {plan.pk: ProgressRow() for plan in plans}
    counts = (
        Measure.objects.published()
        .filter(plan__in=list(rows))
        .values("plan_id", "status")
        .annotate(n=Count("id"))
        .order_by("plan_id", "status")
    )
    for row in counts:
        progress = rows[row["plan_id"]]
        progress.total += row["n"]
        progress.counts[row["status"]] = row["n"]
    return [(plan, rows[plan.pk]) for plan in plans]


# --- commitment, measure -----------------------------------------------------------------------------


def _public_commitment(slug: str, number: int):
    return (
        Commitment.objects.published()
        .select_related("plan")
        .prefetch_related("lead_institutions")
        .filter(plan__slug=slug, number=number)
    )


def get_public_commitment(slug: str, number: int) -> Commitment:
    found = compiled_list("public-commitment", _public_commitment, slug, int(number))
    if not found:
        raise Http404("No such public commitment")
    return found[0]


def _commitment_measures(commitment_id: int):
    return (
        Measure.objects.filter(commitment_id=commitment_id)
        .select_related("plan", "commitment", "responsible_institution")
        .order_by("order", "number")
    )


def commitment_measures(commitment: Commitment) -> list[Measure]:
    return compiled_list("commitment-measures", _commitment_measures, commitment.pk)


def commitment_progress(measures: list[Measure]) -> ProgressRow:
    row = ProgressRow(total=len(measures))
    for measure in measures:
        row.counts[measure.status] = row.counts.get(measure.status, 0) + 1
    return row


_NAMES = Prefetch("former_names", queryset=InstitutionName.objects.order_by("valid_until"))


def _public_measure(slug: str, pk: int):
    return (
        Measure.objects.published()
        .select_related(
            "plan",
            "commitment",
            "responsible_institution",
            "added_by_revision",
            "added_by_revision__decided_at_meeting",
        )
        .prefetch_related(
            "co_responsible_institutions",
            "other_implementers",
            Prefetch("funding_sources", queryset=FundingSource.objects.prefetch_related("yearly_amounts")),
        )
        .filter(plan__slug=slug, pk=pk)
    )


def get_public_measure(slug: str, pk: int) -> Measure:
    found = compiled_list("public-measure", _public_measure, slug, int(pk))
    if not found:
        raise Http404("No such public measure")
    measure = found[0]
    measure.commitment.plan = measure.plan  # the same plan (Measure.clean), for the commitment's URL
    # Former names of all its institutions in one query, not one per relation.
    prefetch_related_objects(measure_institutions(measure), _NAMES)
    return measure


def measure_institutions(measure: Measure) -> list[Institution]:
    """Every institution the measure names now, as loaded by get_public_measure."""
    institutions = [*measure.co_responsible_institutions.all(), *measure.other_implementers.all()]
    if measure.responsible_institution:
        institutions.append(measure.responsible_institution)
    return institutions


def _entries(measure_id: int):
    return (
        ProgressEntry.objects.approved()
        .filter(measure_id=measure_id)
        .select_related("reporting_round")
        # One query for the files of every entry, however many there are.
        .prefetch_related("evidence_files")
        .order_by("reporting_round__period_start", "reported_on")
    )


def measure_entries(measure: Measure) -> list[ProgressEntry]:
    """Approved progress entries, oldest first: the measure's story in time order."""
    entries = compiled_list("measure-entries", _entries, measure.pk)
    for entry in entries:
        entry.measure = measure
    return entries


def _proposals(measure_id: int):
    return (
        Proposal.objects.published()
        .filter(measures__id=measure_id)
        .select_related("consultation", "author_institution")
        .order_by("consultation__period_start", "order")
    )


def measure_proposals(measure: Measure) -> list[Proposal]:
    return compiled_list("measure-proposals", _proposals, measure.pk)


def _agenda_items(measure_id: int):
    return (
        AgendaItem.objects.published()
        .filter(measures__id=measure_id)
        .select_related("meeting")
        .order_by("meeting__date")
    )


def measure_agenda_items(measure: Measure) -> list[AgendaItem]:
    return compiled_list("measure-agenda-items", _agenda_items, measure.pk)


# --- institutions ------------------------------------------------------------------------------------


@dataclass
class InstitutionRow:
    institution: Institution
    responsible: int = 0
    co_implementing: int = 0

    @property
    def total(self) -> int:
        return self.responsible + self.co_implementing


def institutions_overview() -> list[InstitutionRow]:
    """Institutions that take part in a published plan, with their measure counts (four queries)."""
    counts = Measure.objects.published().role_counts()
    return [
        InstitutionRow(
            institution,
            responsible=counts.get(institution.pk, {}).get("responsible", 0),
            co_implementing=sum(counts.get(institution.pk, {}).get(role, 0) for role in ("co_responsible", "other")),
        )
        for institution in institutions_taking_part()
    ]


def _institution(slug: str):
    return Institution.objects.select_related("parent").prefetch_related(_NAMES, "subordinates").filter(slug=slug)


def get_institution(slug: str) -> Institution:
    found = compiled_list("institution", _institution, slug)
    if not found:
        raise Http404("No such institution")
    return found[0]


INSTITUTION_MEASURES_SHOWN = 30


@dataclass
class MeasureGroup:
    """The newest measures of one kind of involvement, and how many there are in all."""

    items: list[Measure]
    total: int

    @property
    def is_cut(self) -> bool:
        return self.total > len(self.items)


def institution_measures(
    institution: Institution, *, shown: int = INSTITUTION_MEASURES_SHOWN
) -> dict[str, MeasureGroup]:
    """Measures it is responsible for, co-responsible for and helps with: newest plans first, at most
    `shown` of each (an institution takes part in every plan for years; the measure search has them all)."""
    counts = Measure.objects.published().role_counts(institution).get(institution.pk, {})
    return {
        role: MeasureGroup(
            compiled_list(f"institution-measures-{role}-{shown}", _role_measures(role, shown), institution.pk),
            counts.get(role, 0),
        )
        for role in INSTITUTION_ROLES
    }


def _role_measures(role: str, shown: int):
    def build(institution_id: int):
        return (
            measure_list_qs()
            .order_by("-plan__period_start", "commitment__number", "order", "number")
            .filter(**{f"{INSTITUTION_ROLES[role]}__id": institution_id})[:shown]
        )

    return build


def _led_commitments(institution_id: int):
    return (
        Commitment.objects.published()
        .filter(lead_institutions__id=institution_id)
        .select_related("plan")
        .order_by("-plan__period_start", "number")
    )


def institution_commitments(institution: Institution) -> list[Commitment]:
    return compiled_list("institution-commitments", _led_commitments, institution.pk)


# --- consultations -----------------------------------------------------------------------------------


def get_public_consultation(pk: int) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.published().select_related("plan", "revision"), pk=pk)
    consultation.proposal_list = list(
        consultation.proposals.select_related("author_institution")
        .prefetch_related(
            "author_institution__former_names",
            Prefetch(
                "measures",
                queryset=Measure.objects.published().select_related("plan").order_by("commitment__number", "order"),
            ),
        )
        .order_by("order")
    )
    return consultation
