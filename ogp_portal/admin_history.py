"""Shared admin behaviour for history-tracked models: change reason, diff, revert.

Every content model is tracked by django-simple-history (registered in each
app's translation.py). The admin classes here add what the State Chancellery
needs on top of SimpleHistoryAdmin:

* a "reason for the change" on every change form, required when an existing
  record is edited, stored with the user and time in the history row; inline
  rows saved with the form get the same reason;
* saves through the owning app's service (history/admin_writes.py), which
  claims the version and writes one history row per save, M2M values included;
* a field-by-field comparison of any two versions (translated labels, choice
  labels, names of related objects instead of ids);
* revert that is recorded like any other change ("Reverted to the version of
  <date>"), restores tracked M2M values too and claims the optimistic-locking
  `version` like any save, so forms opened before the revert are refused.

Many-to-many fields tracked by history (Measure's institutions and funding
sources, Commitment.lead_institutions, Proposal.measures, AgendaItem.measures):
each history row keeps a snapshot of the M2M rows, so the comparison lists the
related objects' names in both versions, and the revert form is pre-filled with
the version's M2M values (the stock form would show, and keep, today's). A
related object deleted since then shows as "Deleted … (pk=…)" in a comparison
and cannot be restored by a revert. Inline children (a commitment's measures, a
meeting's agenda) have their own history and are not reverted with the parent.
"""

import contextvars
import datetime
import difflib
import re

from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.translator import NotRegistered, translator
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import ObjDiffDisplay
from simple_history.utils import get_m2m_reverse_field_name

from .history.admin_writes import ChangeReasonForm, ServiceSaveAdminMixin

# The version a revert form shows: set only while history_form_view builds and saves that form.
_reverting = contextvars.ContextVar("history_revert_record", default=None)
EMPTY_VALUES = (None, "", [])
EMPTY = mark_safe('<span class="history-empty">—</span>')
# Texts longer than this get a word-level diff on the comparison page.
WORD_DIFF_MIN_LENGTH = 40
LIST_VALUE_LENGTH = 80


# --------------------------------------------------------------------------- helpers


def history_model_for(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def translated_base_fields(model) -> set[str]:
    """`title` for a model with `title_lv`/`title_en`.

    The base column only mirrors whichever language was active when saving, so
    comparing it would report phantom changes; the `_lv`/`_en` columns are compared.
    """
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def version_label(record) -> str:
    when = timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M:%S")
    user = record.history_user or gettext("unknown user")
    return f"{when} — {user} ({record.get_history_type_display()})"


def _is_empty(value) -> bool:
    # diff_against reports an unset foreign key as DeletedObject(pk=None).
    return value in EMPTY_VALUES or (isinstance(value, DeletedObject) and value.pk is None)


def display_value(model, field_name: str, value):
    """Human text for a history value: choice labels, yes/no, names, local dates."""
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        field = None
    if field is not None and field.many_to_many:
        reverse_name = get_m2m_reverse_field_name(field)
        names = sorted(str(row[reverse_name]) for row in value or [])
        return ", ".join(names) if names else EMPTY
    if _is_empty(value):
        return EMPTY
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        return formats.localize(timezone.localtime(value) if timezone.is_aware(value) else value)
    if isinstance(value, (datetime.date, datetime.time)):
        return formats.localize(value)
    if isinstance(value, models.Model | DeletedObject):
        return str(value)
    return str(value)


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


def field_label(model, field_name: str) -> str:
    try:
        return capfirst(model._meta.get_field(field_name).verbose_name)
    except FieldDoesNotExist:
        return field_name


def _field_order(model) -> dict[str, int]:
    names = [f.name for f in model._meta.concrete_fields] + [f.name for f in model._meta.many_to_many]
    return {name: index for index, name in enumerate(names)}


def diff_rows(model, old_record, new_record, *, short: bool = False) -> list[dict]:
    """The fields that differ between two history rows of `model`, in form order.

    Each row: `name`, `label` (translated verbose name, e.g. "Title [en]"),
    `old` and `new` (safe HTML). `short` truncates long texts (history list);
    otherwise long texts get a word-level diff (comparison page).
    """
    delta = new_record.diff_against(
        old_record, excluded_fields=translated_base_fields(model), foreign_keys_are_objs=True
    )
    order = _field_order(model)
    rows = []
    for change in sorted(delta.changes, key=lambda c: order.get(c.field, len(order))):
        if _is_empty(change.old) and _is_empty(change.new):
            continue  # None → "" (a form saving an untouched nullable text) is no change to a reader
        old = display_value(model, change.field, change.old)
        new = display_value(model, change.field, change.new)
        is_text = isinstance(change.old, str) and isinstance(change.new, str) and old is not EMPTY and new is not EMPTY
        if short and old is not EMPTY and new is not EMPTY:
            old, new = _ShortDiff(max_length=LIST_VALUE_LENGTH).common_shorten_repr(str(old), str(new))
        elif short:
            old = old if old is EMPTY else Truncator(old).chars(LIST_VALUE_LENGTH)
            new = new if new is EMPTY else Truncator(new).chars(LIST_VALUE_LENGTH)
        elif is_text and max(len(change.old), len(change.new)) >= WORD_DIFF_MIN_LENGTH:
            old, new = word_diff(change.old, change.new)
        rows.append({"name": change.field, "label": field_label(model, change.field), "old": old, "new": new})
    return rows


REASON_FIELDSET_TITLE = _("Reason for the change")


# --------------------------------------------------------------------------- admin


class HistoryAdminMixin(ServiceSaveAdminMixin):
    """Put before SimpleHistoryAdmin (and TranslationAdmin) in the bases."""

    form = ChangeReasonForm
    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"
    history_compare_template = "admin/history/compare.html"

    # -- form and fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        record = _reverting.get()
        # modelform_factory builds a fresh class per call, so setting this does not leak.
        form.revert_record = record if (record is not None and obj is not None) else None
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = [f for f in options.get("fields", ()) if f != "change_reason"]
            if fields:
                fieldsets.append((name, {**options, "fields": fields}))
        fieldsets.append((REASON_FIELDSET_TITLE, {"fields": ["change_reason"], "classes": ["history-reason"]}))
        return fieldsets

    # -- history pages

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        # Before SimpleHistoryAdmin's "<pk>/history/<version>/", which would swallow "compare".
        urls = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.history_compare_view),
                name="{}_{}_history_compare".format(*info),
            )
        ]
        return urls + super().get_urls()

    def _valid_object_id(self, object_id):
        # SimpleHistoryAdmin queries with the raw URL part: "1/change" would be a ValueError (500), not a 404.
        object_id = unquote(object_id)
        try:
            self.model._meta.pk.to_python(object_id)
        except ValidationError:
            raise Http404 from None
        return object_id

    def history_view(self, request, object_id, extra_context=None):
        return super().history_view(request, self._valid_object_id(object_id), extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        previous = None
        for current in historical_records:
            if previous is not None:
                previous.history_delta_changes = diff_rows(self.model, current, previous, short=True)
            previous = current

    def _history_records(self, request, object_id):
        history_manager = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        return self.get_history_queryset(request, history_manager, self.model._meta.pk.attname, object_id)

    def _object_or_latest_version(self, request, object_id, records):
        obj = self.get_queryset(request).filter(pk=object_id).first()
        if obj is None:
            latest = records.order_by("-history_date", "-history_id").first()
            if latest is None:
                raise Http404
            obj = latest.instance
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        return obj

    @staticmethod
    def _pick_version(records, value):
        if value in (None, ""):
            return None
        try:
            history_id = int(value)
        except (TypeError, ValueError):
            raise Http404 from None
        record = records.filter(history_id=history_id).first()
        if record is None:
            raise Http404
        return record

    def history_compare_view(self, request, object_id):
        """Field-by-field comparison of two versions (`?old=<history id>&new=<history id>`).

        Without `new` the latest version is used; without `old`, the version
        before `new`. The older of the two is always shown on the left.
        """
        request.current_app = self.admin_site.name
        object_id = self._valid_object_id(object_id)
        records = self._history_records(request, object_id)
        obj = self._object_or_latest_version(request, object_id, records)
        versions = list(records.order_by("-history_date", "-history_id"))
        if not versions:
            raise Http404
        new = self._pick_version(records, request.GET.get("new")) or versions[0]
        old = self._pick_version(records, request.GET.get("old"))
        if old is None:
            position = next(i for i, v in enumerate(versions) if v.history_id == new.history_id)
            old = versions[position + 1] if position + 1 < len(versions) else None
        if old is not None and (old.history_date, old.history_id) > (new.history_date, new.history_id):
            old, new = new, old
        rows = diff_rows(self.model, old, new) if old is not None else []
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Compare versions: %s") % obj,
            "opts": opts,
            "app_label": opts.app_label,
            "object": obj,
            "module_name": capfirst(opts.verbose_name_plural),
            "versions": [(v, version_label(v)) for v in versions],
            "old": old,
            "new": new,
            "old_label": version_label(old) if old is not None else "",
            "new_label": version_label(new),
            "rows": rows,
            "revert_disabled": self.revert_disabled(request, obj),
        }
        return TemplateResponse(request, self.history_compare_template, context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """SimpleHistoryAdmin's revert form, recorded as a change with a reason."""
        history_model = history_model_for(self.model)
        if not str(version_id).isdigit():
            raise Http404
        record = history_model.objects.filter(
            **{self.model._meta.pk.attname: self._valid_object_id(object_id), "history_id": int(version_id)}
        ).first()
        if record is None:
            raise Http404
        if request.method == "POST" and (
            self.revert_disabled(request, record.instance) or not self.has_change_permission(request, record.instance)
        ):
            # SimpleHistoryAdmin only checks view permission before saving the posted form.
            raise PermissionDenied
        opts = self.model._meta
        compare_url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history_compare",
            args=[getattr(record, opts.pk.attname)],
        )
        extra_context = {
            **(extra_context or {}),
            "revert_record": record,
            "revert_record_label": version_label(record),
            "compare_with_current_url": f"{compare_url}?old={record.history_id}",
        }
        token = _reverting.set(record)
        try:
            return self._showing_refusals(super().history_form_view, request, object_id, version_id, extra_context)
        finally:
            _reverting.reset(token)


class HistoryAdmin(HistoryAdminMixin, SimpleHistoryAdmin):
    """For tracked models without translated fields."""


class TranslatedHistoryAdmin(HistoryAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    """For tracked models with `_lv`/`_en` fields: both languages side by side."""
