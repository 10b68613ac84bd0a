"""Template helpers for the public pages: localised dates and money, status badges,
translated content with an honest "shown in Latvian" marker, the language switch."""

import datetime

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter as linebreaks
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from commitments.models import MeasureStatus
from portal import formatting
from portal.labels import status_label

register = template.Library()

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


# --- dates and numbers ----------------------------------------------------------------------------


@register.filter
def longdate(value, case=""):
    """`{{ d|longdate }}`; inside a Latvian sentence `{{ d|longdate:"gen" }}` (or "dat", "loc")."""
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


def _resolve(obj, field: str) -> tuple[str, str | None]:
    """The text to show for a translated field and, when it is in another language than the page, that language.

    modeltranslation silently falls back to Latvian on English pages (and shows nothing on
    Latvian pages when only English exists); readers, and screen readers that pick a voice
    from `lang`, need to know which language they are reading.
    """
    if obj is None:
        return "", None
    lang = get_language() or DEFAULT_LANGUAGE
    own = getattr(obj, f"{field}_{lang}", None)
    if own is None and not hasattr(obj, f"{field}_{lang}"):
        return getattr(obj, field, "") or "", None  # not a translated field
    if own:
        # The loader keeps a measure's official English title in the Latvian field when no source
        # gives a Latvian one; identical texts in both fields mean the Latvian one is that English copy.
        if lang == DEFAULT_LANGUAGE and own == getattr(obj, f"{field}_en", None):
            return own, "en"
        return own, None
    for other, _name in settings.LANGUAGES:
        value = getattr(obj, f"{field}_{other}", None) if other != lang else None
        if value:
            return value, other
    return "", None


def _lang_note(lang: str):
    note = _("in Latvian") if lang == "lv" else _("in English")
    return format_html('<span class="lang-note">({})</span>', note)


@register.simple_tag
def tr(obj, field):
    """An inline translated field, e.g. a title: `{% tr measure "title" %}`."""
    value, lang = _resolve(obj, field)
    if lang:
        return format_html('<span lang="{}">{}</span> {}', lang, value, _lang_note(lang))
    return value


@register.simple_tag
def tr_block(obj, field):
    """A translated text field as paragraphs: `{% tr_block measure "description" %}`."""
    value, lang = _resolve(obj, field)
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
    value, lang = _resolve(obj, field)
    value = Truncator(value).words(int(words))
    if lang:
        return format_html('<span lang="{}">{}</span> {}', lang, value, _lang_note(lang))
    return value


@register.simple_tag
def institution_name(institution, date=None):
    """The institution's name on `date` (current name when None), marked if shown in Latvian."""
    if institution is None:
        return ""
    return tr(institution.record_on(date), "name")


@register.simple_tag
def institution_former(institution, date):
    """True when the institution was called something else on `date` than today."""
    if institution is None or date is None:
        return False
    return institution.record_on(date) is not institution


# --- status badges --------------------------------------------------------------------------------

_ICON = '<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">{}</svg>'
_RING = '<circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"{}/>'
STATUS_ICONS = {
    MeasureStatus.COMPLETE: '<circle cx="8" cy="8" r="7.25" fill="currentColor"/>'
    '<path d="M4.6 8.3l2.2 2.2 4.6-4.8" fill="none" stroke="#fff" stroke-width="2"/>',
    MeasureStatus.SUBSTANTIAL: _RING.format("") + '<path d="M8 8V1.5A6.5 6.5 0 1 1 1.5 8Z" fill="currentColor"/>',
    MeasureStatus.LIMITED: _RING.format("") + '<path d="M8 8V1.5A6.5 6.5 0 0 1 14.5 8Z" fill="currentColor"/>',
    MeasureStatus.NOT_STARTED: _RING.format(""),
    MeasureStatus.NO_INFORMATION: _RING.format(' stroke-dasharray="2.5 2"')
    + '<text x="8" y="11.6" text-anchor="middle" font-size="10" font-weight="700" fill="currentColor">?</text>',
    MeasureStatus.WITHDRAWN: _RING.format("")
    + '<path d="M3.4 12.6l9.2-9.2" stroke="currentColor" stroke-width="1.5"/>',
}
FLAG_ICONS = {
    "attention": '<path d="M8 1.2l7 13.2H1z" fill="currentColor"/>'
    '<path d="M8 5.6v4.6M8 11.4v1.4" stroke="#fff" stroke-width="1.7"/>',
    "overdue": _RING.format("") + '<path d="M8 4v4.4l3 1.8" fill="none" stroke="currentColor" stroke-width="1.6"/>',
}


@register.simple_tag
def status_badge(status):
    """The status word with a shape and colour: never colour alone."""
    if not status:
        return ""
    status = MeasureStatus(status)
    icon = mark_safe(_ICON.format(STATUS_ICONS[status]))
    return format_html('<span class="badge badge--{}">{}{}</span>', status.value, icon, status_label(status))


@register.simple_tag
def flag_badge(kind):
    labels = {"attention": _("Special attention"), "overdue": _("Overdue")}
    return format_html(
        '<span class="badge badge--{}">{}{}</span>', kind, mark_safe(_ICON.format(FLAG_ICONS[kind])), labels[kind]
    )


@register.inclusion_tag("portal/includes/progress_bar.html")
def progress_bar(value, label=""):
    value = None if value is None else max(0, min(int(value), 100))
    return {"value": value, "label": label}


# --- language switch ------------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def url_in_language(context, lang_code):
    """The same page in another language (query string kept)."""
    request = context.get("request")
    if request is None:
        return "/" if lang_code == DEFAULT_LANGUAGE else f"/{lang_code}/"
    # Asked for three times a page (two hreflang links, the language switch); resolving costs.
    known = request.__dict__.setdefault("_urls_in_language", {})
    if lang_code not in known:
        known[lang_code] = _url_in_language(request, lang_code)
    return known[lang_code]


def _url_in_language(request, lang_code):
    url = request.get_full_path()
    translated = translate_url(url, lang_code)
    if translated != url or lang_code == (get_language() or DEFAULT_LANGUAGE):
        return translated
    # Pages that do not resolve (a 404) keep the path shape: only the language prefix differs.
    path = request.path
    current = get_language() or DEFAULT_LANGUAGE
    if current != DEFAULT_LANGUAGE and path.startswith(f"/{current}/"):
        path = path[len(current) + 1 :]
    return path if lang_code == DEFAULT_LANGUAGE else f"/{lang_code}{path}"


@register.simple_tag(takes_context=True)
def absolute_url_in_language(context, lang_code):
    request = context.get("request")
    path = url_in_language(context, lang_code)
    return request.build_absolute_uri(path) if request else path


@register.filter
def is_overdue(measure):
    return measure.is_overdue()


@register.filter(name="status_label")
def status_label_filter(status):
    return status_label(status)


# --- the page frame ---------------------------------------------------------------------------------

_FRAME_MEMO: dict[tuple, str] = {}
_FRAME_MEMO_SIZE = 512


class FrameMemoNode(template.Node):
    def __init__(self, nodelist, name: str, values: list):
        self.nodelist, self.name, self.values = nodelist, name, values

    def render(self, context):
        if settings.DEBUG:  # templates change under runserver without a restart
            return self.nodelist.render(context)
        key = (self.name, get_language(), *(value.resolve(context) for value in self.values))
        html = _FRAME_MEMO.get(key)
        if html is None:
            html = self.nodelist.render(context)
            if len(_FRAME_MEMO) >= _FRAME_MEMO_SIZE:
                _FRAME_MEMO.clear()
            _FRAME_MEMO[key] = html
        return html


@register.tag
def frame_memo(parser, token):
    """`{% frame_memo "nav" view_name %}…{% endframe_memo %}`: the block rendered once per process,
    language and the values given.

    For the frame around every page (navigation, footer): it comes from templates, translation
    catalogues and URL patterns only, never from content or the visitor, and those are fixed for the
    life of a process. Rendering it costs more than a cached page, so each web process keeps it.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("frame_memo needs a name")
    nodelist = parser.parse(("endframe_memo",))
    parser.delete_first_token()
    return FrameMemoNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])
