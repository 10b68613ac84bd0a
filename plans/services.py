"""Writes of the plan's own content: plans, their phases, links, revisions, funding and reporting rounds.

Keyword-only, one transaction each, validated, one history row with its reason (save_versioned). The
plan is the document the Cabinet approved: only the coordinator changes it. A reporting round's
status moves only through round_open / round_close, which record who opened it and when.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from ogp_portal.history.actors import SOURCE_LOADER
from ogp_portal.history.writes import AS_READ, save_versioned

from .models import ActionPlan, ReportingRound, RoundStatus
from .notices import round_notify


def _require_coordinator(user) -> None:
    if not policy.is_coordinator(user):
        raise PermissionDenied(_("Only the coordinator changes the action plan."))


@transaction.atomic
def action_plan_save(
    *, plan: ActionPlan, user, reason: str = "", expected_version: int | None = AS_READ, m2m: dict | None = None
) -> ActionPlan:
    _require_coordinator(user)
    return save_versioned(plan, user=user, reason=reason, expected_version=expected_version, m2m=m2m)


@transaction.atomic
def plan_part_save(
    *, instance: models.Model, user, reason: str = "", expected_version: int | None = AS_READ, m2m: dict | None = None
) -> models.Model:
    """A phase, link, revision, funding source or amount of a plan."""
    _require_coordinator(user)
    return save_versioned(instance, user=user, reason=reason, expected_version=expected_version, m2m=m2m)


@transaction.atomic
def reporting_round_save(
    *,
    reporting_round: ReportingRound,
    user,
    reason: str = "",
    expected_version: int | None = AS_READ,
    m2m: dict | None = None,
) -> ReportingRound:
    """A round's dates and title; its status is round_open's and round_close's."""
    _require_coordinator(user)
    if reporting_round.pk is None and user is SOURCE_LOADER:
        # A past round the source documents record (already closed) is created as it stood.
        stored_status = reporting_round.status
    elif reporting_round.pk is None:
        stored_status = ReportingRound._meta.get_field("status").get_default()
    else:
        stored_status = ReportingRound.objects.values_list("status", flat=True).get(pk=reporting_round.pk)
    if reporting_round.status != stored_status:
        raise ValidationError(
            {"status": _("A round is opened and closed with the round actions, not by editing it.")},
            code="status_by_action",
        )
    return save_versioned(reporting_round, user=user, reason=reason, expected_version=expected_version, m2m=m2m)


def _locked_round(pk, *, expected: str, refusal: str) -> ReportingRound:
    """The round, locked, if its status is `expected`; `refusal` (with %(status)s) says why not."""
    current = ReportingRound.objects.select_for_update().get(pk=pk)
    if current.status != expected:
        raise ValidationError(refusal % {"status": current.get_status_display()}, code="invalid_transition")
    return current


def _refuse_second_open_round(current: ReportingRound) -> None:
    other = ReportingRound.objects.open().filter(plan_id=current.plan_id).exclude(pk=current.pk).first()
    if other is not None:
        raise ValidationError(
            _("Round “%(other)s” of this plan is still open; close it first.") % {"other": other},
            code="another_round_open",
        )


@transaction.atomic
def round_open(*, reporting_round: ReportingRound, user) -> ReportingRound:
    if not policy.can_open_round(user):
        raise PermissionDenied(_("Only the coordinator opens reporting rounds."))
    current = _locked_round(
        reporting_round.pk,
        expected=RoundStatus.PLANNED,
        refusal=_("Only a planned round can be opened; this one is “%(status)s”."),
    )
    _refuse_second_open_round(current)
    current.status = RoundStatus.OPEN
    current.opened_at = timezone.now()
    current.opened_by = user
    save_versioned(current, user=user, reason=_("Reporting round opened"))
    round_notify(reporting_round=current, user=user)
    return current


@transaction.atomic
def round_close(*, reporting_round: ReportingRound, user) -> ReportingRound:
    if not policy.can_open_round(user):
        raise PermissionDenied(_("Only the coordinator closes reporting rounds."))
    current = _locked_round(
        reporting_round.pk,
        expected=RoundStatus.OPEN,
        refusal=_("Only an open round can be closed; this one is “%(status)s”."),
    )
    current.status = RoundStatus.CLOSED
    return save_versioned(current, user=user, reason=_("Reporting round closed"))


@transaction.atomic
def round_reopen(*, reporting_round: ReportingRound, user, reason: str) -> ReportingRound:
    """A closed round opened again (late reports, a correction); why is kept in its history."""
    if not policy.can_open_round(user):
        raise PermissionDenied(_("Only the coordinator reopens reporting rounds."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for reopening the round.")}, code="reason_required")
    current = _locked_round(
        reporting_round.pk,
        expected=RoundStatus.CLOSED,
        refusal=_("Only a closed round can be reopened; this one is “%(status)s”."),
    )
    _refuse_second_open_round(current)
    current.status = RoundStatus.OPEN
    save_versioned(current, user=user, reason=_("Reporting round reopened: %(reason)s") % {"reason": reason})
    round_notify(reporting_round=current, user=user, reason=reason)
    return current
