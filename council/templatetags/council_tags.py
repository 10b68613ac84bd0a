from django import template
from django.utils import translation

from council import formatting

register = template.Library()


def _language() -> str:
    return "lv" if (translation.get_language() or "lv").startswith("lv") else "en"


@register.simple_tag
def time_range(start, end):
    """'plkst. 13.00 – 14.30' / '13:00–14:30'."""
    return formatting.time_range(start, end, _language())
