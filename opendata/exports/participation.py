"""The public datasets of participation: consultations, proposals, council meetings and decisions."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultations.models import ProposalOutcome
from consultations.selectors import public_consultations
from council.selectors import upcoming_and_past
from opendata import selectors

from .base import Column, Export, choice, page_url, public_url, texts
from .datasets import ID, PLAN, URL, _str


class ConsultationExport(Export):
    identifier = "consultations"
    verbose_name = _("Public consultations")
    sheet_name = _("Public consultations")
    description = _("Public consultations of the plans and their revisions: period, channel, number of proposals.")
    filename_stem = pgettext_lazy("file name", "consultations")
    plan_lookup = "plan__slug"

    primary_key = ("id",)

    def get_queryset(self):
        return public_consultations()

    def get_columns(self):
        return [
            Column("id", ID, lambda c: c.pk, "integer"),
            Column("plan", PLAN, lambda c: str(c.plan)),
            Column("revision", _("revision consulted on"), lambda c: _str(c.revision)),
            *texts("title", _("title")),
            Column("period_start", _("period start"), lambda c: c.period_start, "date"),
            Column("period_end", _("period end"), lambda c: c.period_end, "date"),
            Column("channel", _("channel"), lambda c: c.channel),
            Column("document_url", _("document address"), lambda c: c.url),
            Column("description", _("description"), lambda c: c.description),
            Column("proposals", _("number of proposals"), lambda c: c.n_proposals, "integer"),
            # Consultation has no get_absolute_url: its page is the portal's.
            Column("url", URL, lambda c: page_url("portal:consultation", pk=c.pk)),
        ]


class ProposalExport(Export):
    identifier = "proposals"
    verbose_name = _("Consultation proposals")
    sheet_name = _("Proposals")
    description = _("Proposals received in public consultations and how each was taken into account.")
    filename_stem = pgettext_lazy("file name", "proposals")
    plan_lookup = "consultation__plan__slug"

    primary_key = ("id",)
    foreign_keys = {"consultation_id": ("consultations", "id")}

    def get_queryset(self):
        return selectors.public_proposals()

    def get_columns(self):
        return [
            Column("id", ID, lambda p: p.pk, "integer"),
            Column("plan", PLAN, lambda p: str(p.consultation.plan)),
            Column("consultation_id", _("consultation identifier"), lambda p: p.consultation_id, "integer"),
            Column("consultation", _("consultation"), lambda p: p.consultation.title),
            Column("consultation_start", _("consultation start"), lambda p: p.consultation.period_start, "date"),
            Column("consultation_end", _("consultation end"), lambda p: p.consultation.period_end, "date"),
            Column("order", _("number"), lambda p: p.order, "integer"),
            Column("author", _("author"), lambda p: str(p.author_institution or p.author_name)),
            *texts("essence", _("essence of the proposal")),
            Column("response", _("how it was taken into account"), lambda p: p.response),
            Column("outcome", _("outcome"), lambda p: choice(p.outcome, ProposalOutcome)),
            Column("measures", _("measures concerned"), lambda p: [m.number or m.title for m in p.measures.all()]),
        ]


class MeetingExport(Export):
    identifier = "meetings"
    verbose_name = _("Council meetings")
    sheet_name = _("Council meetings")
    description = _("Published meetings of the supervisory council.")
    filename_stem = pgettext_lazy("file name", "meetings")

    primary_key = ("id",)

    def get_queryset(self):
        return selectors.public_meetings()

    def filter_queryset(self, queryset):
        # `?listed=1`: in the order of the public meeting list.
        if not self.params.get("listed"):
            return queryset
        upcoming, past = upcoming_and_past(queryset, self.today)
        return upcoming + past

    def get_columns(self):
        return [
            Column("id", ID, lambda m: m.pk, "integer"),
            Column("council", _("council"), lambda m: m.council.name),
            Column("number", _("number"), lambda m: m.number, "integer"),
            Column("date", _("date"), lambda m: m.date, "date"),
            Column("start_time", _("start time"), lambda m: m.start_time, "time"),
            Column("end_time", _("end time"), lambda m: m.end_time, "time"),
            Column("city", _("city"), lambda m: m.city),
            Column("place", _("place"), lambda m: m.place),
            Column("chair", _("chair"), lambda m: m.chair and m.chair.person_name),
            *texts("summary", _("summary")),
            Column("agenda", _("agenda"), lambda m: [f"{a.order}. {a.title}" for a in m.agenda_items.all()]),
            Column("next_meeting", _("next meeting"), lambda m: m.next_meeting_note),
            Column("documents", _("public documents"), lambda m: [d.title for d in m.public_documents]),
            Column("document_links", _("document addresses"), lambda m: [public_url(d) for d in m.public_documents]),
            Column("url", URL, public_url),
        ]


class AgendaItemExport(Export):
    identifier = "decisions"
    verbose_name = _("Council agenda items and decisions")
    sheet_name = _("Council decisions")
    description = _("Each agenda item of the published meetings with the discussion and the council's decision.")
    filename_stem = pgettext_lazy("file name", "council decisions")

    primary_key = ("id",)
    foreign_keys = {"meeting_id": ("meetings", "id")}

    def get_queryset(self):
        return selectors.public_agenda_items()

    def get_columns(self):
        return [
            Column("id", ID, lambda a: a.pk, "integer"),
            Column("meeting_id", _("meeting identifier"), lambda a: a.meeting_id, "integer"),
            Column("meeting_number", _("meeting number"), lambda a: a.meeting.number, "integer"),
            Column("meeting_date", _("meeting date"), lambda a: a.meeting.date, "date"),
            Column("order", _("item"), lambda a: a.order, "integer"),
            *texts("title", _("title")),
            Column("presenters", _("presenters"), lambda a: a.presenters),
            Column("discussion", _("presentations and discussion"), lambda a: a.discussion),
            Column("decision", _("council decision"), lambda a: a.decision),
            Column("measures", _("measures discussed"), lambda a: [m.number or m.title for m in a.measures.all()]),
            Column("url", URL, lambda a: public_url(a.meeting)),
        ]
