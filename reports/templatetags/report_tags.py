"""Date and amount formats for the printed reports (the same in every report of a language)."""

import datetime

from django import template
from django.utils import formats, translation

register = template.Library()


@register.filter
def report_date(value: datetime.date | None) -> str:
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if translation.get_language() == "lv":
        # The numeric form Latvian official documents use: 07.11.2024.
        return value.strftime("%d.%m.%Y.")
    return f"{value.day} {formats.date_format(value, 'F')} {value.year}"


@register.filter
def amount(value) -> str:
    if value is None:
        return ""
    return formats.number_format(value, 2, use_l10n=True, force_grouping=True)


@register.filter
def percent_of(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0
