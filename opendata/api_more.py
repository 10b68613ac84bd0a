"""The API's funding, consultation and council-decision endpoints, and the commitment lookup by OGP ID.

The same rules as `api`: published data only (through `selectors`), numbered pages, the query types
and the one error shape of `api_rules`; something missing or not public is a 404.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from commitments.models import Measure
from plans.models import FundingSource

from . import schemas, schemas_more, selectors
from .api_rules import DETAIL_ERRORS, LIST_ERRORS, Id, PagePagination, Text

router = Router()


# -- funding ------------------------------------------------------------------------------------------------
class FundingQuery(Schema):
    plan: Text | None = Field(None, description="Plan identifier (slug).")
    commitment: Id | None = Field(None, description="Commitment identifier: sources funding any of its measures.")
    measure: Id | None = Field(None, description="Measure identifier: the sources funding that measure.")


def _funding_of(measures) -> Q:
    return Q(pk__in=FundingSource.objects.filter(measures__in=measures.values("pk")).values("pk"))


@router.get(
    "/funding/",
    response={200: list[schemas_more.FundingOut], **LIST_ERRORS},
    tags=["funding"],
    summary="Funding sources with their yearly amounts and the measures they fund",
)
@paginate(PagePagination)
def list_funding(request, filters: Query[FundingQuery]):
    sources = selectors.public_funding_with_measures()
    if filters.plan:
        sources = sources.filter(plan__slug=filters.plan)
    if filters.commitment:
        sources = sources.filter(_funding_of(Measure.objects.published().filter(commitment_id=filters.commitment)))
    if filters.measure:
        sources = sources.filter(_funding_of(Measure.objects.published().filter(pk=filters.measure)))
    return sources


@router.get(
    "/funding/{id}/",
    response={200: schemas_more.FundingOut, **DETAIL_ERRORS},
    tags=["funding"],
    summary="One funding source",
)
def get_funding(request, id: Id):
    return get_object_or_404(selectors.public_funding_with_measures(), pk=id)


# -- consultations ----------------------------------------------------------------------------------------------
class ConsultationQuery(Schema):
    plan: Text | None = Field(None, description="Plan identifier (slug).")


@router.get(
    "/consultations/",
    response={200: list[schemas_more.ConsultationOut], **LIST_ERRORS},
    tags=["consultations"],
    summary="Public consultations, each with its proposals and the answers to them",
)
@paginate(PagePagination)
def list_consultations(request, filters: Query[ConsultationQuery]):
    consultations = selectors.public_consultations_with_proposals()
    if filters.plan:
        consultations = consultations.filter(plan__slug=filters.plan)
    return consultations


@router.get(
    "/consultations/{id}/",
    response={200: schemas_more.ConsultationOut, **DETAIL_ERRORS},
    tags=["consultations"],
    summary="One public consultation",
)
def get_consultation(request, id: Id):
    return get_object_or_404(selectors.public_consultations_with_proposals(), pk=id)


# -- council decisions ----------------------------------------------------------------------------------------------
class DecisionQuery(Schema):
    plan: Text | None = Field(None, description="Plan identifier (slug) of the council.")
    meeting: Id | None = Field(None, description="Meeting identifier.")
    measure: Id | None = Field(None, description="Measure identifier: decisions on items that discussed it.")


@router.get(
    "/decisions/",
    response={200: list[schemas_more.DecisionOut], **LIST_ERRORS},
    tags=["council"],
    summary="Decisions of published council meetings",
)
@paginate(PagePagination)
def list_decisions(request, filters: Query[DecisionQuery]):
    decisions = selectors.public_decisions()
    if filters.plan:
        decisions = decisions.filter(meeting__council__plan__slug=filters.plan)
    if filters.meeting:
        decisions = decisions.filter(meeting_id=filters.meeting)
    if filters.measure:
        decisions = decisions.filter(measures__in=Measure.objects.published().filter(pk=filters.measure))
    return decisions


@router.get(
    "/decisions/{id}/",
    response={200: schemas_more.DecisionOut, **DETAIL_ERRORS},
    tags=["council"],
    summary="One decision of a published council meeting",
)
def get_decision(request, id: Id):
    return get_object_or_404(selectors.public_decisions(), pk=id)


# -- OGP IDs --------------------------------------------------------------------------------------------------------
@router.get(
    "/commitments/ogp/{ogp_id}/",
    response={200: schemas.CommitmentDetail, **DETAIL_ERRORS},
    tags=["commitments"],
    summary="One commitment by its OGP ID (e.g. LV0051), with its measures",
    description="Case is ignored. Should two published plans carry the same OGP ID, the newer plan's commitment.",
)
def get_commitment_by_ogp_id(request, ogp_id: Text):
    commitment = selectors.public_commitments_with_measures().filter(ogp_id__iexact=ogp_id).first()
    if commitment is None:
        raise Http404
    return commitment
