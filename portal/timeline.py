"""A plan's timeline: development phases, approval, revisions, consultations, reporting rounds and meetings.

One UNION query of the few columns the timeline shows, instead of a query per kind of event (each
query costs the web process more to compile than to read); the rows become unsaved model instances,
so the templates read them as before.
"""

import datetime
from dataclasses import dataclass

from django.db.models import CharField, DateField, F, IntegerField, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from consultations.models import Consultation
from council.models import Meeting
from plans.models import ActionPlan, PlanPhase, PlanRevision, ReportingRound


@dataclass
class TimelineEvent:
    start: datetime.date | None
    end: datetime.date | None
    kind: str
    title: str
    obj: object = None
    url: str = ""

    @property
    def sort_key(self):
        return (self.start or self.end or datetime.date.max, self.end or datetime.date.max)


def _none(field):
    # Typed: PostgreSQL reads an untyped NULL in the first rows of a UNION as text.
    return Cast(Value(None), output_field=field)


def _row(queryset, kind: str, rank: int, **columns):
    """The same columns, in the same order, for every kind (a UNION matches them by position)."""
    text, date, number = CharField(), DateField(), IntegerField()
    defaults = {
        "t_kind": Value(kind, output_field=text),
        "t_rank": Value(rank, output_field=number),
        "t_id": F("pk"),
        "t_start": _none(date),
        "t_end": _none(date),
        "t_title_lv": _none(text),
        "t_title_en": _none(text),
        "t_sub": _none(text),  # a phase's kind
        "t_number": _none(number),  # a meeting's number
        "t_meeting_id": _none(number),  # a revision's meeting
        "t_meeting_status": _none(text),
        "t_meeting_date": _none(date),
        "t_order": _none(number),  # a phase's place
        "t_order_date": _none(date),  # the date its own list was sorted by
    }
    defaults.update(columns)
    # modeltranslation's values() would put the columns in a set's order: its rewriting is off here, and
    # the translated titles are named by language anyway.
    return queryset.order_by().rewrite(False).values(**defaults)


def _rows(plan: ActionPlan):
    titles = {"t_title_lv": F("title_lv"), "t_title_en": F("title_en")}
    phases = _row(
        plan.phases.all(),
        "phase",
        0,
        t_start=F("start_date"),
        t_end=F("end_date"),
        t_sub=F("kind"),
        t_order=F("order"),
        **titles,
    )
    revisions = _row(
        plan.revisions.all(),
        "revision",
        1,
        t_start=F("decided_on"),
        t_order_date=F("decided_on"),
        t_meeting_id=F("decided_at_meeting_id"),
        t_meeting_status=F("decided_at_meeting__status"),
        t_meeting_date=F("decided_at_meeting__date"),
        **titles,
    )
    consultations = _row(
        plan.consultations.all(),
        "consultation",
        2,
        t_start=F("period_start"),
        t_end=F("period_end"),
        t_order_date=F("period_start"),
        **titles,
    )
    rounds = _row(
        plan.reporting_rounds.all(), "round", 3, t_start=F("deadline"), t_order_date=F("period_start"), **titles
    )
    meetings = _row(
        Meeting.objects.published().filter(council__plan=plan),
        "meeting",
        4,
        t_start=F("date"),
        t_number=F("number"),
        t_order_date=F("date"),
    )
    return phases.union(revisions, consultations, rounds, meetings, all=True)


def _list_order(row) -> tuple:
    """Each kind in the order its own list had (which events on the same dates keep): phases by their
    place, revisions and rounds oldest first, consultations and meetings newest first."""
    when = row["t_order_date"].toordinal() if row["t_order_date"] else 0
    newest_first = row["t_kind"] in ("consultation", "meeting")
    return (row["t_rank"], row["t_order"] or 0, -when if newest_first else when, row["t_id"])


def _event(plan: ActionPlan, row: dict) -> TimelineEvent:
    kind, pk, start, end = row["t_kind"], row["t_id"], row["t_start"], row["t_end"]
    titles = {"title_lv": row["t_title_lv"], "title_en": row["t_title_en"]}
    if kind == "phase":
        obj = PlanPhase(
            pk=pk, plan=plan, kind=row["t_sub"], order=row["t_order"], start_date=start, end_date=end, **titles
        )
    elif kind == "revision":
        meeting = None
        if row["t_meeting_id"]:
            meeting = Meeting(pk=row["t_meeting_id"], status=row["t_meeting_status"], date=row["t_meeting_date"])
        obj = PlanRevision(pk=pk, plan=plan, decided_on=start, decided_at_meeting=meeting, **titles)
    elif kind == "consultation":
        obj = Consultation(pk=pk, plan=plan, period_start=start, period_end=end, **titles)
    elif kind == "round":
        obj = ReportingRound(pk=pk, plan=plan, deadline=start, **titles)
    else:
        obj = Meeting(pk=pk, number=row["t_number"], date=start)
    return TimelineEvent(start, end, kind, "" if kind == "meeting" else obj.title, obj)


def plan_timeline(*, plan: ActionPlan) -> list[TimelineEvent]:
    """Development phases, approval, revisions, consultations, reporting rounds and published meetings."""
    events = [_event(plan, row) for row in sorted(_rows(plan), key=_list_order)]
    phase_dates = {d for e in events if e.kind == "phase" for d in (e.start, e.end)}
    if plan.approved_on and plan.approved_on not in phase_dates:
        phases = [e for e in events if e.kind == "phase"]
        events.insert(len(phases), TimelineEvent(plan.approved_on, None, "approval", _("Plan approved"), plan))
    return sorted(events, key=lambda e: e.sort_key)
