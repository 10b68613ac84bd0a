"""Who sees what of the council, and the read side of meeting pages, minutes and packs."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts import policy
from commitments.models import Measure
from plans.models import PlanRevision

from .models import (
    AgendaItem,
    Attendance,
    AttendanceKind,
    DocumentKind,
    Meeting,
    MeetingDocument,
)


def can_see_council_only(user) -> bool:
    """Drafts, council-only documents, minutes drafts and packs: council members and coordinators.

    The rule itself lives in `accounts.policy`, shared with the admin and the API.
    """
    return policy.can_view_council_drafts(user)


def meetings_visible_to(user) -> QuerySet[Meeting]:
    return policy.meetings_visible_to(user, Meeting.objects.all())


def meeting_list(*, user, today: datetime.date | None = None) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming soonest first, past newest first), in one query."""
    meetings = meetings_visible_to(user).select_related("council", "chair")
    return upcoming_and_past(meetings, today or timezone.localdate())


def upcoming_and_past(meetings, today: datetime.date) -> tuple[list[Meeting], list[Meeting]]:
    """The meeting list's order, which its download keeps: upcoming soonest first, then past newest first.

    Sorted here, not by the database: SQLite and PostgreSQL put a missing start time at opposite ends.
    """
    meetings = sorted(meetings, key=lambda m: (m.date, m.start_time or datetime.time.min, m.pk))
    return [m for m in meetings if m.date >= today], [m for m in reversed(meetings) if m.date < today]


def meeting_with_details(queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Everything a meeting page, minutes or pack shows, in a fixed number of queries."""
    return queryset.select_related("council", "council__plan", "chair", "chair__institution").prefetch_related(
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.order_by("order").prefetch_related(
                Prefetch("measures", queryset=Measure.objects.select_related("commitment", "plan"))
            ),
        ),
        Prefetch(
            "attendance",
            queryset=Attendance.objects.select_related("institution", "member").order_by("kind", "order"),
        ),
        Prefetch("documents", queryset=MeetingDocument.objects.order_by("kind", "title", "pk")),
        Prefetch(
            "plan_revisions",
            queryset=PlanRevision.objects.select_related("plan")
            .order_by("decided_on", "pk")
            .prefetch_related(
                Prefetch("added_measures", queryset=Measure.objects.select_related("plan").order_by("number", "pk"))
            ),
        ),
    )


def minutes_recorded(meeting: Meeting) -> bool:
    """Whether the portal holds the content of the meeting's minutes: its agenda (the minutes are written
    around it, and approving needs one). A meeting known only by its date and a summary has none, and no
    minutes are generated for it."""
    return bool(meeting.agenda_items.all())


@dataclass
class AttendanceLists:
    members: list[Attendance]
    others: list[Attendance]


def attendance_lists(meeting: Meeting) -> AttendanceLists:
    rows = list(meeting.attendance.all())
    return AttendanceLists(
        members=[a for a in rows if a.kind == AttendanceKind.MEMBER],
        others=[a for a in rows if a.kind == AttendanceKind.OTHER],
    )


def documents_for(meeting: Meeting, *, council_only: bool) -> list[MeetingDocument]:
    """The documents a reader may see; the public sees public ones only."""
    docs = list(meeting.documents.all())
    if not council_only:
        docs = [d for d in docs if d.is_published]
    return docs


def signed_minutes(meeting: Meeting) -> MeetingDocument | None:
    return next((d for d in meeting.documents.all() if d.kind == DocumentKind.MINUTES_SIGNED and d.file), None)


def generated_minutes(meeting: Meeting, language: str) -> MeetingDocument | None:
    docs = [d for d in meeting.documents.all() if d.kind == DocumentKind.MINUTES_GENERATED and d.file]
    return next((d for d in docs if d.language == language), None) or next(
        (d for d in docs if d.language == "lv"), None
    )


def public_minutes(meeting: Meeting, language: str) -> MeetingDocument | None:
    """The minutes the public is shown: the signed PDF once there is one, else the generated copy."""
    signed = signed_minutes(meeting)
    if signed and signed.is_published:
        return signed
    generated = generated_minutes(meeting, language)
    return generated if generated and generated.is_published else None


def attachments(meeting: Meeting) -> list[MeetingDocument]:
    """What the minutes list under "Pielikumā": every document except the minutes themselves."""
    return [d for d in meeting.documents.all() if not d.is_minutes]


def plan_changes_decided(meeting: Meeting, *, council_only: bool) -> list[PlanRevision]:
    """The plan revisions the plans' records say were decided at this meeting (with the measures they added);
    the public sees those of published plans only."""
    return [r for r in meeting.plan_revisions.all() if council_only or r.plan.is_published]
