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
from commitments.selectors import ProgressRow, plan_summary
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


def public_plans_newest_first():
    return public_plans().order_by("-period_start", "pk")


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


def get_public_commitment(slug: str, number: int) -> Commitment:
    return get_object_or_404(
        Commitment.objects.published().select_related("plan").prefetch_related("lead_institutions"),
        plan__slug=slug,
        number=number,
    )


def commitment_measures(commitment: Commitment) -> list[Measure]:
    return list(
        Measure.objects.filter(commitment=commitment)
        .select_related("plan", "commitment", "responsible_institution")
        .order_by("order", "number")
    )


def commitment_progress(measures: list[Measure]) -> ProgressRow:
    row = ProgressRow(total=len(measures))
    for measure in measures:
        row.counts[measure.status] = row.counts.get(measure.status, 0) + 1
    return row


_NAMES = Prefetch("former_names", queryset=InstitutionName.objects.order_by("valid_until"))


def get_public_measure(slug: str, pk: int) -> Measure:
    queryset = (
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
    )
    measure = get_object_or_404(queryset, plan__slug=slug, pk=pk)
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


def measure_entries(measure: Measure) -> list[ProgressEntry]:
    """Approved progress entries, oldest first: the measure's story in time order."""
    return list(
        measure.progress_entries.approved()
        .select_related("reporting_round")
        .order_by("reporting_round__period_start", "reported_on")
    )


def measure_proposals(measure: Measure) -> list[Proposal]:
    return list(
        measure.proposals.published()
        .select_related("consultation", "author_institution")
        .order_by("consultation__period_start", "order")
    )


def measure_agenda_items(measure: Measure) -> list[AgendaItem]:
    return list(measure.agenda_items.published().select_related("meeting").order_by("meeting__date"))


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
    """Institutions that take part in a published plan, with their measure counts (five queries)."""
    counts = Measure.objects.published().role_counts()
    leads = Commitment.objects.published().exclude(lead_institutions=None).values_list("lead_institutions", flat=True)
    involved = set(counts) | set(leads)
    rows = [
        InstitutionRow(
            institution,
            responsible=counts.get(institution.pk, {}).get("responsible", 0),
            co_implementing=sum(counts.get(institution.pk, {}).get(role, 0) for role in ("co_responsible", "other")),
        )
        for institution in Institution.objects.filter(pk__in=involved)
    ]
    return sorted(rows, key=lambda r: str(r.institution.name).casefold())


def get_institution(slug: str) -> Institution:
    return get_object_or_404(
        Institution.objects.select_related("parent").prefetch_related(_NAMES, "subordinates"), slug=slug
    )


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
    base = measure_list_qs().order_by("-plan__period_start", "commitment__number", "order", "number")
    counts = Measure.objects.published().role_counts(institution).get(institution.pk, {})
    return {
        role: MeasureGroup(list(base.in_role(role, institution)[:shown]), counts.get(role, 0))
        for role in INSTITUTION_ROLES
    }


def institution_commitments(institution: Institution) -> list[Commitment]:
    return list(
        institution.led_commitments.published().select_related("plan").order_by("-plan__period_start", "number")
    )


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
