"""The plan as its history stood at the end of a day: what a report "as of" that date may say.

Every tracked change leaves a historical row (django-simple-history), so the measures' statuses,
progress and due dates, and the progress entries' review states, are read from the last row each
object had by the end of the as-of day, never from today's rows. Something with no row by then had
nothing recorded yet: its status is "no information" and its due date unknown.

Which measures belong to the plan on that date: the plan as approved holds every measure no revision
added (the loader records the approved plan, undated); a measure added by a plan revision exists
from the day the revision was decided. A revision with no decision date counts from the measure's
first recorded row.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation

from commitments.models import Commitment, Measure, MeasureStatus, ProgressEntry, ReviewState
from plans.models import ActionPlan, ReportingRound

from .models import ReportKind


def cutoff(as_of: datetime.date) -> datetime.datetime:
    """The first instant after the as-of day, in the portal's time zone (history up to it, excluded)."""
    return timezone.make_aware(datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time.min))


def midpoint(plan: ActionPlan) -> datetime.date:
    return plan.period_start + (plan.period_end - plan.period_start) / 2


def covered_rounds(*, plan: ActionPlan, kind: str, as_of: datetime.date) -> list[ReportingRound]:
    """Rounds whose period ended by the as-of date; a mid-term report stops at the plan's midpoint."""
    last = min(as_of, midpoint(plan)) if kind == ReportKind.MIDTERM else as_of
    return list(ReportingRound.objects.filter(plan=plan, period_end__lte=last).order_by("period_start"))


@dataclass(frozen=True)
class MeasureState:
    status: str
    progress_percent: int | None
    due_date: datetime.date | None
    start_date: datetime.date | None
    special_attention: bool


NOTHING_RECORDED = MeasureState(MeasureStatus.NO_INFORMATION, None, None, None, False)


def measure_states(*, plan: ActionPlan, as_of: datetime.date) -> dict[int, MeasureState]:
    """Each measure's last recorded state by the end of `as_of` (missing: nothing recorded by then)."""
    rows = (
        Measure.history.filter(plan=plan, history_date__lt=cutoff(as_of))
        .latest_of_each()
        .exclude(history_type="-")
        .values_list("id", "status", "progress_percent", "due_date", "start_date", "special_attention")
    )
    return {pk: MeasureState(*rest) for pk, *rest in rows.order_by()}


def first_recorded(*, plan: ActionPlan) -> dict[int, datetime.datetime]:
    rows = Measure.history.filter(plan=plan).values_list("id", "history_date").order_by("history_date")
    first: dict[int, datetime.datetime] = {}
    for pk, when in rows:
        first.setdefault(pk, when)
    return first


def existed(measure: Measure, *, as_of: datetime.date, first: dict[int, datetime.datetime]) -> bool:
    revision = measure.added_by_revision
    if revision is None:
        return True
    if revision.decided_on is not None:
        return revision.decided_on <= as_of
    recorded = first.get(measure.pk)
    return recorded is not None and recorded < cutoff(as_of)


def commitments_under_attention(*, plan: ActionPlan, as_of: datetime.date) -> set[int]:
    """Commitments marked as a whole for special attention on that date."""
    rows = (
        Commitment.history.filter(plan=plan, history_date__lt=cutoff(as_of))
        .latest_of_each()
        .exclude(history_type="-")
        .values_list("id", "special_attention")
    )
    return {pk for pk, special in rows.order_by() if special}


@dataclass(frozen=True)
class EntryRecord:
    measure_id: int
    round_id: int
    status: str
    progress_percent: int | None
    narrative: str
    narrative_lang: str | None  # set when the text is in another language than the report
    challenges: str
    challenges_lang: str | None
    evidence_links: str
    reviewed_at: datetime.datetime | None


def _localized(row: dict, field: str) -> tuple[str, str | None]:
    """The row's text in the active language, else in the other one, with that other language (as
    ui.languages.shown_text does for saved objects: a report never passes one language off as another)."""
    language = translation.get_language()
    if row.get(f"{field}_{language}"):
        return row[f"{field}_{language}"], None
    for other in ("lv", "en"):
        if other != language and row.get(f"{field}_{other}"):
            return row[f"{field}_{other}"], other
    return "", None


def approved_entries(*, rounds: list[ReportingRound], as_of: datetime.date) -> dict[int, list[EntryRecord]]:
    """Per measure, the entries of `rounds` that were approved at the end of `as_of`, oldest round first."""
    order = {r.pk: r.period_start for r in rounds}
    rows = (
        ProgressEntry.history.filter(reporting_round__in=list(order), history_date__lt=cutoff(as_of))
        .latest_of_each()
        .filter(review_state=ReviewState.APPROVED)
        .exclude(history_type="-")
        .values(
            "measure_id",
            "reporting_round_id",
            "status",
            "progress_percent",
            "narrative_lv",
            "narrative_en",
            "challenges_lv",
            "challenges_en",
            "evidence_links",
            "reviewed_at",
        )
    )
    by_measure: dict[int, list[EntryRecord]] = {}
    for row in sorted(rows.order_by(), key=lambda r: order[r["reporting_round_id"]]):
        narrative, narrative_lang = _localized(row, "narrative")
        challenges, challenges_lang = _localized(row, "challenges")
        by_measure.setdefault(row["measure_id"], []).append(
            EntryRecord(
                measure_id=row["measure_id"],
                round_id=row["reporting_round_id"],
                status=row["status"],
                progress_percent=row["progress_percent"],
                narrative=narrative,
                narrative_lang=narrative_lang,
                challenges=challenges,
                challenges_lang=challenges_lang,
                evidence_links=row["evidence_links"],
                reviewed_at=row["reviewed_at"],
            )
        )
    return by_measure
