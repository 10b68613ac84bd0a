"""What a request's cached page is stored under: its path, its canonical query, its language and the date.

A view declares the query parameters it reads (`ui.canonical.understands`, which sets `query_params` on
the view). For such a view every other parameter (a crawler's `utm_*`, a cache buster) is dropped before
the view runs, so `?utm=<uuid>` is served the canonical page's content from the canonical page's key: the
view and its templates (the language switch, the pager) never see what the page does not understand.
A view that declares nothing (the API, downloads, feeds, the sitemap) keeps its query string whole, sorted;
its variants are bounded by bounds.py instead.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

PAGE = "page"


def declared(view) -> tuple[frozenset, frozenset] | None:
    """The (names, repeatable names) a view understands, or None when it declares nothing."""
    return getattr(view, "query_params", None)


def _page(value: str) -> str:
    number = value.lstrip("0")
    return number if value.isdigit() and number not in ("", "1") else ""


def canonical_pairs(query: QueryDict, names: frozenset, multiple: frozenset) -> list[tuple[str, str]]:
    """`query` reduced to `names`: empty values dropped, names sorted, a repeated parameter's values sorted,
    a single-valued one's last value (the one Django reads), `page` only past the first page."""
    pairs = []
    for name in sorted(set(query) & set(names)):
        values = [v for v in query.getlist(name) if v.strip()]
        if name == PAGE:
            values = [_page(values[-1])] if values else []
        elif name not in multiple:
            values = values[-1:]
        pairs += [(name, value) for value in sorted(set(values)) if value]
    return pairs


def resolved(request):
    """The request's URL match, or None (a 404). Resolved here because the page cache runs before Django's."""
    try:
        return resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return None


def canonicalize(request, match) -> list[tuple[str, str]]:
    """The query pairs the request's page is keyed by; for a declaring view the request keeps only them."""
    params = declared(match.func) if match else None
    if params is None:
        return sorted((name, value) for name, values in request.GET.lists() for value in values)
    pairs = canonical_pairs(request.GET, *params)
    query = urlencode(pairs)
    if request.META.get("QUERY_STRING", "") != query:
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)
    return pairs


def address(request, pairs: list[tuple[str, str]]) -> str:
    """Scheme, host, path, query, language and date: what a cached page and its ETag are for.

    The date is part of it because pages say what is overdue today."""
    return "\n".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            urlencode(pairs),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
        ]
    )


def page_key(where: str) -> str:
    return "page-cache:page:" + hashlib.sha256(where.encode()).hexdigest()
