"""The progress-entry state machine, written once.

    draft ──submit──▶ submitted ──approve──▶ approved (public)
    returned ─submit─┘    └──return──▶ returned ◀──withdraw── approved

The admin asks `available_actions` which buttons to offer; the services (commitments.services) refuse
a step whose entry is not in one of its `from` states or whose user may not take it (`may_take`).
"""

from __future__ import annotations

from dataclasses import dataclass

from accounts import policy

from .models import ProgressEntry, ReviewState

SUBMIT, APPROVE, RETURN, WITHDRAW = "submit", "approve", "return", "withdraw"


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    # The reviewer says what to change: a comment is required.
    needs_comment: bool = False


TRANSITIONS: dict[str, Transition] = {
    SUBMIT: Transition((ReviewState.DRAFT, ReviewState.RETURNED), ReviewState.SUBMITTED),
    APPROVE: Transition((ReviewState.SUBMITTED,), ReviewState.APPROVED),
    RETURN: Transition((ReviewState.SUBMITTED,), ReviewState.RETURNED, needs_comment=True),
    WITHDRAW: Transition((ReviewState.APPROVED,), ReviewState.RETURNED, needs_comment=True),
}


def may_take(user, action: str, entry: ProgressEntry) -> bool:
    """Whether `user` may take `action` on `entry` (a new entry: whether they may report at all)."""
    if action == SUBMIT:
        if entry.pk is None:
            return policy.is_coordinator(user) or policy.is_institution_editor(user)
        return policy.can_submit_entry(user, entry)
    return policy.can_review_entry(user, entry)


def starts_from(action: str, state: str) -> bool:
    return state in TRANSITIONS[action].sources


def available_actions(user, entry: ProgressEntry | None) -> list[str]:
    """The steps `user` can take on `entry` now, in the order the buttons are shown."""
    if entry is None or entry.pk is None:
        return [SUBMIT] if may_take(user, SUBMIT, ProgressEntry()) else []
    return [
        action for action in TRANSITIONS if starts_from(action, entry.review_state) and may_take(user, action, entry)
    ]
