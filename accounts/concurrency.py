"""Optimistic locking on the `version` column: the second save of a stale form is refused, not applied.

Every write path (services, admin forms) claims the version it started from with one conditional
UPDATE; if someone else saved in between, the UPDATE matches no row and the write is refused with a
message naming who changed which fields since the form was opened (taken from the history rows, which
carry the `version` too).
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext

VALUE_LENGTH = 60


class StaleObjectError(ValidationError):
    """Raised when the record changed after the form (or the caller) read it."""


def _translated_base_fields(model) -> set[str]:
    # `title` mirrors `title_lv`/`title_en`; comparing it too would list the same change twice.
    from modeltranslation.translator import NotRegistered, translator

    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def _label(model, field_name: str) -> str:
    try:
        return str(model._meta.get_field(field_name).verbose_name)
    except FieldDoesNotExist:
        return field_name


def _display(model, field_name: str, value) -> str:
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        field = None
    if value is None or value == "" or value == []:
        return "—"
    if field is not None and field.choices:
        value = dict(field.flatchoices).get(value, value)
    if field is not None and field.many_to_many:
        return gettext("(list changed)")
    return Truncator(str(value)).chars(VALUE_LENGTH)


def changes_since(model, pk, version: int) -> tuple[list[str], object | None]:
    """Lines like "status: Limited → Complete" between `version` and now, and the latest history row."""
    history = getattr(model, "history", None)
    if history is None:
        return [], None
    rows = history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date", "-history_id")
    latest = rows.first()
    base = rows.filter(version=version).first()
    if latest is None or base is None or latest.pk == base.pk:
        return [], latest
    excluded = {"version"} | _translated_base_fields(model)
    delta = latest.diff_against(base, excluded_fields=excluded)
    lines = [
        f"{_label(model, change.field)}: {_display(model, change.field, change.old)} → "
        f"{_display(model, change.field, change.new)}"
        for change in delta.changes
    ]
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
