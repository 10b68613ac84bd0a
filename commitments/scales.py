"""The scales of commitments, measures and progress entries (OGP's and the workflow's), and the rules
that read only a value on them (done, overdue)."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class PotentialForResults(models.TextChoices):
    UNCLEAR = "unclear", _("Unclear")
    MODEST = "modest", _("Modest")
    # The IRM's "potential for results" scale: its "Substantial" is not the completion status's
    # ("Lielā mērā īstenots"), so it has a translation of its own.
    SUBSTANTIAL = "substantial", pgettext_lazy("potential for results", "Substantial")


class Ambition(models.TextChoices):
    LOW = "low", _("Low")
    HIGH = "high", _("High")


class MeasureStatus(models.TextChoices):
    """OGP's completion scale plus the two states a tracker also needs."""

    NO_INFORMATION = "no_information", _("No information")
    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A measure in one of these states is done with: it is never overdue, whatever its due date.
DONE_STATUSES = (MeasureStatus.COMPLETE, MeasureStatus.WITHDRAWN)


def is_overdue(status: str, due_date: datetime.date | None, today: datetime.date) -> bool:
    """Due before `today` and not done: the rule for a status the caller has (a report's reported status)."""
    return bool(due_date and due_date < today and status not in DONE_STATUSES)


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")
