"""Pages of a long list, the way every public list shows them (portal/includes/pagination.html)."""

from django.core.paginator import Page, Paginator


def page_of(items, number, *, per_page: int) -> tuple[Page, list]:
    """The page asked for (the last one if past the end, the first one if not a number) and its pager."""
    paginator = Paginator(items, per_page)
    # "0", "-1" and the like are the first page, as their canonical address (ui/canonical.py) says;
    # Django would show the last one, and the page cache would keep it under the first page's key.
    number = number if str(number or "").isdigit() and str(number).lstrip("0") else 1
    page = paginator.get_page(number)
    return page, list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


def requested_page(request) -> str:
    """The page number as asked for, normalised for cache keys ("" for the first page)."""
    number = request.GET.get("page", "")
    return number if number.isdigit() and number.lstrip("0") not in ("", "1") else ""
