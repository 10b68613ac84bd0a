"""`{% measure_rows measures show_plan=True %}`: the rows of every list of measures (the measure search,
an institution's page, a commitment, the dashboards' special-attention and overdue lists), in Python.

A row rendered as a template include cost about 0.14 ms (a context push, a dozen nodes, three
`{% translate %}`, the tags), and an institution's page shows up to 90 of them. The markup is the one
the former `portal/includes/measure_item.html` gave, byte for byte (tests/test_portal_measure_rows.py).
The pieces that come from other templates, the progress bar and the attention flag, are still rendered
by those templates, once per process, language and value, so changing a template changes every row.
"""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.templatetags.portal_tags import flag_badge, progress_bar, status_badge
from ui.formatting import long_date
from ui.templatetags.ui_tags import longdate, tr
from ui.urls import object_url

register = template.Library()

# Rendered include templates by (template, language, values): they depend on the templates and the
# catalogues only. Not under DEBUG, where runserver changes templates and catalogues in place.
_INCLUDES: dict[tuple, str] = {}
_INCLUDES_SIZE = 2048


def _include(name: str, key: tuple, context: dict) -> str:
    key = (name, get_language(), *key)
    html = None if settings.DEBUG else _INCLUDES.get(key)
    if html is None:
        html = render_to_string(name, context)
        if len(_INCLUDES) >= _INCLUDES_SIZE:
            _INCLUDES.clear()
        _INCLUDES[key] = html
    return html


class _Flag:
    """What attention_flag.html reads of a measure (`m`): its own flag and its commitment's."""

    def __init__(self, special: bool, commitment_special: bool, number):
        self.special_attention = special
        self.commitment = _Commitment(commitment_special, number)


class _Commitment:
    def __init__(self, special: bool, number):
        self.special_attention, self.number = special, number


class _Rows:
    """One list's rows: the language, today and every repeated piece (badges, flags, bars, plan names)
    looked up once per list instead of once per row."""

    def __init__(self, show_plan: bool):
        self.show_plan, self.lang, self.today = show_plan, get_language(), timezone.localdate()
        words = {"plan": _("Plan"), "responsible": _("Responsible"), "due": _("Due")}
        self.words = {key: conditional_escape(word) for key, word in words.items()}
        self.pieces: dict[tuple, str] = {}

    def piece(self, key: tuple, make) -> str:
        html = self.pieces.get(key)
        if html is None:
            html = self.pieces[key] = make()
        return html

    def attention_flag(self, m) -> str:
        key = (bool(m.special_attention), bool(m.commitment.special_attention), m.commitment.number)
        return self.piece(
            ("flag", *key), lambda: _include("portal/includes/attention_flag.html", key, {"m": _Flag(*key)})
        )

    def progress(self, value) -> str:
        def make():
            context = progress_bar(value, _("Progress"))
            return _include("portal/includes/progress_bar.html", (context["value"], str(context["label"])), context)

        return self.piece(("progress", value), make)

    def text(self, obj, field: str) -> str:
        return conditional_escape(tr(obj, field, self.lang))

    def row(self, m) -> str:
        number = f'<span class="measure-number">{conditional_escape(m.number)}</span> ' if m.number else ""
        badges = [self.piece(("status", m.status), lambda: str(status_badge(m.status)))]
        if m.is_special_attention:
            badges.append(" " + self.attention_flag(m))
        if m.is_overdue(self.today):
            badges.append(" " + self.piece(("overdue",), lambda: flag_badge("overdue")))
        if m.progress_percent is not None:
            badges.append(" " + self.progress(m.progress_percent))
        plan = responsible = due = ""
        if self.show_plan:
            name = self.piece(("plan", m.plan.pk), lambda: self.text(m.plan, "short_name"))
            plan = f"<div><dt>{self.words['plan']}</dt><dd>{name}</dd></div>"
        if m.responsible_institution:
            # institution_name() without a date: its current name
            name = self.text(m.responsible_institution, "name")
            responsible = f"<div><dt>{self.words['responsible']}</dt><dd>{name}</dd></div>"
        if m.due_date:
            date = conditional_escape(long_date(m.due_date, self.lang))
            due = f"<div><dt>{self.words['due']}</dt><dd>{date}</dd></div>"
        return (
            '<li class="measure-item">\n'
            f'  <a class="measure-item__title" href="{conditional_escape(m.get_absolute_url())}">'
            f"{number}{self.text(m, 'title')}</a>\n"
            f'  <p class="measure-item__badges">{"".join(badges)}</p>\n'
            '  <dl class="measure-item__meta">\n'
            f"    {plan}\n"
            f"    {responsible}\n"
            f"    {due}\n"
            "  </dl>\n"
            "</li>\n"
        )


@register.simple_tag
def measure_rows(measures, show_plan=False) -> SafeString:
    """The `<li>` of each measure, as HTML (every value escaped here)."""
    rows = _Rows(show_plan)
    return mark_safe("".join(rows.row(m) for m in measures))


# --- the plan timeline's events (the former includes timeline_kind.html, timeline_title.html) ----------


@register.simple_tag
def timeline_kind(event) -> SafeString:
    """What kind of event it is, in words."""
    if event.kind == "phase":
        return mark_safe(f"{conditional_escape(event.obj.get_kind_display())}\n")
    words = {
        "approval": _("Approval"),
        "revision": _("Plan refresh"),
        "consultation": _("Public consultation"),
        "round": _("Deadline for progress reports"),
        "meeting": _("Supervisory council meeting"),
    }
    return mark_safe(f"{conditional_escape(words.get(event.kind, ''))}\n")


def _meeting_url(pk) -> str:
    try:
        return object_url("council:meeting", pk=pk)
    except NoReverseMatch:  # as `{% url … as meeting_url %}` did: no link
        return ""


def _linked(url: str, html: str) -> str:
    return f'<a href="{conditional_escape(url)}">{html}</a>' if url else html


def _title(obj) -> str:
    return conditional_escape(tr(obj, "title"))


@register.simple_tag
def timeline_title(event) -> SafeString:
    """The event's title, linked to its page where it has one."""
    kind, obj, html = event.kind, event.obj, ""
    if kind in ("phase", "round"):
        html = _title(obj)
    elif kind == "approval":
        html = conditional_escape(tr(obj, "approving_act") if obj.approving_act else _("Plan approved"))
    elif kind == "revision":
        html = _title(obj)
        meeting = obj.decided_at_meeting
        if meeting and meeting.status == "published":
            date = conditional_escape(longdate(meeting.date, "gen"))
            words = _("decided at the council meeting of %(date)s") % {"date": date}
            html += f" ({_linked(_meeting_url(meeting.pk), words)})"
    elif kind == "consultation":
        html = _linked(object_url("portal:consultation", pk=obj.pk), _title(obj))
    elif kind == "meeting":
        number = conditional_escape(obj.number) if obj.number else ""
        words = _("Meeting No. %(number)s") % {"number": number} if obj.number else conditional_escape(_("Meeting"))
        html = _linked(_meeting_url(obj.pk), words)
    return mark_safe(f"{html}\n")
