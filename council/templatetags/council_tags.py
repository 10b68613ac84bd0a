from django import template
from django.utils import translation

from council import formatting

register = template.Library()


def _language() -> str:
    return "lv" if (translation.get_language() or "lv").startswith("lv") else "en"


@register.filter
def long_date(value):
    """'2024. gada 7. novembris' / '7 November 2024'."""
    return formatting.long_date(value, _language()) if value else ""


@register.simple_tag
def time_range(start, end):
    """'plkst. 13.00 – 14.30' / '13:00–14:30'."""
    return formatting.time_range(start, end, _language())


@register.simple_tag
def in_lang(obj, field):
    """A translated field marked with its language when it falls back to another one, without a visible note.

    For table cells and long lists, where the portal's `{% tr %}` note on every row would be noise;
    screen readers still switch voice by the `lang` attribute.
    """
    from django.utils.html import format_html

    from portal.templatetags.portal_tags import _resolve

    value, lang = _resolve(obj, field)
    if lang:
        return format_html('<span lang="{}">{}</span>', lang, value)
    return value
