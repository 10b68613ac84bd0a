"""What the public may see: the one place that decides, shared by exports, the API and feeds.

Every public read goes through these functions so that a draft (unapproved
progress entry, unpublished plan or meeting, council-only document) cannot leak
through one channel while the others hide it.
"""

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import Lag

from commitments.filters import PLAN_ORDER
from commitments.models import Commitment, Measure, ProgressEntry
from consultations.models import Consultation, Proposal
from consultations.selectors import public_consultations
from council.models import AgendaItem, Meeting, MeetingDocument
from institutions.models import Institution
from plans.models import ActionPlan, FundingAmount, FundingSource
from plans.selectors import public_plans_newest_first
from ui.collation import LatvianSortKey


def public_plans_with_counts() -> QuerySet[ActionPlan]:
    """The pages' public plans, with the numbers of commitments and measures the datasets give, in the plan
    list's order."""
    return public_plans_newest_first().with_counts()


def public_commitments() -> QuerySet[Commitment]:
    return (
        Commitment.objects.published()
        .select_related("plan")
        .prefetch_related("lead_institutions")
        .annotate(n_measures=Count("measures"))
        .order_by("-plan__period_start", "number")
    )


def public_commitments_with_measures() -> QuerySet[Commitment]:
    """Public commitments, each with its measures in their order (a commitment's detail)."""
    measures = Measure.objects.order_by("order", "number", "pk")
    return public_commitments().prefetch_related(Prefetch("measures", queryset=measures))


def public_measures() -> QuerySet[Measure]:
    return (
        Measure.objects.published()
        .select_related("plan", "commitment", "responsible_institution", "added_by_revision")
        # Into lists (to_attr): a plain prefetch builds a queryset per measure, seconds at a few thousand rows.
        .prefetch_related(
            Prefetch("co_responsible_institutions", to_attr="co_responsible_list"),
            Prefetch("other_implementers", to_attr="other_implementers_list"),
            Prefetch("funding_sources", to_attr="funding_sources_list"),
        )
        # The measure list's order, so that its downloads come in the order it shows.
        .order_by(*PLAN_ORDER)
    )


def public_progress_entries() -> QuerySet[ProgressEntry]:
    return (
        ProgressEntry.objects.published()
        .select_related("measure__plan", "measure__commitment", "measure__responsible_institution", "reporting_round")
        .order_by(
            "-measure__plan__period_start",
            "measure__commitment__number",
            "measure__order",
            "measure__number",
            "measure_id",
            "reporting_round__period_start",
            "pk",
        )
    )


def public_institutions() -> QuerySet[Institution]:
    """In the Latvian alphabet of their Latvian names (Ā after A, Č after C), in every format and language,
    so that the files and the API list institutions in the order the Latvian pages do."""
    return (
        Institution.objects.select_related("parent")
        .prefetch_related("former_names")
        .order_by(LatvianSortKey("name_lv"), "pk")
    )


def public_funding_sources() -> QuerySet[FundingSource]:
    return (
        FundingSource.objects.published()
        .select_related("plan")
        .prefetch_related(Prefetch("yearly_amounts", queryset=FundingAmount.objects.order_by("year")))
        .order_by("plan__period_start", "code", "pk")
    )


def public_funding_amounts() -> QuerySet[FundingAmount]:
    return (
        FundingAmount.objects.filter(source__in=FundingSource.objects.published())
        .select_related("source__plan")
        .order_by("source__plan__period_start", "source__code", "source_id", "year")
    )


def public_proposals() -> QuerySet[Proposal]:
    return (
        Proposal.objects.published()
        .select_related("consultation__plan", "author_institution")
        .prefetch_related(Prefetch("measures", queryset=Measure.objects.published().order_by("number")))
        .order_by("-consultation__period_start", "consultation_id", "order")
    )


def public_meetings() -> QuerySet[Meeting]:
    return (
        Meeting.objects.published()
        .select_related("council", "chair")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order")),
            Prefetch(
                "documents",
                queryset=MeetingDocument.objects.published().exclude(file="").order_by("kind", "title"),
                to_attr="public_documents",
            ),
        )
        .order_by("-date", "pk")
    )


def public_agenda_items() -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.published()
        .select_related("meeting__council")
        .prefetch_related(Prefetch("measures", queryset=Measure.objects.published().order_by("number")))
        .order_by("-meeting__date", "meeting_id", "order")
    )


def public_funding_with_measures() -> QuerySet[FundingSource]:
    """The funding sources with the published measures each funds (a general source may fund any plan's)."""
    measures = Measure.objects.published().select_related("commitment").order_by("plan_id", "order", "number", "pk")
    return public_funding_sources().prefetch_related(Prefetch("measures", queryset=measures, to_attr="public_measures"))


def public_consultations_with_proposals() -> QuerySet[Consultation]:
    """The public consultations with every proposal, its author and the published measures it concerns."""
    proposals = (
        Proposal.objects.select_related("author_institution")
        .prefetch_related(Prefetch("measures", queryset=Measure.objects.published().order_by("number", "pk")))
        .order_by("order")
    )
    return public_consultations().prefetch_related(Prefetch("proposals", queryset=proposals))


def public_decisions() -> QuerySet[AgendaItem]:
    """The council's decisions: the agenda items of published meetings that record one (in either language)."""
    # `> ""` is neither blank nor NULL (the translation columns may hold either).
    return public_agenda_items().filter(Q(decision_lv__gt="") | Q(decision_en__gt=""))


def status_changes(*, plan: ActionPlan | None = None, institution: Institution | None = None, limit: int | None = 50):
    """Changes of a public measure's status, newest first, from the measure's history.

    Each row is a historical Measure with `previous_status`; creations are left
    out (they set a status, they do not change one). Who made the change is
    never selected here: the public sees what changed and why, not which account.
    """
    measures = Measure.objects.published()
    if plan is not None:
        measures = measures.filter(plan=plan)
    if institution is not None:
        measures = measures.for_institution(institution)
    history = Measure.history.model.objects
    changes = (
        history.filter(id__in=measures.values("pk"))
        .annotate(
            previous_status=Window(
                Lag("status"), partition_by=[F("id")], order_by=[F("history_date").asc(), F("history_id").asc()]
            )
        )
        .filter(history_type="~", previous_status__isnull=False)
        .exclude(previous_status=F("status"))
        .select_related("plan")
        .order_by("-history_date", "-history_id")
    )
    return changes[:limit] if limit is not None else changes
