"""History registration that remembers each model's HistoricalRecords, so writes can record one row themselves.

Content history is registered in each app's translation.py (after modeltranslation, so the historical
tables get the `_lv`/`_en` columns) with `track_history`; `records_for(model)` then gives the object
that writes a model's historical row and its many-to-many snapshot.
"""

from __future__ import annotations

from simple_history import register
from simple_history.models import HistoricalRecords


class TrackedRecords(HistoricalRecords):
    registry: dict[type, TrackedRecords] = {}

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            TrackedRecords.registry[sender] = self


def track_history(model, **options) -> None:
    register(model, records_class=TrackedRecords, **options)


def records_for(model) -> TrackedRecords:
    return TrackedRecords.registry[model]
