"""The e-mail of a round opened or reopened, queued in its transaction: to the editors of the institutions
with measures in the round's plan."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from accounts.selectors import institution_editors
from institutions.models import Institution
from notifications.models import MessageKind
from notifications.services import message_queue, site_url

from .models import ReportingRound


def round_notify(*, reporting_round: ReportingRound, user, reason: str = ""):
    plan_id = reporting_round.plan_id
    institutions = Institution.objects.filter(
        Q(responsible_for__plan_id=plan_id)
        | Q(co_responsible_for__plan_id=plan_id)
        | Q(implementer_of__plan_id=plan_id)
    )
    context = {
        "round": reporting_round,
        "plan": reporting_round.plan,
        "reopened": bool(reason),
        "reason": reason,
        "url": site_url(reverse("admin:plans_reportinground_change", args=[reporting_round.pk])),
    }
    # The round has no version number: the history record of this opening names the event.
    event = reporting_round.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return message_queue(
        recipients=[account for account in institution_editors(institutions) if account.pk != user.pk],
        kind=MessageKind.ROUND_OPENED,
        key=f"{MessageKind.ROUND_OPENED}:reportinground:{reporting_round.pk}:h{event}",
        template="notifications/email/round_opened",
        context=context,
    )
