"""Atom feeds: approved progress reports and measure status changes, site-wide, per plan, per institution.

The status changes come from the measures' history (django-simple-history):
what changed and the reason given, never the account that changed it.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from commitments.models import Measure, MeasureStatus
from institutions.models import Institution
from plans.models import ActionPlan

from . import selectors
from .exports.base import translated

ITEMS = 50


def _page(obj) -> str:
    """The object's public page, or the open-data page when the portal does not have that page."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return reverse("opendata:index")


def _status_label(code: str) -> str:
    try:
        return str(MeasureStatus(code).label)
    except ValueError:
        return code


class ScopedFeed(Feed):
    """Site-wide; the plan and institution subclasses narrow it to one plan or institution."""

    feed_type = Atom1Feed
    scope = "site"

    def get_object(self, request, slug=None):
        if self.scope == "plan":
            return get_object_or_404(ActionPlan.objects.published(), slug=slug)
        if self.scope == "institution":
            return get_object_or_404(Institution, slug=slug)
        return None

    def link(self, obj):
        return reverse("opendata:index") if obj is None else _page(obj)

    def scoped_title(self, obj, kind: str) -> str:
        if obj is None:
            return kind
        return f"{kind}: {obj}"


class ProgressFeed(ScopedFeed):
    def title(self, obj):
        return self.scoped_title(obj, _("Approved progress reports"))

    def subtitle(self, obj):
        return _("Progress reports of the responsible institutions, as approved by the State Chancellery.")

    def items(self, obj):
        entries = selectors.public_progress_entries()
        if self.scope == "plan":
            entries = entries.filter(measure__plan=obj)
        elif self.scope == "institution":
            entries = entries.filter(measure__in=Measure.objects.for_institution(obj).values("pk"))
        return entries.order_by("-reviewed_at", "-pk")[:ITEMS]

    def item_title(self, entry):
        measure = entry.measure
        return f"{measure.number} {measure.title} — {entry.reporting_round.title}: {entry.get_status_display()}".strip()

    def item_description(self, entry):
        parts = [entry.narrative]
        if entry.challenges:
            parts.append(f"{_('Challenges')}: {entry.challenges}")
        return linebreaks("\n\n".join(p for p in parts if p), autoescape=True)

    def item_link(self, entry):
        return f"{_page(entry.measure)}#progress-{entry.pk}"

    def item_pubdate(self, entry):
        return entry.reviewed_at or entry.submitted_at

    def item_updateddate(self, entry):
        return entry.reviewed_at or entry.submitted_at

    def item_author_name(self, entry):
        # The institution reports; the person who typed it in is not public.
        institution = entry.measure.responsible_institution
        return str(institution) if institution else None


class PlanProgressFeed(ProgressFeed):
    scope = "plan"


class InstitutionProgressFeed(ProgressFeed):
    scope = "institution"


class StatusFeed(ScopedFeed):
    def title(self, obj):
        return self.scoped_title(obj, _("Measure status changes"))

    def subtitle(self, obj):
        return _("Every change of a measure's implementation status, with the reason given.")

    def items(self, obj):
        scope = {self.scope: obj} if obj is not None else {}
        return list(selectors.status_changes(limit=ITEMS, **scope))

    def item_title(self, row):
        name = f"{row.number} {translated(row, 'title')}".strip()
        return f"{name}: {_status_label(row.previous_status)} → {_status_label(row.status)}"

    def item_description(self, row):
        reason = row.history_change_reason or _("No reason given.")
        return linebreaks(reason, autoescape=True)

    def item_link(self, row):
        try:
            page = reverse("portal:measure", kwargs={"slug": row.plan.slug, "pk": row.id})
        except NoReverseMatch:
            page = reverse("opendata:index")
        return f"{page}#history-{row.history_id}"

    def item_pubdate(self, row):
        return row.history_date

    def item_updateddate(self, row):
        return row.history_date


class PlanStatusFeed(StatusFeed):
    scope = "plan"


class InstitutionStatusFeed(StatusFeed):
    scope = "institution"
