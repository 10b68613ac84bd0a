"""Reminder e-mails to institution editors about an open reporting round (run daily by cron).

`N` days (settings.REMINDER_DAYS_BEFORE_DEADLINE) before the deadline, editors whose measures still lack a
submitted report get a "deadline approaching" reminder; after the deadline, the ones still late get a
"deadline passed" reminder. Each (account, round, kind) is recorded in `Reminder` under a unique
constraint, in the same transaction as the sending, so no reminder is ever sent twice.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from commitments.models import Measure, ProgressEntry, ReviewState
from plans.models import ReportingRound

from .models import InstitutionEditor, Reminder, ReminderKind

logger = logging.getLogger(__name__)


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


def pending_measures(reporting_round: ReportingRound):
    """Measures of the round's plan with no report submitted (or approved) for this round yet."""
    reported = ProgressEntry.objects.filter(
        reporting_round=reporting_round, review_state__in=[ReviewState.SUBMITTED, ReviewState.APPROVED]
    ).values("measure_id")
    return Measure.objects.filter(plan_id=reporting_round.plan_id).not_done().exclude(pk__in=reported)


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


def _render(item: DueReminder) -> tuple[str, str]:
    context = {
        "user": item.user,
        "round": item.reporting_round,
        "kind": item.kind,
        "measures": sorted(item.measures, key=lambda m: (m.commitment_id, m.order, m.number)),
        "admin_url": settings.SITE_URL.rstrip("/") + reverse("admin:index"),
        "overdue": item.kind == ReminderKind.OVERDUE,
    }
    subject = render_to_string("accounts/email/reminder_subject.txt", context).strip()
    body = render_to_string("accounts/email/reminder.txt", context)
    return subject, body


def send_reminders(*, today: datetime.date | None = None, dry_run: bool = False) -> list[DueReminder]:
    """Send what is due; returns what was sent (or would be, with dry_run)."""
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
                    subject, body = _render(item)
                    # A failure to send rolls the record back, so tomorrow's run tries again.
                    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [item.user.email], fail_silently=False)
            except IntegrityError:
                continue  # another run recorded it first
            except Exception:
                # One unreachable mailbox must not stop the others; the next run retries this one.
                logger.exception("Reminder to %s for %s not sent", item.user.email, item.reporting_round)
                continue
            sent.append(item)
    return sent
