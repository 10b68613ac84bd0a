"""Cross-origin reads: the downloads, the API and its schema may be read by any web page.

The data is public and read-only and no request needs a cookie, so every origin is allowed. A browser
that wants to send a header beyond the simple ones asks first (an OPTIONS preflight): it is answered
for reads only, allowing the requested headers a read may carry and no others.
"""

from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# Headers a read may send; a preflight asking for others is allowed only these.
SAFE_REQUEST_HEADERS = (
    "accept",
    "accept-language",
    "cache-control",
    "content-language",
    "content-type",
    "if-modified-since",
    "if-none-match",
    "x-requested-with",
)
# How long (seconds) a browser may reuse a preflight's answer: a day.
PREFLIGHT_MAX_AGE = 86400


def allow_cross_origin(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _allowed_headers(request: HttpRequest) -> list[str]:
    requested = request.headers.get("Access-Control-Request-Headers", "")
    names = [name.strip().lower() for name in requested.split(",") if name.strip()]
    return [name for name in names if name in SAFE_REQUEST_HEADERS] if names else list(SAFE_REQUEST_HEADERS)


def preflight(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(status=204)
    response["Allow"] = ALLOWED_METHODS
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    allowed = _allowed_headers(request)
    if allowed:
        response["Access-Control-Allow-Headers"] = ", ".join(allowed)
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return allow_cross_origin(response)


def cross_origin(view):
    """The view for reads from any origin: OPTIONS answered as a preflight, HEAD as GET without a body."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if request.method == "OPTIONS":
            return preflight(request)
        if request.method != "HEAD":
            return allow_cross_origin(view(request, *args, **kwargs))
        # The API routes GET only; the server (and the test client) leave a HEAD response's body out.
        request.method = "GET"
        try:
            return allow_cross_origin(view(request, *args, **kwargs))
        finally:
            request.method = "HEAD"

    return wrapped


def cross_origin_patterns(patterns: list[URLPattern]) -> list[URLPattern]:
    """The same URL patterns (names and all) with each view wrapped in `cross_origin`."""
    return [URLPattern(p.pattern, cross_origin(p.callback), p.default_args, p.name) for p in patterns]
