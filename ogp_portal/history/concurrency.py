"""Optimistic locking on the `version` column: the second save of a stale form is refused, not applied.

Every write path (services, admin forms) claims the version it started from with one conditional
UPDATE; if someone else saved in between, the UPDATE matches no row and the write is refused with a
message naming who changed which fields since the form was opened (taken from the history rows, which
carry the `version` too).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext

from .diff import field_changes

VALUE_LENGTH = 60


class StaleObjectError(ValidationError):
    """Raised when the record changed after the form (or the caller) read it."""


def _short(text: str) -> str:
    return Truncator(text).chars(VALUE_LENGTH) if text else "—"


def changes_since(model, pk, version: int) -> tuple[list[str], object | None]:
    """Lines like "Status: Limited → Complete" between `version` and now, and the latest history row."""
    history = getattr(model, "history", None)
    if history is None:
        return [], None
    rows = history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date", "-history_id")
    latest = rows.first()
    base = rows.filter(version=version).first()
    if latest is None or base is None or latest.pk == base.pk:
        return [], latest
    lines = [f"{c.label}: {_short(c.old)} → {_short(c.new)}" for c in field_changes(model, base, latest)]
    return lines, latest


def stale_message(model, pk, version: int) -> str:
    lines, latest = changes_since(model, pk, version)
    parts = [
        gettext("Someone else saved this %(name)s after you opened it, so your changes were not saved.")
        % {"name": model._meta.verbose_name}
    ]
    if latest is not None and latest.history_user is not None:
        parts.append(
            gettext("Last change by %(user)s at %(when)s.")
            % {
                "user": latest.history_user,
                "when": formats.localize(timezone.localtime(latest.history_date)),
            }
        )
    if lines:
        parts.append(gettext("What changed: %(changes)s.") % {"changes": "; ".join(lines)})
    parts.append(gettext("Reload the page to see the current version, then make your changes again."))
    return " ".join(parts)


def claim_version(instance, expected_version: int | None = None) -> int:
    """Move `instance` from `expected_version` (default: the version it was read at) to the next one.

    Call inside the transaction that then saves `instance`. Raises StaleObjectError if the row's version
    is no longer `expected_version`. Sets `instance.version` to the new number so the save keeps it.
    """
    model = type(instance)
    expected = instance.version if expected_version is None else int(expected_version)
    updated = model._default_manager.filter(pk=instance.pk, version=expected).update(version=F("version") + 1)
    if not updated:
        raise StaleObjectError(stale_message(model, instance.pk, expected), code="stale")
    instance.version = expected + 1
    return instance.version
