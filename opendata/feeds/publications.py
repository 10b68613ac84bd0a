"""Atom feeds of what is published beside the measures: council meetings and public consultations.

Only what `published()` lets through: a draft meeting or a consultation of an unpublished plan is in
no feed.
"""

from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from consultations.models import Consultation
from council.models import Meeting
from ogp_portal.feeds import start_of_day, tag_uri
from ui.formatting import date_range, long_date

from .base import ITEMS, OpendataFeed


class MeetingFeed(OpendataFeed):
    kind = "meetings"

    def subtitle(self):
        return _("Meetings of the supervisory council as they are published: agenda, decisions and minutes.")

    def link(self):
        return reverse("council:meetings")

    def items(self):
        return (
            Meeting.objects.published()
            .select_related("council")
            .order_by(F("published_at").desc(nulls_last=True), "-date", "-pk")[:ITEMS]
        )

    def item_title(self, meeting):
        name = _("Meeting No. %(number)s") % {"number": meeting.number} if meeting.number else _("Meeting")
        return f"{name}, {long_date(meeting.date)}"

    def item_description(self, meeting):
        return linebreaks(meeting.summary, autoescape=True) if meeting.summary else None

    def item_guid(self, meeting):
        return tag_uri("meeting", meeting.pk)

    def item_pubdate(self, meeting):
        return self.item_updateddate(meeting)

    def item_updateddate(self, meeting):
        # Meetings loaded from the source documents were published without a recorded time: their date stands.
        return meeting.published_at or start_of_day(meeting.date)


class ConsultationFeed(OpendataFeed):
    kind = "consultations"

    def subtitle(self):
        return _("Public consultations on the action plans, from their opening, with how proposals were handled.")

    def link(self):
        return reverse("portal:consultations")

    def items(self):
        history = Consultation.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date")
        return (
            Consultation.objects.published()
            .select_related("plan")
            .annotate(last_change=Subquery(history.values("history_date")[:1]))
            .order_by("-period_start", "-pk")[:ITEMS]
        )

    def item_title(self, consultation):
        return f"{consultation.title} ({date_range(consultation.period_start, consultation.period_end)})"

    def item_description(self, consultation):
        return linebreaks(consultation.description, autoescape=True) if consultation.description else None

    def item_link(self, consultation):
        return reverse("portal:consultation", kwargs={"pk": consultation.pk})

    def item_guid(self, consultation):
        return tag_uri("consultation", consultation.pk)

    def item_pubdate(self, consultation):
        """Its opening."""
        return start_of_day(consultation.period_start)

    def item_updateddate(self, consultation):
        """Its record's last change (e.g. the answers to the proposals), never before its opening."""
        opened = self.item_pubdate(consultation)
        return max(opened, consultation.last_change) if consultation.last_change else opened
