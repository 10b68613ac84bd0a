"""Template helpers of the public pages themselves: status badges, institutions' names on a date,
the language switch and the page frame. Formats and translated fields: ui_tags."""

from django import template
from django.conf import settings
from django.urls import get_script_prefix, translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from commitments.models import MeasureStatus
from ui.canonical import canonical_query
from ui.labels import STATUS_SHAPES
from ui.templatetags.ui_tags import tr

register = template.Library()

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


# --- institutions -----------------------------------------------------------------------------------


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
_RING = '<circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"/>'
FLAG_ICONS = {
    "attention": '<path d="M8 1.2l7 13.2H1z" fill="currentColor"/>'
    '<path d="M8 5.6v4.6M8 11.4v1.4" stroke="#fff" stroke-width="1.7"/>',
    "overdue": _RING + '<path d="M8 4v4.4l3 1.8" fill="none" stroke="currentColor" stroke-width="1.6"/>',
}


# A badge comes from the code and the translation catalogue only, so each process writes each one once per
# language (a list page shows dozens); not under DEBUG, where runserver reloads catalogues in place.
_BADGES: dict[tuple, str] = {}


def _badge(kind: str, value: str, make) -> str:
    if settings.DEBUG:
        return make()
    key = (kind, value, get_language())
    html = _BADGES.get(key)
    if html is None:
        html = _BADGES[key] = make()
    return html


@register.simple_tag
def status_badge(status):
    """The status word with a shape and colour: never colour alone."""
    if not status:
        return ""
    status = MeasureStatus(status)

    def make():
        icon = mark_safe(_ICON.format(STATUS_SHAPES[status]))
        return format_html('<span class="badge badge--{}">{}{}</span>', status.value, icon, status.label)

    return _badge("status", status.value, make)


@register.simple_tag
def flag_badge(kind):
    def make():
        labels = {"attention": _("Special attention"), "overdue": _("Overdue")}
        icon = mark_safe(_ICON.format(FLAG_ICONS[kind]))
        return format_html('<span class="badge badge--{}">{}{}</span>', kind, icon, labels[kind])

    return _badge("flag", kind, make)


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
        known[lang_code] = _translated_url(request, lang_code)
    return known[lang_code]


# Every page asks for its address in each language, which resolves it and reverses it again: the answer
# depends on the URL patterns only (fixed for the life of a process), so each process keeps the recent ones.
_TRANSLATED: dict[tuple, str] = {}
_TRANSLATED_SIZE = 2048


def _translated_url(request, lang_code):
    key = (get_script_prefix(), request.get_full_path(), get_language(), lang_code)
    url = _TRANSLATED.get(key)
    if url is None:
        url = _url_in_language(request, lang_code)
        if len(_TRANSLATED) >= _TRANSLATED_SIZE:
            _TRANSLATED.clear()
        _TRANSLATED[key] = url
    return url


def _url_in_language(request, lang_code, with_query=True):
    url = request.get_full_path() if with_query else request.path
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


@register.simple_tag(takes_context=True)
def canonical_url(context, lang_code=None):
    """The page's canonical address in `lang_code` (the page's own language when None), absolute: its path
    with only the query parameters its view understands (ui/canonical.py). Computed per request, in the
    frame, never inside a memo or a cached part, since it is the one thing that differs between pages."""
    request = context.get("request")
    lang_code = lang_code or get_language() or DEFAULT_LANGUAGE
    if lang_code == "x-default":  # for a reader of any other language: the site's default language
        lang_code = DEFAULT_LANGUAGE
    if request is None:
        return url_in_language(context, lang_code)
    known = request.__dict__.setdefault("_canonical_urls", {})
    if lang_code not in known:
        path = _translated_path(request, lang_code)
        query = canonical_query(request)
        known[lang_code] = request.build_absolute_uri(f"{path}?{query}" if query else path)
    return known[lang_code]


def _translated_path(request, lang_code):
    key = (get_script_prefix(), request.path, get_language(), lang_code, "path")
    url = _TRANSLATED.get(key)
    if url is None:
        url = _url_in_language(request, lang_code, with_query=False)
        if len(_TRANSLATED) >= _TRANSLATED_SIZE:
            _TRANSLATED.clear()
        _TRANSLATED[key] = url
    return url


@register.filter
def is_overdue(measure):
    return measure.is_overdue()


@register.filter
def status_label(status):
    """The status's name as the model states it: the same words as the PDFs and the downloads."""
    return str(MeasureStatus(status).label) if status else ""


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
