"""The e-mails of the progress-entry workflow, queued in the step's transaction (notifications outbox).

Submitted → the coordinators; returned, approved, approval withdrawn → who submitted the entry (or, if
nobody did or that account is gone, the editors of the measure's institutions). Whoever took the step
is not told about it.
"""

from __future__ import annotations

from django.urls import reverse

from accounts.selectors import coordinators, institution_editors
from institutions.models import Institution
from notifications.models import MessageKind
from notifications.services import message_queue, site_url

from .models import ProgressEntry

_TEMPLATES = {
    MessageKind.ENTRY_SUBMITTED: "notifications/email/entry_submitted",
    MessageKind.ENTRY_RETURNED: "notifications/email/entry_returned",
    MessageKind.ENTRY_APPROVED: "notifications/email/entry_approved",
    MessageKind.APPROVAL_WITHDRAWN: "notifications/email/approval_withdrawn",
}


def _reporters(entry: ProgressEntry):
    submitter = entry.submitted_by
    if submitter is not None and submitter.is_active:
        return [submitter]
    measure = entry.measure
    institutions = Institution.objects.filter(
        pk__in=[
            measure.responsible_institution_id,
            *measure.co_responsible_institutions.values_list("pk", flat=True),
            *measure.other_implementers.values_list("pk", flat=True),
        ]
    )
    return list(institution_editors(institutions))


def entry_notify(*, entry: ProgressEntry, kind: str, user, comment: str = ""):
    """Queue the step's e-mails; `entry` as saved by the step (its version names the event)."""
    recipients = coordinators() if kind == MessageKind.ENTRY_SUBMITTED else _reporters(entry)
    context = {
        "entry": entry,
        "measure": entry.measure,
        "round": entry.reporting_round,
        "plan": entry.measure.plan,
        "actor": (user.get_full_name() or user.get_username()) if hasattr(user, "get_username") else str(user),
        "comment": comment,
        "url": site_url(reverse("admin:commitments_progressentry_change", args=[entry.pk])),
    }
    return message_queue(
        recipients=[account for account in recipients if account.pk != user.pk],
        kind=kind,
        key=f"{kind}:progressentry:{entry.pk}:v{entry.version}",
        template=_TEMPLATES[kind],
        context=context,
    )
