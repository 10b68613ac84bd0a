import json

from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse, QueryDict
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from plans.models import ActionPlan
from ui.canonical import understands
from ui.parts import home_crumbs, render_page, render_part

from . import catalogue, conf, package
from .api_index import API_ENDPOINTS
from .cors import allow_cross_origin
from .downloads import download_links
from .exports import EXPORTS, FORMATS
from .feeds.catalogue import site_feeds


def _index_context(request) -> dict:
    datasets = [
        {
            "identifier": identifier,
            "title": export.verbose_name,
            "description": export.description,
            "filterable": identifier == "measures",
            # The request only lends its memo: the formats of one dataset render it once.
            "links": download_links(identifier, request=request),
        }
        for identifier, export in EXPORTS.items()
    ]
    return {
        "datasets": datasets,
        "licence": conf.licence(),
        "datapackage_url": reverse("opendata:datapackage"),
        "catalogue_ttl_url": reverse("opendata:catalogue-turtle"),
        "catalogue_jsonld_url": reverse("opendata:catalogue-jsonld"),
        "api_root": reverse("opendata:api:api-root"),
        "openapi_url": reverse("opendata:api:openapi-json"),
        "api_docs_url": reverse("opendata:api:openapi-view"),
        "progress_feed": reverse("opendata:feed-progress"),
        "status_feed": reverse("opendata:feed-status"),
        "feeds": site_feeds(),
        "plans": ActionPlan.objects.published().order_by("-period_start"),
        "api_endpoints": [
            {"list": list_path, "detail": detail_path, "description": description, "filters": filters}
            for list_path, detail_path, description, filters in API_ENDPOINTS
        ],
    }


@understands()
@require_safe
def index(request):
    part = render_part(
        "opendata",
        template="opendata/parts/index.html",
        context=lambda: _index_context(request),
        title=lambda context: _("Open data"),
        description=lambda context: _(
            "The action plans, commitments, measures and progress reports as open data: CSV, XLSX and JSON "
            "downloads, a JSON API and Atom feeds."
        ),
        breadcrumbs=lambda context: home_crumbs(),
    )
    return render_page(request, part, template="opendata/index.html")


def refuse_unusable_query(query: QueryDict) -> None:
    """A 400 for a query the database cannot take: NUL bytes (PostgreSQL refuses them in any text)."""
    if any("\x00" in key or "\x00" in value for key, values in query.lists() for value in values):
        raise BadRequest("NUL characters in the query string")


@require_safe
def download(request, dataset: str, fmt: str):
    export_class = EXPORTS.get(dataset)
    if export_class is None or fmt not in FORMATS:
        raise Http404
    refuse_unusable_query(request.GET)
    filename, mimetype, data = export_class(fmt, params=request.GET).render()
    response = HttpResponse(data, content_type=mimetype)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return open_data_response(response)


def open_data_response(response: HttpResponse) -> HttpResponse:
    """The headers of every open-data file: the licence (a CSV file cannot name it inside) and CORS."""
    link = conf.licence_link_header()
    if link:
        response["Link"] = link
    return allow_cross_origin(response)


@require_safe
def datapackage(request):
    """The Frictionless Data Package of every CSV download, in the language of the address."""
    data = json.dumps(package.data_package(), ensure_ascii=False, indent=1).encode("utf-8")
    return open_data_response(HttpResponse(data, content_type="application/json"))


@require_safe
def catalogue_turtle(request):
    return open_data_response(HttpResponse(catalogue.catalogue_turtle(), content_type="text/turtle; charset=utf-8"))


@require_safe
def catalogue_jsonld(request):
    return open_data_response(HttpResponse(catalogue.catalogue_jsonld(), content_type="application/ld+json"))
