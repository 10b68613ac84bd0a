"""Atom feeds of the measures: approved progress reports and status changes, site-wide, per plan, per institution.

The status changes come from the measures' history (django-simple-history):
what changed and the reason given, never the account that changed it.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from commitments.models import Measure, MeasureStatus
from ogp_portal.feeds import start_of_day, tag_uri

from .. import selectors
from ..exports.base import translated
from .base import ITEMS, ScopedFeed, page


def _status_label(code: str) -> str:
    try:
        return str(MeasureStatus(code).label)
    except ValueError:
        return code


class ProgressFeed(ScopedFeed):
    kind = "progress"

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
        return f"{page(entry.measure)}#progress-{entry.pk}"

    def item_guid(self, entry):
        return tag_uri("progress-entry", entry.pk)

    def item_pubdate(self, entry):
        return self.item_updateddate(entry)

    def item_updateddate(self, entry):
        # An entry loaded from the source documents may carry neither time: its round's end stands for it.
        return entry.reviewed_at or entry.submitted_at or start_of_day(entry.reporting_round.period_end)

    def item_author_name(self, entry):
        # The institution reports; the person who typed it in is not public.
        institution = entry.measure.responsible_institution
        return str(institution) if institution else None


class PlanProgressFeed(ProgressFeed):
    scope = "plan"


class InstitutionProgressFeed(ProgressFeed):
    scope = "institution"


class StatusFeed(ScopedFeed):
    kind = "status"

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
            measure_page = reverse("portal:measure", kwargs={"slug": row.plan.slug, "pk": row.id})
        except NoReverseMatch:
            measure_page = reverse("opendata:index")
        return f"{measure_page}#history-{row.history_id}"

    def item_guid(self, row):
        # The measure and its history record: the same change in every language and under every host.
        return tag_uri("measure", row.id, "history", row.history_id)

    def item_pubdate(self, row):
        return row.history_date

    def item_updateddate(self, row):
        return row.history_date


class PlanStatusFeed(StatusFeed):
    scope = "plan"


class InstitutionStatusFeed(StatusFeed):
    scope = "institution"
