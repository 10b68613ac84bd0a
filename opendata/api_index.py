"""The API's table of contents: the open-data page's API section and the API's own root, /dati/api/."""

import builtins

from django.urls import reverse
from django.utils.translation import gettext_lazy
from ninja import Field, Schema

# The API section of the page; the OpenAPI schema has the full detail.
API_ENDPOINTS = [
    ("plans/", "plans/<slug>/", gettext_lazy("Published action plans; one plan with its commitments"), ["status"]),
    (
        "commitments/",
        "commitments/<id>/",
        gettext_lazy("Commitments; one commitment with its measures"),
        ["plan", "institution", "ogp_id"],
    ),
    (
        "commitments/?ogp_id=<ogp_id>",
        "commitments/ogp/<ogp_id>/",
        gettext_lazy("A commitment by its OGP ID (e.g. LV0051); its measures: measures/?ogp_id=<ogp_id>"),
        ["ogp_id"],
    ),
    (
        "measures/",
        "measures/<id>/",
        gettext_lazy("Measures; one measure with its approved progress reports"),
        ["plan", "commitment", "institution", "status", "q", "special_attention", "overdue", "ogp_id"],
    ),
    (
        "progress-entries/",
        "progress-entries/<id>/",
        gettext_lazy("Approved progress reports"),
        ["plan", "measure", "institution", "status"],
    ),
    ("institutions/", "institutions/<slug>/", gettext_lazy("Institutions with their earlier names"), ["kind"]),
    (
        "meetings/",
        "meetings/<id>/",
        gettext_lazy("Published council meetings; one meeting with its agenda, decisions and public documents"),
        ["plan"],
    ),
    (
        "decisions/",
        "decisions/<id>/",
        gettext_lazy("Decisions of published council meetings, with the measures discussed"),
        ["plan", "meeting", "measure"],
    ),
    (
        "funding/",
        "funding/<id>/",
        gettext_lazy("Funding sources: yearly amounts as numbers, currency and the measures funded"),
        ["plan", "commitment", "measure"],
    ),
    (
        "consultations/",
        "consultations/<id>/",
        gettext_lazy("Public consultations, each with its proposals and how they were taken into account"),
        ["plan"],
    ),
]


class EndpointOut(Schema):
    list: str = Field(description="Address of the list.")
    detail: str = Field(description="Address of one item, with its identifier in angle brackets.")
    description: str
    # builtins: `list` is a field name here.
    filters: builtins.list[str] = Field(description="Query parameters the list is filtered by.")


class ApiIndexOut(Schema):
    title: str
    version: str
    docs: str = Field(description="Address of the interactive documentation.")
    openapi: str = Field(description="Address of the OpenAPI schema.")
    endpoints: list[EndpointOut]


def api_index(request, api) -> dict:
    root = request.build_absolute_uri(reverse("opendata:api:api-root"))
    return {
        "title": api.title,
        "version": api.version,
        "docs": request.build_absolute_uri(reverse("opendata:api:openapi-view")),
        "openapi": request.build_absolute_uri(reverse("opendata:api:openapi-json")),
        "endpoints": [
            {"list": root + list_path, "detail": root + detail_path, "description": str(text), "filters": filters}
            for list_path, detail_path, text, filters in API_ENDPOINTS
        ],
    }
