"""What changed between two versions of a history-tracked object: the one definition every view of it uses.

The admin's comparison and history list, the stale-save message and the public change log are
presentations of `field_changes`; they differ only in which fields they show and how a value reads
(`Display`). What counts as a change is decided here, once:

* translated fields are compared on their `_lv`/`_en` columns; the base column only mirrors whichever
  language was active when saving;
* values that read the same are no change: None, "" and an empty list are all "empty" (a loaded record
  has NULL for a text it was not given, and the first form save stores "");
* the creation of an object is no change, and neither are the rows the creation itself wrote right after
  it for its many-to-many values (`creation_length`).

A version is a history record or the object as it is now; many-to-many values are compared as the sets
of related primary keys (each history record keeps a snapshot of them).
"""

import datetime
import difflib
import functools
import inspect
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext
from modeltranslation.translator import NotRegistered, translator
from simple_history.models import DeletedObject
from simple_history.template_utils import ObjDiffDisplay
from simple_history.utils import get_m2m_reverse_field_name

EMPTY = mark_safe('<span class="history-empty">—</span>')
# Texts longer than this get a word-level diff on the comparison page.
WORD_DIFF_MIN_LENGTH = 40
LIST_VALUE_LENGTH = 80
# The rows a creation writes for its many-to-many values follow it within this time (the loaders save
# and then `.set()` each relation in one transaction).
CREATION_WINDOW = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str  # the values as a reader sees them ("" when empty)
    new: str
    old_value: object  # the stored values: a foreign key's pk, a many-to-many set of pks
    new_value: object
    long: bool = False  # a multi-line text
    lang: str = ""  # the language of a translated field's values


# --------------------------------------------------------------------------- fields and values


def history_model_for(model):
    # The descriptor itself: reading `model.history` builds a new manager class each time (slow).
    return inspect.getattr_static(model, model._meta.simple_history_manager_attribute).model


def _snapshot_model(history_model, field):
    """The model of the many-to-many rows a history record keeps for `field`."""
    return inspect.getattr_static(history_model, field.name).model


def translated_base_fields(model) -> set[str]:
    """`title` for a model with `title_lv`/`title_en`."""
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def compared_fields(model, names=None) -> tuple[models.Field, ...]:
    """The tracked fields a diff compares, in form order (many-to-many last); `names` restricts them."""
    return _compared_fields(model, None if names is None else frozenset(names))


@functools.cache
def _compared_fields(model, names: frozenset | None) -> tuple[models.Field, ...]:
    history_model = history_model_for(model)
    tracked = {f.name for f in history_model.tracked_fields if f.editable}
    tracked |= {f.name for f in history_model._history_m2m_fields}
    tracked -= translated_base_fields(model)
    if names is not None:
        tracked &= set(names)
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return tuple(f for f in fields if f.name in tracked)


def is_empty(value) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple | set | frozenset) and not value)


def same_value(old, new) -> bool:
    """Two stored values a reader cannot tell apart (None, "" and an empty list all read as nothing)."""
    return (is_empty(old) and is_empty(new)) or old == new


def _m2m_ids(version, field) -> frozenset:
    if isinstance(version, field.model):  # the object as it is now
        return frozenset(getattr(version, field.name).values_list("pk", flat=True))
    reverse_name = get_m2m_reverse_field_name(field)
    return frozenset(getattr(version, field.name).values_list(f"{reverse_name}_id", flat=True))


def m2m_snapshots(model, records, names=None, read=None) -> dict[int, dict[str, frozenset]]:
    """The many-to-many values of many history records, one query per field whatever their number.

    `read(field, snapshot_model, column)` may give the (history_id, `column`) rows of a field itself (the
    public change log reads all of one object's with a compiled query); rows of other records are ignored.
    """
    ids = [record.history_id for record in records]
    snapshots: dict[int, dict[str, frozenset]] = {pk: {} for pk in ids}
    history_model = history_model_for(model)
    for field in (f for f in compared_fields(model, names) if f.many_to_many):
        column = f"{get_m2m_reverse_field_name(field)}_id"
        sets: dict[int, set] = {pk: set() for pk in ids}
        snapshot_model = _snapshot_model(history_model, field)
        if read is None:
            rows = snapshot_model.objects.filter(history_id__in=ids).values_list("history_id", column)
        else:
            rows = read(field, snapshot_model, column)
        for history_id, target in rows:
            if history_id in sets:
                sets[history_id].add(target)
        for pk, values in sets.items():
            snapshots[pk][field.name] = frozenset(values)
    return snapshots


def _value(version, field, snapshots):
    if not field.many_to_many:
        return getattr(version, field.attname)
    known = (snapshots or {}).get(getattr(version, "history_id", None), {})
    return known[field.name] if field.name in known else _m2m_ids(version, field)


# --------------------------------------------------------------------------- how a value reads


class Display:
    """How a stored value reads: choice labels, yes/no, local dates, related objects' names.

    `related` maps a related model to {pk: object}; a pk missing from it is an object deleted since.
    Presentations override the pieces they show differently.
    """

    separator = "; "

    def __init__(self, related: dict | None = None):
        self.related = related or {}

    def label(self, field) -> str:
        return capfirst(field.verbose_name)

    def name(self, obj) -> str:
        return str(obj)

    def choice(self, field, value) -> str:
        return str(dict(field.flatchoices).get(value, value))

    def date(self, field, value) -> str:
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.localize(value)

    def _related(self, field, pk) -> str:
        obj = self.related.get(field.related_model, {}).get(pk)
        return str(DeletedObject(field.related_model, pk)) if obj is None else self.name(obj)

    def __call__(self, field, value) -> str:
        if is_empty(value):
            return ""
        if field.many_to_many:
            return self.separator.join(sorted((self._related(field, pk) for pk in value), key=str.casefold))
        if field.is_relation:
            return self._related(field, value)
        if field.choices:
            return self.choice(field, value)
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        if isinstance(value, datetime.date | datetime.time):
            return self.date(field, value)
        return str(value)


def related_objects(fields_and_values) -> dict:
    """{related model: {pk: object}} for the (field, value) pairs given, one query per related model."""
    wanted = defaultdict(set)
    for field, value in fields_and_values:
        if field.is_relation and not is_empty(value):
            wanted[field.related_model].update(value if field.many_to_many else [value])
    return {model: model._base_manager.in_bulk(list(pks)) for model, pks in wanted.items()}


def referenced_ids(model, records, names=None, *, snapshots=None) -> dict:
    """{related model: {pk, ...}} that the given versions refer to through `names`, read from the
    versions themselves (and their `m2m_snapshots`): no query when the snapshots are given."""
    ids = defaultdict(set)
    for field in (f for f in compared_fields(model, names) if f.is_relation):
        for version in records:
            value = _value(version, field, snapshots)
            if field.many_to_many:
                ids[field.related_model].update(value)
            elif value is not None:
                ids[field.related_model].add(value)
    return dict(ids)


def objects_by_pk(ids: dict, known: dict, *, querysets=None) -> dict:
    """{related model: {pk: object}} for `ids` (from referenced_ids): the `known` objects ({model: [objects]},
    already loaded by the page) and, in one query per model, the others that still exist."""
    querysets = querysets or {}
    related = {}
    for model, pks in ids.items():
        found = {obj.pk: obj for obj in known.get(model, ()) if obj.pk in pks}
        missing = pks - set(found)
        if missing:
            queryset = querysets.get(model, model._base_manager.all())
            found.update((obj.pk, obj) for obj in queryset.filter(pk__in=missing))
        related[model] = found
    return related


# --------------------------------------------------------------------------- changes


def field_changes(model, old, new, *, names=None, snapshots=None, display: Display | None = None) -> list[FieldChange]:
    """The fields whose values read differently in `new` than in `old`, in form order.

    `old` and `new` are history records of `model` or the object as it is now; `old` None (nothing
    before a creation) has no changes. `names` restricts the fields compared (an allow-list);
    `snapshots` are the records' many-to-many values from `m2m_snapshots`, to save queries.
    """
    if old is None:
        return []
    pairs = []
    for field in compared_fields(model, names):
        old_value, new_value = _value(old, field, snapshots), _value(new, field, snapshots)
        if not same_value(old_value, new_value):
            pairs.append((field, old_value, new_value))
    if display is None:
        display = Display(related_objects([(f, v) for f, *values in pairs for v in values]))
    return [
        FieldChange(
            field=field.name,
            label=display.label(field),
            old=display(field, old_value),
            new=display(field, new_value),
            old_value=old_value,
            new_value=new_value,
            long=isinstance(field, models.TextField),
            lang=getattr(field, "language", "") or "",
        )
        for field, old_value, new_value in pairs
    ]


def creation_length(records) -> int:
    """How many of `records` (oldest first) are the object's creation.

    The creation record, and the rows that the same write added right after it when it set the
    many-to-many values (same user and reason, within CREATION_WINDOW): what a reader sees as the
    object being added, not as changes to it. 0 when the history does not start with a creation.
    """
    if not records or records[0].history_type != "+":
        return 0
    first = records[0]
    length = 1
    for record in records[1:]:
        same_write = (record.history_user_id, record.history_change_reason) == (
            first.history_user_id,
            first.history_change_reason,
        )
        if not same_write or record.history_date - first.history_date > CREATION_WINDOW:
            break
        length += 1
    return length


# --------------------------------------------------------------------------- the admin's rows


def word_diff(old: str, new: str) -> tuple[str, str]:
    """Both texts as HTML with removed words in <del> and added words in <ins>."""
    a = re.split(r"(\s+)", old)
    b = re.split(r"(\s+)", new)
    old_parts, new_parts = [], []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a_chunk, b_chunk = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if tag == "equal":
            old_parts.append(a_chunk)
            new_parts.append(b_chunk)
            continue
        if a_chunk:
            old_parts.append(f"<del>{a_chunk}</del>")
        if b_chunk:
            new_parts.append(f"<ins>{b_chunk}</ins>")
    return mark_safe("".join(old_parts)), mark_safe("".join(new_parts))  # noqa: S308 - parts escaped above


class _ShortDiff(ObjDiffDisplay):
    """Shortens two long texts around their first difference, with "…" for what is left out."""

    def shortened_str(self, prefix: str, num_skipped_chars: int, suffix: str) -> str:
        return f"{prefix}…{suffix}"


def _html_pair(change: FieldChange, short: bool) -> tuple[str, str]:
    old = EMPTY if is_empty(change.old_value) else change.old
    new = EMPTY if is_empty(change.new_value) else change.new
    if old is EMPTY or new is EMPTY:
        if short:
            old = old if old is EMPTY else Truncator(old).chars(LIST_VALUE_LENGTH)
            new = new if new is EMPTY else Truncator(new).chars(LIST_VALUE_LENGTH)
        return old, new
    if short:
        return _ShortDiff(max_length=LIST_VALUE_LENGTH).common_shorten_repr(old, new)
    texts = isinstance(change.old_value, str) and isinstance(change.new_value, str)
    if texts and max(len(old), len(new)) >= WORD_DIFF_MIN_LENGTH:
        return word_diff(old, new)
    return old, new


def diff_rows(model, old_record, new_record, *, short: bool = False, snapshots=None) -> list[dict]:
    """The admin's rows for the fields that differ between two history records of `model`, in form order.

    Each row: `name`, `label` (translated verbose name, e.g. "Title [en]"), `old` and `new` (safe
    HTML). `short` truncates long texts (history list); otherwise long texts get a word-level diff
    (comparison page).
    """
    rows = []
    for change in field_changes(model, old_record, new_record, snapshots=snapshots):
        old, new = _html_pair(change, short)
        rows.append({"name": change.field, "label": change.label, "old": old, "new": new})
    return rows
