"""Read-side queries for a measure's public page: the measure with what it names, its progress entries,
the consultation proposals and council agenda items about it.

Every query is compiled once per process (ogp_portal.cache.compiled), and what prefetch_related() would
load is read by compiled queries too: building a prefetch costs the web process more than its query.
"""

from django.db.models import Q
from django.http import Http404

from commitments.models import Measure, ProgressEntry
from consultations.models import Proposal
from council.models import AgendaItem
from institutions.models import Institution, InstitutionName
from ogp_portal.cache.compiled import compiled_list, prefetched
from plans.models import FundingAmount, FundingSource


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
        .filter(plan__slug=slug, pk=pk)
    )


def _co_responsible(measure_id: int):
    return Institution.objects.filter(co_responsible_for__id=measure_id)


def _implementers(measure_id: int):
    return Institution.objects.filter(implementer_of__id=measure_id)


def _measure_funding(measure_id: int):
    return FundingSource.objects.filter(measures__id=measure_id)


def _measure_funding_amounts(measure_id: int):
    return FundingAmount.objects.filter(source__measures__id=measure_id)


def get_public_measure(slug: str, pk: int) -> Measure:
    found = compiled_list("public-measure", _public_measure, slug, int(pk))
    if not found:
        raise Http404("No such public measure")
    measure = found[0]
    measure.commitment.plan = measure.plan  # the same plan (Measure.clean), for the commitment's URL
    # What prefetch_related() would load, by compiled queries (building a prefetch costs more than its query).
    prefetched([measure], "co_responsible_institutions", compiled_list("measure-co", _co_responsible, measure.pk))
    prefetched([measure], "other_implementers", compiled_list("measure-implementers", _implementers, measure.pk))
    sources = compiled_list("measure-funding", _measure_funding, measure.pk)
    prefetched([measure], "funding_sources", sources)
    if sources:
        amounts = compiled_list("measure-funding-amounts", _measure_funding_amounts, measure.pk)
        prefetched(sources, "yearly_amounts", amounts, parent_of=lambda amount: amount.source_id)
    # Former names of all its institutions in one query, not one per relation.
    institutions = measure_institutions(measure)
    if institutions:
        names = compiled_list("measure-former-names", _former_names, measure.pk)
        prefetched(institutions, "former_names", names, parent_of=lambda name: name.institution_id)
    return measure


def _former_names(measure_id: int):
    """The earlier names of every institution the measure names (measure_institutions), oldest first."""
    through = Measure.co_responsible_institutions.through, Measure.other_implementers.through
    named = (
        Q(institution__in=Measure.objects.filter(pk=measure_id).values("responsible_institution_id"))
        | Q(institution__in=through[0].objects.filter(measure_id=measure_id).values("institution_id"))
        | Q(institution__in=through[1].objects.filter(measure_id=measure_id).values("institution_id"))
    )
    return InstitutionName.objects.filter(named).order_by("valid_until")


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
