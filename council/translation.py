"""Bilingual content fields; history registered after them (see institutions/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from ogp_portal.history.records import track_history

from .models import AgendaItem, Attendance, Council, CouncilMember, Meeting, MeetingDocument


@register(Council)
class CouncilTR(TranslationOptions):
    fields = ("name", "description")


@register(CouncilMember)
class CouncilMemberTR(TranslationOptions):
    fields = ("role",)


@register(Meeting)
class MeetingTR(TranslationOptions):
    fields = ("city", "place", "summary", "next_meeting_note", "signature_note")


@register(AgendaItem)
class AgendaItemTR(TranslationOptions):
    fields = ("title", "discussion", "decision")


@register(Attendance)
class AttendanceTR(TranslationOptions):
    fields = ("role",)


@register(MeetingDocument)
class MeetingDocumentTR(TranslationOptions):
    fields = ("title",)


for model in (Council, CouncilMember, Meeting, Attendance, MeetingDocument):
    track_history(model)
track_history(AgendaItem, m2m_fields=["measures"])
