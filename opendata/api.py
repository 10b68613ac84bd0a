"""The read-only open-data API (django-ninja), with its OpenAPI schema at dati/api/openapi.json.

Only published data: every endpoint reads through `opendata.selectors`, and a
detail of something not public is a plain 404, the same as a missing one.
"""

from django.db.models import Prefetch
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Query, Router, Schema
from ninja.pagination import paginate
from ninja.renderers import JSONRenderer

from commitments.filters import MeasureFilter
from commitments.models import Measure, MeasureStatus, ProgressEntry
from institutions.models import Institution, InstitutionKind
from plans.models import PlanStatus

from . import conf, schemas, selectors
from .api_index import ApiIndexOut, api_index
from .api_more import router as more_router
from .api_rules import (
    DETAIL_ERRORS,
    FAULTS,
    LIST_ERRORS,
    Id,
    PagePagination,
    PositiveInt,
    RefusedQuery,
    Text,
    install_error_handlers,
)


class UnicodeJSONRenderer(JSONRenderer):
    # Latvian letters as themselves, not \u escapes: readable in a browser and smaller.
    json_dumps_params = {"ensure_ascii": False}


class OpenDataAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        # The licence travels with every answer (CORS: `cors.cross_origin` wraps every view in `urls.py`).
        if link := conf.licence_link_header():
            response["Link"] = link
        return response

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        licence = conf.licence()
        # OpenAPI 3.1 allows the SPDX `identifier` or the `url`, not both: the address, and the identifier without one.
        where = {"url": licence.url} if licence.url else {"identifier": licence.id}
        schema["info"]["license"] = {"name": f"{licence.title} ({licence.id})", **where}
        return schema


api = OpenDataAPI(
    title="Open government action plans: open data API",
    version="1",
    description=(
        "Read-only data of the published national open government action plans of Latvia: plans, commitments "
        "(also by OGP ID), measures, approved progress reports, institutions, funding sources with their yearly "
        "amounts, public consultations with their proposals and answers, and published supervisory council "
        "meetings and their decisions. Any web page may read it (CORS, with preflight answered). "
        "Texts are in Latvian under /dati/api/ and in English under /en/dati/api/ (Latvian where no "
        "translation exists). Lists are paginated (`page`, `page_size`); a page past the last is empty. Every "
        'refusal has one shape, `{"detail": ..., "errors": [{"loc", "msg", "type"}]}`: 422 for a value the API '
        "cannot use (numbers past 64 bits, NUL characters, unknown codes), 404 for what is missing or not public."
    ),
    # Reversed as opendata:api:<name>: the API lives inside the opendata URL namespace.
    urls_namespace="opendata:api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
    renderer=UnicodeJSONRenderer(),
)

install_error_handlers(api)
router = Router()


@router.get(
    "/", response={200: ApiIndexOut, **FAULTS}, tags=["index"], summary="The endpoints and the documentation's address"
)
def get_index(request):
    return api_index(request, api)


def _one_of(queryset, **lookup):
    return get_object_or_404(queryset, **lookup)


def _prefetch(lookup, queryset, to_attr=None):
    return Prefetch(lookup, queryset=queryset, to_attr=to_attr)


# -- plans ------------------------------------------------------------------------------------------------
class PlanQuery(Schema):
    status: PlanStatus | None = Field(None, description="Plan status code.")


@router.get(
    "/plans/", response={200: list[schemas.PlanOut], **LIST_ERRORS}, tags=["plans"], summary="Published action plans"
)
@paginate(PagePagination)
def list_plans(request, filters: Query[PlanQuery]):
    plans = selectors.public_plans_with_counts().order_by("-period_start", "pk")
    if filters.status:
        plans = plans.filter(status=filters.status)
    return plans


@router.get(
    "/plans/{slug}/", response={200: schemas.PlanDetail, **DETAIL_ERRORS}, tags=["plans"], summary="One action plan"
)
def get_plan(request, slug: Text):
    return _one_of(selectors.public_plans_with_counts().prefetch_related("commitments"), slug=slug)


# -- commitments ---------------------------------------------------------------------------------------------
class CommitmentQuery(Schema):
    plan: Text | None = Field(None, description="Plan identifier (slug).")
    institution: Text | None = Field(None, description="Lead institution identifier (slug).")
    ogp_id: Text | None = Field(None, description="OGP ID (e.g. LV0051); case is ignored.")


@router.get(
    "/commitments/",
    response={200: list[schemas.CommitmentOut], **LIST_ERRORS},
    tags=["commitments"],
    summary="Commitments",
)
@paginate(PagePagination)
def list_commitments(request, filters: Query[CommitmentQuery]):
    commitments = selectors.public_commitments()
    if filters.plan:
        commitments = commitments.filter(plan__slug=filters.plan)
    if filters.institution:
        commitments = commitments.filter(lead_institutions__slug=filters.institution)
    if filters.ogp_id:
        commitments = commitments.filter(ogp_id__iexact=filters.ogp_id)
    return commitments


@router.get(
    "/commitments/{id}/",
    response={200: schemas.CommitmentDetail, **DETAIL_ERRORS},
    tags=["commitments"],
    summary="One commitment",
)
def get_commitment(request, id: Id):
    return _one_of(selectors.public_commitments_with_measures(), pk=id)


# -- measures -------------------------------------------------------------------------------------------------
class MeasureQuery(Schema):
    q: Text | None = Field(
        None,
        description="Words searched in number, title and description (both languages) and in the names and "
        "abbreviations of the implementing institutions; case and Latvian diacritics are ignored.",
    )
    plan: Text | None = Field(None, description="Plan identifier (slug).")
    commitment: PositiveInt | None = Field(None, description="Commitment number within the plan.")
    institution: Text | None = Field(
        None, description="Institution identifier (slug): responsible, co-responsible or other implementer."
    )
    status: list[MeasureStatus] = Field(default_factory=list, description="Status code; repeat for several.")
    special_attention: bool = Field(False, description="Only measures needing special attention.")
    overdue: bool = Field(False, description="Only overdue measures.")
    ogp_id: Text | None = Field(None, description="OGP ID of the measure's commitment (e.g. LV0051); case is ignored.")


def _measure_filter_data(query: MeasureQuery) -> QueryDict:
    # The public measure list's own FilterSet does the filtering, so the API and the page agree.
    data = QueryDict(mutable=True)
    for name in ("q", "plan", "commitment", "institution"):
        value = getattr(query, name)
        if value not in (None, ""):
            data[name] = str(value)
    data.setlist("status", [str(s) for s in query.status])
    for name in ("special_attention", "overdue"):
        if getattr(query, name):
            data[name] = "on"
    return data


@router.get(
    "/measures/", response={200: list[schemas.MeasureOut], **LIST_ERRORS}, tags=["measures"], summary="Measures"
)
@paginate(PagePagination)
def list_measures(request, filters: Query[MeasureQuery]):
    measure_filter = MeasureFilter(data=_measure_filter_data(filters), queryset=selectors.public_measures())
    if not measure_filter.is_valid():
        # An unknown plan or institution matches nothing, as on every other list; anything else is refused.
        if set(measure_filter.errors) <= {"plan", "institution"}:
            return selectors.public_measures().none()
        raise RefusedQuery(
            [{"loc": ["query", k], "msg": " ".join(v), "type": "invalid"} for k, v in measure_filter.errors.items()]
        )
    if filters.ogp_id:
        return measure_filter.qs.filter(commitment__ogp_id__iexact=filters.ogp_id)
    return measure_filter.qs


@router.get(
    "/measures/{id}/", response={200: schemas.MeasureDetail, **DETAIL_ERRORS}, tags=["measures"], summary="One measure"
)
def get_measure(request, id: Id):
    entries = (
        ProgressEntry.objects.approved().select_related("reporting_round").order_by("reporting_round__period_start")
    )
    return _one_of(
        selectors.public_measures().prefetch_related(_prefetch("progress_entries", entries, "public_entries")),
        pk=id,
    )


# -- progress entries ------------------------------------------------------------------------------------------
class ProgressEntryQuery(Schema):
    plan: Text | None = Field(None, description="Plan identifier (slug).")
    measure: Id | None = Field(None, description="Measure identifier.")
    institution: Text | None = Field(None, description="Institution identifier (slug) of the measure.")
    status: MeasureStatus | None = Field(None, description="Reported status code.")


@router.get(
    "/progress-entries/",
    response={200: list[schemas.ProgressEntryOut], **LIST_ERRORS},
    tags=["progress entries"],
    summary="Approved progress reports",
)
@paginate(PagePagination)
def list_progress_entries(request, filters: Query[ProgressEntryQuery]):
    entries = selectors.public_progress_entries()
    if filters.plan:
        entries = entries.filter(measure__plan__slug=filters.plan)
    if filters.measure:
        entries = entries.filter(measure_id=filters.measure)
    if filters.institution:
        institution = Institution.objects.filter(slug=filters.institution).first()
        if institution is None:
            return ProgressEntry.objects.none()
        entries = entries.filter(measure__in=Measure.objects.for_institution(institution).values("pk"))
    if filters.status:
        entries = entries.filter(status=filters.status)
    return entries


@router.get(
    "/progress-entries/{id}/",
    response={200: schemas.ProgressEntryOut, **DETAIL_ERRORS},
    tags=["progress entries"],
    summary="One approved progress report",
)
def get_progress_entry(request, id: Id):
    return _one_of(selectors.public_progress_entries(), pk=id)


# -- institutions ------------------------------------------------------------------------------------------------
class InstitutionQuery(Schema):
    kind: InstitutionKind | None = Field(None, description="Institution kind code.")


@router.get(
    "/institutions/",
    response={200: list[schemas.InstitutionOut], **LIST_ERRORS},
    tags=["institutions"],
    summary="Institutions",
)
@paginate(PagePagination)
def list_institutions(request, filters: Query[InstitutionQuery]):
    institutions = selectors.public_institutions()
    if filters.kind:
        institutions = institutions.filter(kind=filters.kind)
    return institutions


@router.get(
    "/institutions/{slug}/",
    response={200: schemas.InstitutionOut, **DETAIL_ERRORS},
    tags=["institutions"],
    summary="One institution",
)
def get_institution(request, slug: Text):
    return _one_of(selectors.public_institutions(), slug=slug)


# -- council meetings -----------------------------------------------------------------------------------------------
class MeetingQuery(Schema):
    plan: Text | None = Field(None, description="Plan identifier (slug) of the council.")


@router.get(
    "/meetings/",
    response={200: list[schemas.MeetingOut], **LIST_ERRORS},
    tags=["council"],
    summary="Published council meetings",
)
@paginate(PagePagination)
def list_meetings(request, filters: Query[MeetingQuery]):
    meetings = selectors.public_meetings()
    if filters.plan:
        meetings = meetings.filter(council__plan__slug=filters.plan)
    return meetings


@router.get(
    "/meetings/{id}/",
    response={200: schemas.MeetingDetail, **DETAIL_ERRORS},
    tags=["council"],
    summary="One published meeting",
)
def get_meeting(request, id: Id):
    measures = Measure.objects.published().order_by("number")
    return _one_of(selectors.public_meetings().prefetch_related(_prefetch("agenda_items__measures", measures)), pk=id)


api.add_router("", router)
api.add_router("", more_router)
