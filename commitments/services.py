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

from accounts import policy
from accounts.concurrency import claim_version
from plans.models import ReportingRound, RoundStatus

from .models import Measure, MeasureStatus, ProgressEntry, ReviewState

_UNSET = object()

# Fields of an entry the workflow owns; a caller editing the entry's text cannot set them.
WORKFLOW_FIELDS = ("review_state", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at", "review_comment")


def _save(instance, *, user, reason: str, exclude_validation: tuple = ()) -> None:
    instance.full_clean(exclude=list(exclude_validation) or None)
    instance._history_user = user
    instance._change_reason = reason
    instance.save()


def _state_label(state: str) -> str:
    return str(ReviewState(state).label)


def _locked(model, pk):
    return model._default_manager.select_for_update().get(pk=pk)


# --- rounds ---------------------------------------------------------------------------------------------


@transaction.atomic
def round_open(*, reporting_round: ReportingRound, user) -> ReportingRound:
    if not policy.can_open_round(user):
        raise PermissionDenied(_("Only the coordinator opens reporting rounds."))
    current = _locked(ReportingRound, reporting_round.pk)
    if current.status != RoundStatus.PLANNED:
        raise ValidationError(
            _("Only a planned round can be opened; this one is “%(status)s”.")
            % {"status": current.get_status_display()},
            code="invalid_transition",
        )
    other = ReportingRound.objects.open().filter(plan_id=current.plan_id).exclude(pk=current.pk).first()
    if other is not None:
        raise ValidationError(
            _("Round “%(other)s” of this plan is still open; close it first.") % {"other": other},
            code="another_round_open",
        )
    current.status = RoundStatus.OPEN
    current.opened_at = timezone.now()
    current.opened_by = user
    _save(current, user=user, reason=_("Reporting round opened"))
    return current


@transaction.atomic
def round_close(*, reporting_round: ReportingRound, user) -> ReportingRound:
    if not policy.can_open_round(user):
        raise PermissionDenied(_("Only the coordinator closes reporting rounds."))
    current = _locked(ReportingRound, reporting_round.pk)
    if current.status != RoundStatus.OPEN:
        raise ValidationError(
            _("Only an open round can be closed; this one is “%(status)s”.") % {"status": current.get_status_display()},
            code="invalid_transition",
        )
    current.status = RoundStatus.CLOSED
    _save(current, user=user, reason=_("Reporting round closed"))
    return current


# --- measures -------------------------------------------------------------------------------------------


@transaction.atomic
def measure_update_status(
    *,
    measure: Measure,
    status: str,
    user,
    reason: str,
    progress_percent=_UNSET,
    expected_version: int | None = None,
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
    claim_version(current, measure.version if expected_version is None else expected_version)
    current.status = status
    if progress_percent is not _UNSET:
        current.progress_percent = progress_percent
    _save(current, user=user, reason=reason)
    for name in ("status", "progress_percent", "version"):
        setattr(measure, name, getattr(current, name))
    return current


def _editor_measure_fields() -> set[str]:
    from modeltranslation.translator import translator

    translated = translator.get_options_for_model(Measure).all_fields
    names = set(policy.EDITOR_MEASURE_FIELDS)
    for base in policy.EDITOR_MEASURE_FIELDS:
        names |= {field.name for field in translated.get(base, ())}
    return names


def measure_changed_fields(measure: Measure, current: Measure) -> set[str]:
    return {
        field.name
        for field in Measure._meta.concrete_fields
        if field.name != "version" and getattr(measure, field.attname) != getattr(current, field.attname)
    }


@transaction.atomic
def measure_save(*, measure: Measure, user, reason: str = "", expected_version: int | None = None) -> Measure:
    """Save edits to an existing measure's own fields (many-to-many fields are the caller's).

    Institution editors may change only the texts in policy.EDITOR_MEASURE_FIELDS; a status or progress
    change needs the coordinator and a reason, like measure_update_status.
    """
    current = _locked(Measure, measure.pk)
    if not policy.can_edit_measure(user, current):
        raise PermissionDenied(_("You cannot change this measure."))
    changed = measure_changed_fields(measure, current)
    if not policy.is_coordinator(user):
        refused = changed - _editor_measure_fields()
        if refused:
            labels = ", ".join(sorted(str(Measure._meta.get_field(name).verbose_name) for name in refused))
            raise PermissionDenied(_("Only the coordinator changes: %(fields)s.") % {"fields": labels})
    reason = (reason or "").strip()
    if changed & {"status", "progress_percent"} and not reason:
        raise ValidationError({"reason": _("Give a reason for the status change.")}, code="reason_required")
    claim_version(measure, measure.version if expected_version is None else expected_version)
    _save(measure, user=user, reason=reason or _("Measure edited"))
    return measure


# --- progress entries ---------------------------------------------------------------------------------------


def _apply_content(*, target: ProgressEntry, source: ProgressEntry) -> None:
    """Copy what the reporter may write; never the measure, the round or the workflow fields."""
    excluded = {"id", "measure", "reporting_round", "version", *WORKFLOW_FIELDS}
    for field in ProgressEntry._meta.concrete_fields:
        if field.name not in excluded:
            setattr(target, field.attname, getattr(source, field.attname))


def _check_same_slot(current: ProgressEntry, entry: ProgressEntry) -> None:
    if entry.measure_id != current.measure_id or entry.reporting_round_id != current.reporting_round_id:
        raise ValidationError(
            _("An entry cannot be moved to another measure or round; create a new entry instead."), code="moved"
        )


def _write_entry(*, entry: ProgressEntry, user, expected_version, reason: str, new_state=None) -> ProgressEntry:
    """Create or update the entry's content (the shared part of save-draft and submit)."""
    if entry.pk is None:
        if not policy.can_create_entry(user, entry.measure, entry.reporting_round):
            raise PermissionDenied(_("You cannot report on this measure in this round."))
        for name in WORKFLOW_FIELDS:
            setattr(entry, name, ProgressEntry._meta.get_field(name).get_default())
        entry.review_state = new_state or ReviewState.DRAFT
        entry.version = 1
        current = entry
    else:
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
        claim_version(current, entry.version if expected_version is None else expected_version)
        _apply_content(target=current, source=entry)
        if new_state:
            current.review_state = new_state
    if new_state == ReviewState.SUBMITTED:
        current.submitted_by = user
        current.submitted_at = timezone.now()
        _require_content(current)
    _save(current, user=user, reason=reason)
    entry.pk = current.pk
    for name in ("version", *WORKFLOW_FIELDS):
        setattr(entry, name, getattr(current, name))
    return current


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
    *, entry: ProgressEntry, user, expected_version: int | None = None, note: str = ""
) -> ProgressEntry:
    """Save the institution's work in progress; a new entry starts as a draft, a returned one stays returned."""
    return _write_entry(
        entry=entry, user=user, expected_version=expected_version, reason=_with_note(_("Draft saved"), note)
    )


@transaction.atomic
def progress_entry_submit(
    *, entry: ProgressEntry, user, expected_version: int | None = None, note: str = ""
) -> ProgressEntry:
    """Send the entry (with any edits in `entry`) to the coordinator for review."""
    if entry.pk is not None:
        state = ProgressEntry.objects.filter(pk=entry.pk).values_list("review_state", flat=True).first()
        if state not in (ReviewState.DRAFT, ReviewState.RETURNED):
            if not policy.can_edit_measure(user, entry.measure):
                raise PermissionDenied(_("You cannot change this progress entry."))
            raise ValidationError(
                _("Only a draft or a returned entry can be submitted; this one is “%(state)s”.")
                % {"state": _state_label(state)},
                code="invalid_transition",
            )
    return _write_entry(
        entry=entry,
        user=user,
        expected_version=expected_version,
        reason=_with_note(_("Submitted for review"), note),
        new_state=ReviewState.SUBMITTED,
    )


def _review_target(
    *, entry: ProgressEntry, user, expected_version, state: str = ReviewState.SUBMITTED, refusal: str = ""
) -> ProgressEntry:
    """The entry locked and claimed for a review step, which only the coordinator takes, from `state`."""
    if not policy.can_review_entry(user, entry):
        raise PermissionDenied(_("Only the coordinator approves or returns progress entries."))
    current = _locked(ProgressEntry, entry.pk)
    if current.review_state != state:
        raise ValidationError(
            (refusal or _("Only a submitted entry can be reviewed; this one is “%(state)s”."))
            % {"state": _state_label(current.review_state)},
            code="invalid_transition",
        )
    claim_version(current, entry.version if expected_version is None else expected_version)
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
    *, entry: ProgressEntry, user, reason: str = "", expected_version: int | None = None
) -> ProgressEntry:
    """Make the entry public; the measure takes the reported status and progress (with `reason`)."""
    current = _review_target(entry=entry, user=user, expected_version=expected_version)
    reason = (reason or "").strip()
    current.review_state = ReviewState.APPROVED
    current.reviewed_by = user
    current.reviewed_at = timezone.now()
    _save(current, user=user, reason=reason or _("Approved"))

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
    entry.review_state, entry.reviewed_by, entry.reviewed_at, entry.version = (
        current.review_state,
        current.reviewed_by,
        current.reviewed_at,
        current.version,
    )
    return current


def _required_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"review_comment": _("Say what needs to change.")}, code="comment_required")
    return comment


def _send_back(*, entry: ProgressEntry, current: ProgressEntry, user, comment: str, reason: str) -> ProgressEntry:
    """The entry back with the institution (RETURNED), with the reviewer's comment."""
    current.review_state = ReviewState.RETURNED
    current.review_comment = comment
    current.reviewed_by = user
    current.reviewed_at = timezone.now()
    _save(current, user=user, reason=reason)
    entry.review_state, entry.review_comment, entry.version = current.review_state, comment, current.version
    return current


@transaction.atomic
def progress_entry_return(
    *, entry: ProgressEntry, user, comment: str, expected_version: int | None = None
) -> ProgressEntry:
    """Send the entry back to the institution with what to fix."""
    comment = _required_comment(comment)
    current = _review_target(entry=entry, user=user, expected_version=expected_version)
    reason = _("Returned for changes: %(comment)s") % {"comment": comment}
    return _send_back(entry=entry, current=current, user=user, comment=comment, reason=reason)


@transaction.atomic
def progress_entry_withdraw_approval(
    *, entry: ProgressEntry, user, comment: str, expected_version: int | None = None
) -> ProgressEntry:
    """Take an approved entry off the public pages and send it back to the institution (approved by mistake,
    or an error found later), saying why.

    The measure keeps its status: the approval changed it with a recorded reason, and whether that status
    was wrong too is the coordinator's separate decision (`measure_update_status`), not a guess made here.
    """
    comment = _required_comment(comment)
    current = _review_target(
        entry=entry,
        user=user,
        expected_version=expected_version,
        state=ReviewState.APPROVED,
        refusal=_("Only an approved entry can be withdrawn; this one is “%(state)s”."),
    )
    reason = _("Approval withdrawn: %(comment)s") % {"comment": comment}
    return _send_back(entry=entry, current=current, user=user, comment=comment, reason=reason)
