"""What only the printed reports compute; dates, numbers and money come from ui_tags, as on the pages."""

from django import template

register = template.Library()


@register.filter
def percent_of(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0
