"""Template helpers shared by every app's pages: localised dates, numbers and money, and translated
content with an honest "shown in Latvian" marker (`{% load ui_tags %}`)."""

import datetime

from django import template
from django.template.defaultfilters import linebreaks_filter as linebreaks
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ui import formatting
from ui.languages import shown_text

register = template.Library()

# --- dates and numbers ----------------------------------------------------------------------------


@register.filter
def longdate(value, case=""):
    """The one date filter: `{{ d|longdate }}`; in a Latvian sentence `{{ d|longdate:"gen" }}` ("dat", "acc", "loc").

    A timestamp is shown as the local date it falls on (a report's build time, a document's upload).
    """
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formatting.long_date(value, case=case)


@register.filter
def day_before(value):
    """For exclusive end dates shown as inclusive ("used until 30 June" for valid_until 1 July)."""
    return value - datetime.timedelta(days=1) if value else value


@register.simple_tag
def daterange(start, end):
    return formatting.date_range(start, end)


@register.simple_tag
def yearrange(start, end):
    return formatting.year_range(start, end)


@register.filter
def num(value):
    return formatting.number(value)


@register.filter
def money(value, currency="EUR"):
    return formatting.money(value, currency or "EUR")


@register.filter
def percent(value):
    return formatting.percent(value)


# --- translated content ---------------------------------------------------------------------------


def _lang_note(lang: str):
    note = _("in Latvian") if lang == "lv" else _("in English")
    return format_html('<span class="lang-note">({})</span>', note)


@register.simple_tag
def tr(obj, field, page_lang=None):
    """An inline translated field, e.g. a title: `{% tr measure "title" %}` (`page_lang`: the active
    language, for callers that render many)."""
    value, lang = shown_text(obj, field, page_lang)
    if lang:
        return format_html('<span lang="{}">{}</span> {}', lang, value, _lang_note(lang))
    return value


@register.simple_tag
def tr_block(obj, field):
    """A translated text field as paragraphs: `{% tr_block measure "description" %}`."""
    value, lang = shown_text(obj, field)
    if not value:
        return ""
    if lang:
        note = (
            _("This text has not been translated into English yet; it is shown in Latvian.")
            if lang == "lv"
            else _("This text is only available in English.")
        )
        return format_html(
            '<div lang="{}" class="prose">{}</div><p class="lang-note">{}</p>', lang, linebreaks(value), note
        )
    return format_html('<div class="prose">{}</div>', linebreaks(value))


@register.simple_tag
def tr_excerpt(obj, field, words=40):
    """The first `words` words of a translated text field, inline, marked if in another language."""
    value, lang = shown_text(obj, field)
    value = Truncator(value).words(int(words))
    if lang:
        return format_html('<span lang="{}">{}</span> {}', lang, value, _lang_note(lang))
    return value


@register.simple_tag
def in_lang(obj, field):
    """A translated field marked with its language when it falls back to another one, without a visible note.

    For table cells and long lists, where the `{% tr %}` note on every row would be noise;
    screen readers still switch voice by the `lang` attribute.
    """
    value, lang = shown_text(obj, field)
    if lang:
        return format_html('<span lang="{}">{}</span>', lang, value)
    return value
