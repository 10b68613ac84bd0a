"""What the API accepts and how it refuses: the query types, the page bounds and the one error shape.

Every query and path value goes through these types, so no input reaches the database that it cannot
hold: integers within 64 bits (ids positive), text without NUL bytes (PostgreSQL refuses them), pages
past the last answered as an empty page without asking the database for an impossible offset.
Every refusal, ours or ninja's, is a JSON `Error`; even an unexpected failure answers JSON.
"""

import logging
import math
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.pagination import PaginationBase
from pydantic import AfterValidator

logger = logging.getLogger("django.request")

# The largest integer a 64-bit database column holds: larger numbers are refused, not sent to the database.
INT64_MAX = 2**63 - 1
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


# The pattern documents the rule in the schema; the validator keeps it whatever the pattern engine.
Text = Annotated[str, Field(pattern=r"^[^\x00]*$"), AfterValidator(_no_nul)]
Id = Annotated[int, Field(ge=1, le=INT64_MAX)]
PositiveInt = Annotated[int, Field(ge=1, le=INT64_MAX)]


class ErrorItem(Schema):
    loc: list[str | int] = Field(description='Where the value was: e.g. ["query", "page"].')
    msg: str
    type: str


class Error(Schema):
    """Every refusal and failure: 400, 404, 422 and 500 alike."""

    detail: str = Field(description="What went wrong, in a sentence.")
    errors: list[ErrorItem] = Field(description="One item per refused value; empty when no value is to blame.")


# The statuses an operation may answer besides 200; details add 404. A 500 is a fault, never an answer to
# some input, but it is documented so a client knows its shape too.
FAULTS = {500: Error}
LIST_ERRORS = {422: Error, **FAULTS}
DETAIL_ERRORS = {404: Error, 422: Error, **FAULTS}


class PagePagination(PaginationBase):
    """Numbered pages with links to the neighbours, so a client can walk the list without arithmetic."""

    class Input(Schema):
        page: PositiveInt = Field(1, description="Page number, from 1. A page past the last is empty.")
        page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")

    class Output(Schema):
        count: int = Field(description="Items in the whole list.")
        page: int
        pages: int
        next: str | None = Field(description="Address of the next page, if any.")
        previous: str | None = Field(description="Address of the previous page, if any.")
        items: list[Any]

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, request: HttpRequest, **params):
        count = queryset.count()
        pages = max(1, math.ceil(count / pagination.page_size))
        offset = (pagination.page - 1) * pagination.page_size
        return {
            "count": count,
            "page": pagination.page,
            "pages": pages,
            "next": self._page_url(request, pagination.page + 1) if pagination.page < pages else None,
            "previous": self._page_url(request, min(pagination.page - 1, pages)) if pagination.page > 1 else None,
            # Past the last page nothing is asked of the database: its offset may not even fit in 64 bits.
            "items": list(queryset[offset : offset + pagination.page_size]) if offset < count else [],
        }

    @staticmethod
    def _page_url(request: HttpRequest, page: int) -> str:
        query = request.GET.copy()
        query["page"] = str(page)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _loc(loc) -> list:
    # Ninja names the query schema's argument in some locations ("query", "filters", "status", 0): the
    # client sent no "filters", so every location reads as the parameter it sent.
    loc = list(loc)
    return loc[:1] + loc[2:] if len(loc) > 2 and loc[1] == "filters" else loc


def error_body(detail: str, errors: list[dict] | None = None) -> dict:
    return {
        "detail": detail,
        "errors": [
            {"loc": _loc(e.get("loc", [])), "msg": str(e.get("msg", "")), "type": str(e.get("type", "invalid"))}
            for e in errors or []
        ],
    }


class RefusedQuery(HttpError):
    """A query value the API cannot use, found after the schema's validation (e.g. by a FilterSet)."""

    def __init__(self, errors: list[dict]):
        super().__init__(422, "Invalid query parameters.")
        self.errors = errors


def install_error_handlers(api: NinjaAPI) -> None:
    def validation(request, exc: ValidationError):
        return api.create_response(request, error_body("Invalid request.", exc.errors), status=422)

    def http_error(request, exc: HttpError):
        return api.create_response(request, error_body(str(exc), getattr(exc, "errors", None)), status=exc.status_code)

    def not_found(request, exc: Http404):
        return api.create_response(request, error_body("Not found."), status=404)

    def failure(request, exc: Exception):
        # Logged as Django logs a server error, so the error mails and logs still see it.
        logger.error("Internal Server Error: %s", request.path, exc_info=exc, extra={"status_code": 500})
        return api.create_response(request, error_body("Server error."), status=500)

    api.add_exception_handler(ValidationError, validation)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(Exception, failure)
