"""Finding a meeting in the admin (its list and every meeting picker) by a date as people write it.

The search box and the autocomplete of the fields that pick a meeting (a revision's, an agenda's) both
go through ModelAdmin.get_search_results: "7.11.2024" or "2024-11-07" finds that day's meeting,
"11.2024" or "2024-11" that month's, "2024" that year's, alongside the number and the texts.
"""

from __future__ import annotations

import re

from django.db.models import Q

from ogp_portal import spreadsheets

_MONTH = (re.compile(r"^(?P<month>\d{1,2})\.(?P<year>\d{4})$"), re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"))
_YEAR = re.compile(r"^(?P<year>(19|20)\d{2})$")


def meeting_date_filter(term: str) -> Q | None:
    """The dates a search term names, or None when it names none."""
    term = term.strip()
    try:
        day = spreadsheets.parse_date(term)
    except ValueError:
        day = None
    if day is not None:
        return Q(date=day)
    for pattern in _MONTH:
        if match := pattern.match(term):
            month = int(match["month"])
            if 1 <= month <= 12:
                return Q(date__year=int(match["year"]), date__month=month)
    if match := _YEAR.match(term):
        return Q(date__year=int(match["year"]))
    return None


class MeetingSearchMixin:
    search_fields = [
        "=number",
        "summary_lv",
        "summary_en",
        "place_lv",
        "agenda_items__title_lv",
        "agenda_items__title_en",
    ]

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        dates = meeting_date_filter(search_term) if search_term else None
        if dates is None:
            return found, may_have_duplicates
        return found | queryset.filter(dates), True
