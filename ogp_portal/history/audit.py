"""Every recorded change to the portal's content, across all tracked models: the staff's audit trail.

One UNION of the history tables' few index columns (when, which record) sorted and paged by the
database; then, for the page's rows only, the records themselves, the record before each (to name the
fields that changed) and the related objects their names need: a bounded number of queries per model
on the page, whatever the number of rows.
"""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import CharField, Value, prefetch_related_objects
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .diff import Display, field_changes, m2m_snapshots
from .records import TrackedRecords

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class AuditFilters:
    model: str = ""  # "app_label.modelname"
    user: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    reason: str = ""


@dataclass
class AuditRow:
    when: datetime.datetime
    model: type
    object_id: object
    object_name: str
    action: str  # created / changed / deleted
    user: object  # the account, or None (the loader of the source documents, a system write)
    reason: str
    changes: list[str] = field(default_factory=list)

    @property
    def model_name(self) -> str:
        return capfirst(self.model._meta.verbose_name)


def model_key(model) -> str:
    return model._meta.label_lower


def tracked_models() -> list:
    return sorted(TrackedRecords.registry, key=lambda model: str(model._meta.verbose_name_plural).casefold())


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _history(model, filters: AuditFilters):
    records = model.history.all()
    if filters.user is not None:
        records = records.filter(history_user_id=filters.user)
    if filters.since:
        records = records.filter(history_date__gte=_day_start(filters.since))
    if filters.until:
        records = records.filter(history_date__lt=_day_start(filters.until + datetime.timedelta(days=1)))
    if filters.reason:
        records = records.filter(history_change_reason__icontains=filters.reason)
    label = Value(model_key(model), output_field=CharField())
    return records.annotate(audit_model=label).values_list("history_date", "history_id", "audit_model")


def audit_index(filters: AuditFilters):
    """(when, history id, model key) of every matching change, newest first: sliceable and countable."""
    models = [m for m in tracked_models() if not filters.model or model_key(m) == filters.model]
    if not models:
        return _history(tracked_models()[0], filters).none()
    first, *others = (_history(model, filters).order_by() for model in models)
    combined = first.union(*others, all=True) if others else first
    return combined.order_by("-history_date", "-history_id")


def _previous_records(model, records) -> dict[int, object]:
    """{history id: the record before it of the same object}, one query for the page's objects."""
    latest = max(r.history_id for r in records)
    earlier = defaultdict(list)
    for record in model.history.filter(id__in={r.id for r in records}, history_id__lt=latest).order_by("history_id"):
        earlier[record.id].append(record)
    previous = {}
    for record in records:
        chain = earlier[record.id]
        ids = [r.history_id for r in chain]
        position = bisect.bisect_left(ids, record.history_id)
        previous[record.history_id] = chain[position - 1] if position else None
    return previous


def _rows_of(model, history_ids) -> dict[int, AuditRow]:
    records = list(model.history.filter(history_id__in=history_ids).select_related("history_user"))
    previous = _previous_records(model, records)
    versions = records + [r for r in previous.values() if r is not None]
    snapshots = m2m_snapshots(model, versions)
    instances = [record.instance for record in records]
    foreign_keys = [f.name for f in model._meta.concrete_fields if f.many_to_one]
    prefetch_related_objects(instances, *foreign_keys)  # the names (__str__) some models build from them
    display = Display({})  # only the changed fields' labels are listed, never their values
    rows = {}
    for record, instance in zip(records, instances, strict=True):
        old = previous[record.history_id]
        changes = field_changes(model, old, record, snapshots=snapshots, display=display) if old else []
        rows[record.history_id] = AuditRow(
            when=record.history_date,
            model=model,
            object_id=record.id,
            object_name=str(instance),
            action=ACTIONS.get(record.history_type, record.history_type),
            user=record.history_user,
            reason=record.history_change_reason or "",
            changes=[str(change.label) for change in changes],
        )
    return rows


def audit_rows(index_rows) -> list[AuditRow]:
    """The rows of `audit_index` (a page of it) as AuditRows, in the same order."""
    by_model = defaultdict(list)
    for _when, history_id, key in index_rows:
        by_model[key].append(history_id)
    models = {model_key(m): m for m in tracked_models()}
    found = {(key, hid): row for key, ids in by_model.items() for hid, row in _rows_of(models[key], ids).items()}
    return [found[(key, history_id)] for _when, history_id, key in index_rows]


def action_label(action: str) -> str:
    return {"created": _("created"), "changed": _("changed"), "deleted": _("deleted")}[action]
