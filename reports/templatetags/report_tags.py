"""Date and amount formats for the printed reports: the public pages' formats (portal.formatting)."""

import datetime

from django import template
from django.utils import timezone

from portal import formatting

register = template.Library()


@register.filter
def report_date(value: datetime.date | None) -> str:
    """Latvian "2024. gada 7. novembris", English "7 November 2024"."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return formatting.long_date(value)


@register.filter
def money(value, currency: str = "EUR") -> str:
    """Latvian "1 740 000 EUR", English "EUR 1,740,000" (cents only when there are any)."""
    return formatting.money(value, currency)


@register.filter
def percent_of(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0
