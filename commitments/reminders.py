"""Reminder e-mails to institution editors about an open reporting round (run daily by cron).

`N` days (settings.REMINDER_DAYS_BEFORE_DEADLINE) before the deadline, editors whose measures still lack a
submitted report get a "deadline approaching" reminder; after the deadline, the ones still late get a
"deadline passed" reminder. Each (account, round, kind) is recorded in `Reminder` under a unique
constraint, in the same transaction as its message is queued in the outbox (notifications), which sends
it once and retries it while the mail server fails.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import InstitutionEditor, Reminder, ReminderKind
from notifications.models import MessageKind
from notifications.services import message_queue
from plans.models import ReportingRound

from .models import Measure
from .selectors import pending_measures


@dataclass
class DueReminder:
    user: object
    reporting_round: ReportingRound
    kind: str
    measures: list = field(default_factory=list)


def kind_for(reporting_round: ReportingRound, today: datetime.date) -> str | None:
    if today > reporting_round.deadline:
        return ReminderKind.OVERDUE
    if today >= reporting_round.deadline - datetime.timedelta(days=settings.REMINDER_DAYS_BEFORE_DEADLINE):
        return ReminderKind.DEADLINE_SOON
    return None


def reminders_due(*, today: datetime.date | None = None) -> list[DueReminder]:
    today = today or timezone.localdate()
    due = []
    for reporting_round in ReportingRound.objects.open().select_related("plan").order_by("deadline"):
        kind = kind_for(reporting_round, today)
        if kind is None:
            continue
        pending = list(
            pending_measures(reporting_round)
            .select_related("responsible_institution")
            .prefetch_related("co_responsible_institutions", "other_implementers")
        )
        already = set(
            Reminder.objects.filter(reporting_round=reporting_round, kind=kind).values_list("user_id", flat=True)
        )
        links = (
            InstitutionEditor.objects.filter(user__is_active=True)
            .exclude(user__email="")
            .exclude(user_id__in=already)
            .select_related("user")
        )
        per_user: dict[int, DueReminder] = {}
        for link in links:
            mine = [m for m in pending if link.institution_id in _institution_ids(m)]
            if not mine:
                continue
            item = per_user.setdefault(link.user_id, DueReminder(link.user, reporting_round, kind))
            item.measures.extend(m for m in mine if m not in item.measures)
        due.extend(per_user.values())
    return due


def _institution_ids(measure: Measure) -> set[int]:
    ids = {i.pk for i in measure.co_responsible_institutions.all()} | {i.pk for i in measure.other_implementers.all()}
    if measure.responsible_institution_id:
        ids.add(measure.responsible_institution_id)
    return ids


def _queue(item: DueReminder) -> None:
    context = {
        "user": item.user,
        "round": item.reporting_round,
        "kind": item.kind,
        "measures": sorted(item.measures, key=lambda m: (m.commitment_id, m.order, m.number)),
        "admin_url": settings.SITE_URL.rstrip("/") + reverse("admin:index"),
        "overdue": item.kind == ReminderKind.OVERDUE,
    }
    message_queue(
        recipients=[item.user],
        kind=MessageKind.REMINDER,
        key=f"{MessageKind.REMINDER}:{item.kind}:reportinground:{item.reporting_round.pk}",
        template="commitments/email/reminder",
        context=context,
    )


def send_reminders(*, today: datetime.date | None = None, dry_run: bool = False) -> list[DueReminder]:
    """Queue what is due in the outbox; returns what was queued (or would be, with dry_run)."""
    sent = []
    with translation.override(settings.LANGUAGE_CODE):
        for item in reminders_due(today=today):
            if dry_run:
                sent.append(item)
                continue
            try:
                with transaction.atomic():
                    Reminder.objects.create(
                        user=item.user,
                        reporting_round=item.reporting_round,
                        kind=item.kind,
                        measure_count=len(item.measures),
                    )
                    _queue(item)
            except IntegrityError:
                continue  # another run recorded it first
            sent.append(item)
    return sent
