"""Date and amount formats for the printed reports (the same in every report of a language)."""

import datetime

from django import template
from django.utils import formats, timezone, translation

register = template.Library()


@register.filter
def report_date(value: datetime.date | None) -> str:
    """Latvian "2024. gada 7. novembris", English "7 November 2024"."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if translation.get_language() == "lv":
        return formats.date_format(value, "DATE_FORMAT")
    return formats.date_format(value, "j F Y")


@register.filter
def money(value, currency: str = "EUR") -> str:
    """Latvian "1 740 000 EUR", English "EUR 1,740,000" (cents only when there are any)."""
    if value is None:
        return ""
    places = 0 if value == int(value) else 2
    number = formats.number_format(value, places, use_l10n=True, force_grouping=True)
    return f"{number}\u00a0{currency}" if translation.get_language() == "lv" else f"{currency}\u00a0{number}"


@register.filter
def percent_of(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0
