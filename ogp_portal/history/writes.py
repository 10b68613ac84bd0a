"""The one way a tracked object is saved: validated, version claimed, one history row with its reason.

The app services call `save_versioned` after their own checks (who may, which transition); the admin,
the imports and the workflow buttons call those services. Nothing here is written and then squashed:
the object and its many-to-many values are saved with history switched off and the single historical
row (fields and many-to-many snapshot) is written last. A save that changes nothing a reader could see
writes nothing at all.

Optimistic locking: a model with a `version` column is saved only by claiming the version the writer
read (`claim_version`, one conditional UPDATE). A write of an existing object that carries no version
(a form posted without its hidden version field) is refused, never applied over a newer one.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .actors import history_user
from .concurrency import claim_version
from .diff import same_value, translated_base_fields
from .records import records_for


class _AsRead:
    def __repr__(self) -> str:
        return "AS_READ"


# Default of `expected_version`: the version the instance carries, i.e. the one its caller read.
AS_READ = _AsRead()


def has_version(model) -> bool:
    try:
        field = model._meta.get_field("version")
    except FieldDoesNotExist:
        return False
    return isinstance(field, models.PositiveIntegerField) and not field.editable


def _pks(values: Iterable) -> set:
    return {value.pk if isinstance(value, models.Model) else value for value in values}


def readable_changes(instance, current, m2m: dict | None = None) -> list[str]:
    """Names of the fields whose value a reader would see change from `current` (the stored row) to `instance`.

    Empty and empty read the same (None → "" is no change); the version and the mirrored base columns
    of translated fields are bookkeeping.
    """
    model = type(instance)
    # `title` only mirrors `title_lv`/`title_en` in the active language; those are what a reader sees.
    skipped = {"version"} | translated_base_fields(model)
    changed = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in skipped:
            continue
        old, new = getattr(current, field.attname), getattr(instance, field.attname)
        if not same_value(old, new):
            changed.append(field.name)
    for name, values in (m2m or {}).items():
        if _pks(values) != set(getattr(current, name).values_list("pk", flat=True)):
            changed.append(name)
    return changed


def version_required_error(model) -> ValidationError:
    return ValidationError(
        _("This %(name)s form was sent without the version it was opened at, so it was not saved. Reload the page.")
        % {"name": model._meta.verbose_name},
        code="version_required",
    )


def _expected(instance, expected_version):
    return getattr(instance, "version", None) if expected_version is AS_READ else expected_version


@transaction.atomic
def save_versioned(
    instance,
    *,
    user,
    reason: str,
    expected_version: int | None | _AsRead = AS_READ,
    m2m: dict[str, Iterable] | None = None,
    exclude_validation: Iterable[str] = (),
):
    """Validate and save `instance` (and the given many-to-many values) as one version of its history.

    `expected_version` is the version the writer read (default: the one `instance` carries; None is
    refused for an existing versioned object). Returns `instance`, unchanged if nothing readable changed.
    """
    model = type(instance)
    adding = instance._state.adding or instance.pk is None
    instance.full_clean(exclude=list(exclude_validation) or None)
    versioned = has_version(model)
    if not adding:
        expected = _expected(instance, expected_version)
        if versioned and expected is None:
            raise version_required_error(model)
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if not readable_changes(instance, current, m2m):
            if versioned:
                instance.version = current.version
            return instance
        if versioned:
            claim_version(instance, expected)
    elif versioned:
        instance.version = 1
    instance._history_user = history_user(user)
    instance._change_reason = reason or None
    instance.skip_history_when_saving = True
    try:
        instance.save()
        for name, values in (m2m or {}).items():
            getattr(instance, name).set(values)
    finally:
        del instance.skip_history_when_saving
    records_for(model).create_historical_record(instance, "+" if adding else "~")
    return instance


@transaction.atomic
def delete_recorded(instance, *, user, reason: str) -> None:
    """Delete `instance`; its history keeps a last row saying who deleted it and why."""
    instance._history_user = history_user(user)
    instance._change_reason = reason
    instance.delete()
