"""Minutes of a meeting as a PDF, generated from the structured meeting.

The layout follows the State Chancellery's minutes (e.g. minutes No. 5 of 7 November 2024):
council name, "SĒDES PROTOKOLS Nr. N", place and date, time, venue, chair, members present,
other participants, the agenda, each item with its discussion and "Padomes lēmums", the next
meeting and the attachments. The English edition uses the same order.

The PDF is the portal's rendering, not the signed minutes: it never carries the meeting's signature
note. It ends by saying that it was generated from the portal's data, and where the signed original
is when one has been uploaded. A meeting whose content is not recorded (no agenda) has no generated
minutes at all: `render_minutes_pdf` refuses it with `NoMinutesRecorded`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ogp_portal.pdf import render_pdf

from . import formatting
from .models import Attendance, CouncilMember, Meeting
from .selectors import attachments, attendance_lists, meeting_with_details, minutes_recorded, signed_minutes

LANGUAGES = ("lv", "en")


class NoMinutesRecorded(ValueError):
    """The portal holds no content of this meeting's minutes (no agenda): there is nothing to generate."""


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
        # A title names the date in the nominative: "Sēdes protokols Nr. 5 (2024. gada 7. novembris)".
        "title_date": formatting.long_date(meeting.date, language),
        "time_line": formatting.time_range(meeting.start_time, meeting.end_time, language),
        "chair": chair,
        "members": [person_line(a, meeting.date) for a in attendance.members],
        "others": [person_line(a, meeting.date) for a in attendance.others],
        "agenda_items": list(meeting.agenda_items.all()),
        "attachments": attachments(meeting),
        "is_draft": not meeting.minutes_are_approved,
        "generated_on": formatting.minutes_date(timezone.localdate(), language),
        "signed_url": _absolute(signed.get_absolute_url()) if (signed := signed_minutes(meeting)) else "",
        "meeting_url": _absolute(meeting.get_absolute_url()),
    }


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


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
    meeting = _load(meeting)
    if not minutes_recorded(meeting):
        with translation.override(language):
            raise NoMinutesRecorded(
                _("No minutes are recorded for the meeting of %(date)s: its agenda has not been entered.")
                % {"date": formatting.genitive_date(meeting.date, language)}
            )
    return render_pdf(render_minutes_html(meeting, language))


def minutes_filename(meeting: Meeting, language: str) -> str:
    number = meeting.number or meeting.date.isoformat()
    return f"{'protokols' if language == 'lv' else 'minutes'}-{number}-{language}.pdf"
