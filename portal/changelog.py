"""The public change log of a measure: every past version, what changed and why.

A presentation of ogp_portal.history.diff, restricted to an allow-list of public fields: staff-only
fields (internal note, version counter) and accounts (who made the change) never leave this module.
Institutions are named as they were on the date of the change. Related names and the many-to-many
snapshots are read in a handful of queries whatever the length of the history, so the measure page
runs a fixed number of queries.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from commitments.models import Commitment, Measure
from institutions.models import Institution
from ogp_portal.cache.compiled import compiled_list, compiled_rows
from ogp_portal.history.diff import (
    Display,
    FieldChange,
    creation_length,
    field_changes,
    m2m_snapshots,
    objects_by_pk,
    referenced_ids,
)
from plans.models import FundingSource, PlanRevision
from portal.measure_selectors import measure_institutions
from portal.templatetags.portal_tags import status_label
from ui import formatting

# An allow-list, so a new staff-only field stays private.
PUBLIC_FIELDS = [
    "number",
    *[f"{name}_{lang}" for name in ("title", "description", "expected_result", "indicator") for lang in ("lv", "en")],
    "commitment",
    "responsible_institution",
    "co_responsible_institutions",
    "other_implementers",
    "start_date",
    "due_date",
    "status",
    "progress_percent",
    "special_attention",
    "added_by_revision",
    "funding_sources",
]


@dataclass
class ChangeLogEntry:
    date: datetime.datetime
    created: bool
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


class PublicDisplay(Display):
    """Values as the public pages write them, institutions under their name on the date of the change."""

    def __init__(self, related: dict, on: datetime.date):
        super().__init__(related)
        self.on = on

    def label(self, model_field) -> str:
        lang = getattr(model_field, "language", "")
        if not lang:
            return super().label(model_field)
        language = _("in Latvian") if lang == "lv" else _("in English")
        return f"{capfirst(model_field.translated_field.verbose_name)} ({language})"

    def name(self, obj) -> str:
        return obj.name_on(self.on) if isinstance(obj, Institution) else str(obj)

    def choice(self, model_field, value) -> str:
        return status_label(value) if model_field.name == "status" else super().choice(model_field, value)

    def date(self, model_field, value) -> str:
        return formatting.long_date(value)

    def __call__(self, model_field, value) -> str:
        if model_field.name == "progress_percent" and value is not None:
            return formatting.percent(value)
        return super().__call__(model_field, value)


def _loaded_objects(measure: Measure) -> dict:
    """What the measure page has loaded already (portal.measure_selectors.get_public_measure): most versions refer
    to the measure's current commitment, institutions and funding, which then cost no query."""
    return {
        Commitment: [measure.commitment],
        Institution: measure_institutions(measure),
        PlanRevision: [measure.added_by_revision] if measure.added_by_revision else [],
        FundingSource: list(measure.funding_sources.all()),
    }


def _records(measure_id: int):
    return Measure.history.filter(id=measure_id).order_by("history_date", "history_id")


def _snapshot_reader(measure_id: int):
    """The many-to-many rows kept with every history record of the measure, by compiled queries."""

    def read(field, snapshot_model, column):
        def build(pk):
            return snapshot_model.objects.filter(history__id=pk).values_list("history_id", column)

        return compiled_rows(f"changelog-{field.name}", build, measure_id)

    return read


def measure_change_log(measure: Measure) -> list[ChangeLogEntry]:
    """Newest first: the addition, then every version that changed something public."""
    records = compiled_list("changelog-records", _records, measure.pk)
    if not records:
        return []
    snapshots = m2m_snapshots(Measure, records, PUBLIC_FIELDS, read=_snapshot_reader(measure.pk))
    related = objects_by_pk(
        referenced_ids(Measure, records, PUBLIC_FIELDS, snapshots=snapshots),
        _loaded_objects(measure),
        querysets={Institution: Institution.objects.prefetch_related("former_names")},
    )
    created = max(creation_length(records), 1)  # a history that starts later starts with its first version
    first = records[0]
    entries = [ChangeLogEntry(date=first.history_date, created=True, reason=first.history_change_reason or "")]
    for previous, record in zip(records[created - 1 :], records[created:], strict=False):
        display = PublicDisplay(related, on=record.history_date.date())
        changes = field_changes(Measure, previous, record, names=PUBLIC_FIELDS, snapshots=snapshots, display=display)
        if changes:
            reason = record.history_change_reason or ""
            entries.append(ChangeLogEntry(date=record.history_date, created=False, reason=reason, changes=changes))
    entries.reverse()
    return entries
