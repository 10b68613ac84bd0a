"""A plan's timeline: development phases, approval, revisions, consultations, reporting rounds and meetings.

One UNION query of the few columns the timeline shows, instead of a query per kind of event (each
query costs the web process more to compile than to read), written in SQL once per process rather than
compiled by the ORM on every request; the rows become unsaved model instances, so the templates read
them as before.
"""

import datetime
import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import DateField
from django.utils.translation import gettext as _

from consultations.models import Consultation
from council.models import Meeting
from ogp_portal.cache.compiled import compiled_sql
from plans.models import ActionPlan, PlanPhase, PlanRevision, ReportingRound

_DATE = DateField()


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


# The columns every kind fills, in UNION order; a kind leaves the others NULL (typed: PostgreSQL reads an
# untyped NULL in the first rows of a UNION as text).
_COLUMNS = {
    "t_kind": "varchar",
    "t_rank": "integer",
    "t_id": "bigint",
    "t_start": "date",
    "t_end": "date",
    "t_title_lv": "varchar",
    "t_title_en": "varchar",
    "t_sub": "varchar",  # a phase's kind
    "t_number": "integer",  # a meeting's number
    "t_meeting_id": "bigint",  # a revision's meeting
    "t_meeting_status": "varchar",
    "t_meeting_date": "date",
    "t_order": "integer",  # a phase's place
    "t_order_date": "date",  # the date its own list was sorted by
}
_DATES = [name for name, kind in _COLUMNS.items() if kind == "date"]


def _column(model, field: str, alias: str = "t") -> str:
    return f"{alias}.{connection.ops.quote_name(model._meta.get_field(field).column)}"


_TITLES = {"t_title_lv": "title_lv", "t_title_en": "title_en"}
# Each kind: its model, its rank (the order of kinds on the same dates) and the fields it fills the columns
# with. The first four are the plan's own rows (the plan is public; they have no rule of their own);
# meetings are those `Meeting.objects.published()` gives, so that rule stays in one place.
_KINDS = (
    (
        "phase",
        PlanPhase,
        0,
        {"t_start": "start_date", "t_end": "end_date", "t_sub": "kind", "t_order": "order", **_TITLES},
    ),
    (
        "revision",
        PlanRevision,
        1,
        {"t_start": "decided_on", "t_order_date": "decided_on", "t_meeting_id": "decided_at_meeting", **_TITLES},
    ),
    (
        "consultation",
        Consultation,
        2,
        {"t_start": "period_start", "t_end": "period_end", "t_order_date": "period_start", **_TITLES},
    ),
    ("round", ReportingRound, 3, {"t_start": "deadline", "t_order_date": "period_start", **_TITLES}),
    ("meeting", Meeting, 4, {"t_start": "date", "t_number": "number", "t_order_date": "date"}),
)


def _branch(kind: str, model, rank: int, fields: dict[str, str]) -> str:
    """One SELECT of the UNION, every column in `_COLUMNS` order, the ones it does not fill NULL."""
    values = {"t_kind": f"'{kind}'", "t_rank": str(rank), "t_id": _column(model, "id")}
    values.update({name: _column(model, field) for name, field in fields.items()})
    join = ""
    # Meetings: the ids the published() subquery gives, put in by _rows(); the rest: the plan's rows.
    where = f"{_column(model, 'id')} IN ({{meetings}})" if kind == "meeting" else f"{_column(model, 'plan')} = %s"
    if kind == "revision":
        meeting = connection.ops.quote_name(Meeting._meta.db_table)
        join = f"LEFT JOIN {meeting} m ON {_column(Meeting, 'id', 'm')} = {_column(model, 'decided_at_meeting')}"
        values["t_meeting_status"] = _column(Meeting, "status", "m")
        values["t_meeting_date"] = _column(Meeting, "date", "m")
    select = ", ".join(
        f"{values[name]} AS {name}" if name in values else f"CAST(NULL AS {type_}) AS {name}"
        for name, type_ in _COLUMNS.items()
    )
    return f"SELECT {select} FROM {connection.ops.quote_name(model._meta.db_table)} t {join} WHERE {where}"


@functools.cache
def _union_sql(vendor: str) -> str:
    """The UNION in SQL, written once per process (and database vendor): compiling the same UNION with
    the ORM on every request cost more than the rest of the dashboard's queries together. Every value
    in it is a name from the models or a constant of this module; the plan and the meetings' rule are
    bound parameters."""
    return " UNION ALL ".join(_branch(*kind) for kind in _KINDS)


def _published_meetings(plan_id: int):
    return Meeting.objects.published().filter(council__plan_id=plan_id).order_by().values("pk")


def _rows(plan: ActionPlan) -> list[dict]:
    meetings, meeting_params = compiled_sql("timeline-meetings", _published_meetings, plan.pk)
    # The meetings' rule compiled by the ORM, as a subquery of the last branch; its parameters come last.
    sql = _union_sql(connection.vendor).replace("{meetings}", meetings)
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan.pk] * 4 + list(meeting_params))
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    for row in rows:  # SQLite gives the dates of a UNION as text
        for name in _DATES:
            row[name] = _DATE.to_python(row[name])
    return rows


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
