"""A page's canonical address: its path with only the query parameters the page understands.

A view says which parameters it reads (`@understands("q", "page", multiple=("status",))`); every other
parameter (a crawler's `utm_*`, a cache buster) is dropped, empty values too, and the rest come in one
order: names sorted, a repeated parameter's values sorted (they filter the same whatever their order),
a single-valued one's last value (the one Django reads), `page` only past the first page.
"""

from urllib.parse import urlencode

PAGE = "page"


def understands(*names: str, multiple: tuple[str, ...] = ()):
    """Declare the query parameters a view reads (`multiple`: those that may repeat)."""

    def mark(view):
        view.query_params = (frozenset(names), frozenset(multiple))
        return view

    return mark


def _page(value: str) -> str:
    number = value.lstrip("0")
    return number if value.isdigit() and number not in ("", "1") else ""


def canonical_query(request) -> str:
    """The request's query string reduced to what its view understands, in canonical order ("" if none)."""
    match = getattr(request, "resolver_match", None)
    names, multiple = getattr(match.func, "query_params", (frozenset(), frozenset())) if match else ((), ())
    pairs = []
    for name in sorted(set(request.GET) & set(names)):
        values = [v for v in request.GET.getlist(name) if v.strip()]
        if name == PAGE:
            values = [_page(values[-1])] if values else []
        elif name not in multiple:
            values = values[-1:]
        pairs += [(name, value) for value in sorted(set(values)) if value]
    return urlencode(pairs)


def understood_query(request, *, without: tuple[str, ...] = (PAGE,)) -> str:
    """The request's query string less the parameters its view does not understand (and `without`).

    Unlike the canonical query, the values are kept as sent, empty and repeated ones too: a list's download
    must read what the list read, a value the list refuses included, so that page and file cannot disagree.
    """
    match = getattr(request, "resolver_match", None)
    names, _multiple = getattr(match.func, "query_params", (frozenset(), frozenset())) if match else ((), ())
    return urlencode([(k, v) for k, values in request.GET.lists() if k in names and k not in without for v in values])
