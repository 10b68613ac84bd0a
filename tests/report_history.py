"""Test helpers: put history rows on the dates a story needs (reports read the history as of a date)."""

import datetime

from django.utils import timezone

from commitments.models import Commitment, Measure, ProgressEntry


def noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def all_history_on(day: datetime.date) -> None:
    """Date every recorded row of commitments, measures and progress entries so far on `day`."""
    for model in (Commitment, Measure, ProgressEntry):
        model.history.update(history_date=noon(day))


def latest_history_on(obj, day: datetime.date) -> None:
    """Date the newest history row of `obj` on `day` (the change just saved happened then)."""
    row = obj.history.order_by("-history_id").first()
    type(row).objects.filter(pk=row.pk).update(history_date=noon(day))


def change_on(obj, day: datetime.date, **values) -> None:
    """Save `values` on `obj` as a change recorded on `day`."""
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()
    latest_history_on(obj, day)
