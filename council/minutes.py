"""Minutes of a meeting as a PDF, generated from the structured meeting.

The layout follows the State Chancellery's minutes (e.g. minutes No. 5 of 7 November 2024):
council name, "SĒDES PROTOKOLS Nr. N", place and date, time, venue, chair, members present,
other participants, the agenda, each item with its discussion and "Padomes lēmums", the next
meeting, attachments and the signature note. The English edition uses the same order.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from ogp_portal.pdf import render_pdf

from . import formatting
from .models import Attendance, CouncilMember, Meeting
from .selectors import attachments, attendance_lists, meeting_with_details

LANGUAGES = ("lv", "en")


@dataclass
class PersonLine:
    name: str
    description: str  # position, and the institution when the position does not already name it


def person_line(person: Attendance | CouncilMember, date) -> PersonLine:
    institution = person.institution.name_on(date) if person.institution_id else ""
    role = person.role or ""
    if role and institution and not formatting.institution_mentioned(role, institution):
        description = f"{role} ({institution})"
    else:
        description = role or institution
    return PersonLine(name=person.person_name, description=description)


def minutes_context(meeting: Meeting, language: str) -> dict:
    """What the minutes template needs, in `language` (modeltranslation reads the active language)."""
    attendance = attendance_lists(meeting)
    chair = person_line(meeting.chair, meeting.date) if meeting.chair_id else None
    return {
        "meeting": meeting,
        "language": language,
        "council_name": meeting.council.name,
        "place_line": formatting.city_locative(meeting.city) if language == "lv" else meeting.city,
        "date_line": formatting.minutes_date(meeting.date, language),
        "time_line": formatting.time_range(meeting.start_time, meeting.end_time, language),
        "chair": chair,
        "members": [person_line(a, meeting.date) for a in attendance.members],
        "others": [person_line(a, meeting.date) for a in attendance.others],
        "agenda_items": list(meeting.agenda_items.all()),
        "attachments": attachments(meeting),
        "is_draft": not meeting.minutes_are_approved,
    }


def _load(meeting: Meeting) -> Meeting:
    if hasattr(meeting, "_prefetched_objects_cache") and "agenda_items" in meeting._prefetched_objects_cache:
        return meeting
    return meeting_with_details(Meeting.objects.filter(pk=meeting.pk)).get()


def render_minutes_html(meeting: Meeting, language: str) -> str:
    meeting = _load(meeting)
    with translation.override(language):
        return render_to_string("council/pdf/minutes.html", minutes_context(meeting, language))


def render_minutes_pdf(meeting: Meeting, language: str) -> bytes:
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}; use one of {', '.join(LANGUAGES)}.")
    return render_pdf(render_minutes_html(meeting, language))


def minutes_filename(meeting: Meeting, language: str) -> str:
    number = meeting.number or meeting.date.isoformat()
    return f"{'protokols' if language == 'lv' else 'minutes'}-{number}-{language}.pdf"
