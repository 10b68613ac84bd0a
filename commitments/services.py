"""The progress-reporting workflow and the measure writes around it (HackSoft-style services).

Round: planned → open (coordinator) → closed (coordinator).
Entry: draft ⇄ (saved by the institution) → submitted → approved (public) or returned → … → submitted.

Every function is keyword-only, runs in one transaction, checks who may do it (accounts.policy), checks
the transition, validates with full_clean(), claims the optimistic-locking version and leaves a history
row with the user and a reason. A refused step raises PermissionDenied (who) or ValidationError (what).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from accounts import policy
from ogp_portal.history.writes import AS_READ, readable_changes, save_versioned

from . import workflow
from .models import Commitment, Measure, MeasureStatus, ProgressEntry, ReviewState
from .notices import MessageKind, entry_notify

_UNSET = object()

# Fields of an entry the workflow owns; a caller editing the entry's text cannot set them.
WORKFLOW_FIELDS = ("review_state", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at", "review_comment")


def _save(instance, *, user, reason: str, expected_version=AS_READ, m2m=None):
    return save_versioned(instance, user=user, reason=reason, expected_version=expected_version, m2m=m2m)


def _state_label(state: str) -> str:
    return str(ReviewState(state).label)


def _locked(model, pk):
    return model._default_manager.select_for_update().get(pk=pk)


# --- commitments and measures --------------------------------------------------------------------------


def _expected(instance, expected_version):
    """The version the caller read: given, or the one `instance` carries (None: no version, refused)."""
    return instance.version if expected_version is AS_READ else expected_version


@transaction.atomic
def commitment_save(
    *, commitment: Commitment, user, reason: str = "", expected_version: int | None = AS_READ, m2m: dict | None = None
) -> Commitment:
    """Create or change a commitment (its lead institutions in `m2m`): the plan's text, the coordinator's."""
    if not policy.is_coordinator(user):
        raise PermissionDenied(_("Only the coordinator changes the plan's commitments."))
    return _save(commitment, user=user, reason=reason, expected_version=expected_version, m2m=m2m)


@transaction.atomic
def measure_update_status(
    *,
    measure: Measure,
    status: str,
    user,
    reason: str,
    progress_percent=_UNSET,
    expected_version: int | None = AS_READ,
) -> Measure:
    """Change a measure's status (and progress); the reason is required and kept in the history."""
    if not policy.can_change_measure_status(user, measure):
        raise PermissionDenied(_("Only the coordinator changes a measure's status."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the status change.")}, code="reason_required")
    if status not in MeasureStatus.values:
        raise ValidationError({"status": _("Unknown status “%(status)s”.") % {"status": status}}, code="invalid")
    current = _locked(Measure, measure.pk)
    current.status = status
    if progress_percent is not _UNSET:
        current.progress_percent = progress_percent
    _save(current, user=user, reason=reason, expected_version=_expected(measure, expected_version))
    for name in ("status", "progress_percent", "version"):
        setattr(measure, name, getattr(current, name))
    return current


@transaction.atomic
def measures_update_status(*, measures, status: str, user, reason: str) -> list[Measure]:
    """One status and one reason for several measures: all change or none (one history record each).

    The caller chose the measures from a list it read: each is changed at its current version, so a bulk
    change never asks for a per-row version. A measure already at `status` is left as it is (no record).
    Returns the measures that changed.
    """
    changed = []
    for measure in sorted(measures, key=lambda m: m.pk):  # one lock order, no deadlock between two bulk runs
        current = _locked(Measure, measure.pk)
        if current.status == status:
            continue
        changed.append(measure_update_status(measure=current, status=status, user=user, reason=reason))
    return changed


def editor_measure_fields() -> set[str]:
    """The measure fields an institution editor may change (policy.EDITOR_MEASURE_FIELDS, every language)."""
    translated = translator.get_options_for_model(Measure).all_fields
    names = set(policy.EDITOR_MEASURE_FIELDS)
    for base in policy.EDITOR_MEASURE_FIELDS:
        names |= {field.name for field in translated.get(base, ())}
    return names


@transaction.atomic
def measure_save(
    *, measure: Measure, user, reason: str = "", expected_version: int | None = AS_READ, m2m: dict | None = None
) -> Measure:
    """Create or change a measure (its institutions and funding sources in `m2m`).

    The promise itself is the coordinator's: institution editors may change only
    policy.EDITOR_MEASURE_FIELDS and report through progress entries. A status or progress change
    needs a reason, like measure_update_status.
    """
    if measure.pk is None:
        if not policy.is_coordinator(user):
            raise PermissionDenied(_("Only the coordinator adds measures."))
        return _save(measure, user=user, reason=reason, m2m=m2m)
    current = _locked(Measure, measure.pk)
    if not policy.can_edit_measure(user, current):
        raise PermissionDenied(_("You cannot change this measure."))
    changed = set(readable_changes(measure, current, m2m))
    if not policy.can_change_promise(user, current):
        refused = changed - editor_measure_fields()
        if refused:
            labels = ", ".join(sorted(str(Measure._meta.get_field(name).verbose_name) for name in refused))
            raise PermissionDenied(_("Only the coordinator changes: %(fields)s.") % {"fields": labels})
    reason = (reason or "").strip()
    if changed & {"status", "progress_percent"} and not reason:
        raise ValidationError({"reason": _("Give a reason for the status change.")}, code="reason_required")
    return _save(measure, user=user, reason=reason or _("Measure edited"), expected_version=expected_version, m2m=m2m)


# --- progress entries ---------------------------------------------------------------------------------------


def _apply_content(*, target: ProgressEntry, source: ProgressEntry, user) -> None:
    """Copy what the reporter may write; never the measure, the round or the workflow fields.

    The reviewer's comment is the coordinator's to write, with or without a review step.
    """
    excluded = {"id", "measure", "reporting_round", "version", *WORKFLOW_FIELDS}
    if policy.can_review_entry(user, target):
        excluded.discard("review_comment")
    for field in ProgressEntry._meta.concrete_fields:
        if field.name not in excluded:
            setattr(target, field.attname, getattr(source, field.attname))


def _check_same_slot(current: ProgressEntry, entry: ProgressEntry) -> None:
    if entry.measure_id != current.measure_id or entry.reporting_round_id != current.reporting_round_id:
        raise ValidationError(
            _("An entry cannot be moved to another measure or round; create a new entry instead."), code="moved"
        )


def _new_entry(*, entry: ProgressEntry, user, new_state) -> ProgressEntry:
    measure = entry.measure if entry.measure_id else None
    reporting_round = entry.reporting_round if entry.reporting_round_id else None
    if measure is not None and reporting_round is not None and measure.plan_id != reporting_round.plan_id:
        raise ValidationError(
            {"reporting_round": _("The reporting round belongs to another plan than the measure.")}, code="other_plan"
        )
    if not policy.can_create_entry(user, measure, reporting_round):
        raise PermissionDenied(_("You cannot report on this measure in this round."))
    for name in WORKFLOW_FIELDS:
        setattr(entry, name, ProgressEntry._meta.get_field(name).get_default())
    entry.review_state = new_state or ReviewState.DRAFT
    return entry


def _editable_entry(*, entry: ProgressEntry, user) -> ProgressEntry:
    current = _locked(ProgressEntry, entry.pk)
    _check_same_slot(current, entry)
    if not policy.can_edit_entry(user, current):
        if current.review_state in (ReviewState.SUBMITTED, ReviewState.APPROVED) and policy.can_edit_measure(
            user, current.measure
        ):
            raise ValidationError(
                _("This entry is “%(state)s” and can no longer be changed.")
                % {"state": _state_label(current.review_state)},
                code="invalid_transition",
            )
        raise PermissionDenied(_("You cannot change this progress entry."))
    _apply_content(target=current, source=entry, user=user)
    return current


def _write_entry(*, entry: ProgressEntry, user, expected_version, reason: str, new_state=None) -> ProgressEntry:
    """Create or update the entry's content (the shared part of save-draft and submit)."""
    if entry.pk is None:
        current = _new_entry(entry=entry, user=user, new_state=new_state)
    else:
        current = _editable_entry(entry=entry, user=user)
        if new_state:
            current.review_state = new_state
    if new_state == ReviewState.SUBMITTED:
        current.submitted_by = user
        current.submitted_at = timezone.now()
        _require_content(current)
    _save(current, user=user, reason=reason, expected_version=_expected(entry, expected_version))
    entry.pk = current.pk
    for name in ("version", *WORKFLOW_FIELDS):
        setattr(entry, name, getattr(current, name))
    return current


@transaction.atomic
def progress_entry_import(*, entry: ProgressEntry, user, reason: str, m2m: dict | None = None) -> ProgressEntry:
    """A row of a spreadsheet import. The coordinator's file records entries as they stand (review state
    included, e.g. reports reviewed before the portal); anyone else's saves drafts, like the change form."""
    if policy.is_coordinator(user):
        return _save(entry, user=user, reason=reason, m2m=m2m)
    return _write_entry(entry=entry, user=user, expected_version=AS_READ, reason=reason)


def _require_content(entry: ProgressEntry) -> None:
    errors = {}
    texts = [getattr(entry, f"narrative_{lang}", "") or "" for lang in ("lv", "en")] + [entry.narrative or ""]
    if not any(text.strip() for text in texts):
        errors["narrative"] = _("Describe what was done before submitting.")
    if not entry.status:
        errors["status"] = _("Choose the measure's status before submitting.")
    if errors:
        raise ValidationError(errors, code="incomplete")


def _with_note(reason: str, note: str) -> str:
    note = (note or "").strip()
    return f"{reason}: {note}" if note else reason


@transaction.atomic
def progress_entry_save_draft(
    *, entry: ProgressEntry, user, expected_version: int | None = AS_READ, note: str = ""
) -> ProgressEntry:
    """Save the institution's work in progress; a new entry starts as a draft, a returned one stays returned."""
    return _write_entry(
        entry=entry, user=user, expected_version=expected_version, reason=_with_note(_("Draft saved"), note)
    )


@transaction.atomic
def progress_entry_submit(
    *, entry: ProgressEntry, user, expected_version: int | None = AS_READ, note: str = ""
) -> ProgressEntry:
    """Send the entry (with any edits in `entry`) to the coordinator for review."""
    if entry.pk is not None:
        current = _locked(ProgressEntry, entry.pk)
        if not workflow.starts_from(workflow.SUBMIT, current.review_state):
            if not policy.can_edit_measure(user, current.measure):
                raise PermissionDenied(_("You cannot change this progress entry."))
            raise ValidationError(
                _("Only a draft or a returned entry can be submitted; this one is “%(state)s”.")
                % {"state": _state_label(current.review_state)},
                code="invalid_transition",
            )
    current = _write_entry(
        entry=entry,
        user=user,
        expected_version=expected_version,
        reason=_with_note(_("Submitted for review"), note),
        new_state=workflow.TRANSITIONS[workflow.SUBMIT].target,
    )
    entry_notify(entry=current, kind=MessageKind.ENTRY_SUBMITTED, user=user)
    return current


def _review_target(*, entry: ProgressEntry, user, action: str, refusal: str = "") -> ProgressEntry:
    """The entry locked for a review step, which only the coordinator takes, from the step's states."""
    if not workflow.may_take(user, action, entry):
        raise PermissionDenied(_("Only the coordinator approves or returns progress entries."))
    current = _locked(ProgressEntry, entry.pk)
    if not workflow.starts_from(action, current.review_state):
        raise ValidationError(
            (refusal or _("Only a submitted entry can be reviewed; this one is “%(state)s”."))
            % {"state": _state_label(current.review_state)},
            code="invalid_transition",
        )
    if policy.can_edit_entry(user, current):
        # The reviewer's edits made with the step are saved with it, in the same version.
        _apply_content(target=current, source=entry, user=user)
    current.review_state = workflow.TRANSITIONS[action].target
    current.reviewed_by = user
    current.reviewed_at = timezone.now()
    return current


def _is_latest_approved(entry: ProgressEntry) -> bool:
    """An older round approved late must not overwrite the status a newer report already set."""
    return not (
        ProgressEntry.objects.approved()
        .filter(measure_id=entry.measure_id, reporting_round__period_start__gt=entry.reporting_round.period_start)
        .exists()
    )


@transaction.atomic
def progress_entry_approve(
    *, entry: ProgressEntry, user, reason: str = "", expected_version: int | None = AS_READ
) -> ProgressEntry:
    """Make the entry public; the measure takes the reported status and progress (with `reason`)."""
    current = _review_target(entry=entry, user=user, action=workflow.APPROVE)
    reason = (reason or "").strip()
    _save(current, user=user, reason=reason or _("Approved"), expected_version=_expected(entry, expected_version))

    measure = _locked(Measure, current.measure_id)
    changes_measure = current.status != measure.status or (
        current.progress_percent is not None and current.progress_percent != measure.progress_percent
    )
    if changes_measure and _is_latest_approved(current):
        progress = current.progress_percent if current.progress_percent is not None else _UNSET
        measure_update_status(
            measure=measure,
            status=current.status,
            progress_percent=progress,
            user=user,
            reason=reason
            or _("According to the approved progress report “%(round)s”") % {"round": current.reporting_round},
        )
    for name in ("review_state", "reviewed_by", "reviewed_at", "version"):
        setattr(entry, name, getattr(current, name))
    entry_notify(entry=current, kind=MessageKind.ENTRY_APPROVED, user=user)
    return current


def _required_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"review_comment": _("Say what needs to change.")}, code="comment_required")
    return comment


def _send_back(*, entry: ProgressEntry, current: ProgressEntry, user, comment: str, reason: str, expected_version):
    """The entry back with the institution (RETURNED), with the reviewer's comment."""
    current.review_comment = comment
    _save(current, user=user, reason=reason, expected_version=_expected(entry, expected_version))
    entry.review_state, entry.review_comment, entry.version = current.review_state, comment, current.version
    return current


@transaction.atomic
def progress_entry_return(
    *, entry: ProgressEntry, user, comment: str, expected_version: int | None = AS_READ
) -> ProgressEntry:
    """Send the entry back to the institution with what to fix."""
    current = _review_target(entry=entry, user=user, action=workflow.RETURN)
    comment = _required_comment(comment)
    reason = _("Returned for changes: %(comment)s") % {"comment": comment}
    current = _send_back(
        entry=entry, current=current, user=user, comment=comment, reason=reason, expected_version=expected_version
    )
    entry_notify(entry=current, kind=MessageKind.ENTRY_RETURNED, user=user, comment=comment)
    return current


@transaction.atomic
def progress_entry_withdraw_approval(
    *, entry: ProgressEntry, user, comment: str, expected_version: int | None = AS_READ
) -> ProgressEntry:
    """Take an approved entry off the public pages and send it back to the institution (approved by mistake,
    or an error found later), saying why.

    The measure keeps its status: the approval changed it with a recorded reason, and whether that status
    was wrong too is the coordinator's separate decision (`measure_update_status`), not a guess made here.
    """
    current = _review_target(
        entry=entry,
        user=user,
        action=workflow.WITHDRAW,
        refusal=_("Only an approved entry can be withdrawn; this one is “%(state)s”."),
    )
    comment = _required_comment(comment)
    reason = _("Approval withdrawn: %(comment)s") % {"comment": comment}
    current = _send_back(
        entry=entry, current=current, user=user, comment=comment, reason=reason, expected_version=expected_version
    )
    entry_notify(entry=current, kind=MessageKind.APPROVAL_WITHDRAWN, user=user, comment=comment)
    return current
