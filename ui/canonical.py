"""A page's canonical address: its path with only the query parameters the page understands.

A view says which parameters it reads (`@understands("q", "page", multiple=("status",))`); every other
parameter (a crawler's `utm_*`, a cache buster) is dropped, empty values too, and the rest come in one
order: names sorted, a repeated parameter's values sorted (they filter the same whatever their order),
a single-valued one's last value (the one Django reads), `page` only past the first page.

The page cache (ogp_portal/cache/keys.py) applies the same reduction to the request itself before the
view runs, and keys pages by it: a view that declares its parameters never sees any other. A public
page that reads no parameter declares `@understands()`.
"""

from urllib.parse import urlencode

from ogp_portal.cache.keys import PAGE, canonical_pairs, declared

__all__ = ["PAGE", "canonical_query", "understands", "understood_query"]


def understands(*names: str, multiple: tuple[str, ...] = ()):
    """Declare the query parameters a view reads (`multiple`: those that may repeat)."""

    def mark(view):
        view.query_params = (frozenset(names), frozenset(multiple))
        return view

    return mark


def canonical_query(request) -> str:
    """The request's query string reduced to what its view understands, in canonical order ("" if none)."""
    match = getattr(request, "resolver_match", None)
    params = declared(match.func) if match else None
    return urlencode(canonical_pairs(request.GET, *(params or (frozenset(), frozenset()))))


def understood_query(request, *, without: tuple[str, ...] = (PAGE,)) -> str:
    """The request's query string less the parameters its view does not understand (and `without`).

    Unlike the canonical query, the values are kept as sent, empty and repeated ones too: a list's download
    must read what the list read, a value the list refuses included, so that page and file cannot disagree.
    (Before a declaring view runs, the page cache has already reduced its query to the canonical one.)
    """
    match = getattr(request, "resolver_match", None)
    names, _multiple = (declared(match.func) if match else None) or (frozenset(), frozenset())
    return urlencode([(k, v) for k, values in request.GET.lists() if k in names and k not in without for v in values])
