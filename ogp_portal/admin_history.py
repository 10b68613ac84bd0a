"""Shared admin behaviour for history-tracked models: change reason, diff, revert.

Every content model is tracked by django-simple-history (registered in each
app's translation.py). The admin classes here add what the State Chancellery
needs on top of SimpleHistoryAdmin:

* a "reason for the change" on every change form, required when an existing
  record is edited, stored with the user and time in the history row; inline
  rows saved with the form get the same reason;
* one history row per admin save: a save with many-to-many changes would
  otherwise leave one row for the field save plus one per M2M add/remove;
* a field-by-field comparison of any two versions (translated labels, choice
  labels, names of related objects instead of ids);
* revert that is recorded like any other change ("Reverted to the version of
  <date>"), restores tracked M2M values too and bumps the optimistic-locking
  `version` so forms opened before the revert are refused.

Many-to-many fields tracked by history (Measure's institutions and funding
sources, Commitment.lead_institutions, Proposal.measures, AgendaItem.measures):
each history row keeps a snapshot of the M2M rows, so the comparison lists the
related objects' names in both versions, and the revert form is pre-filled with
the version's M2M values (the stock form would show, and keep, today's). A
related object deleted since then shows as "Deleted … (pk=…)" in a comparison
and cannot be restored by a revert. Inline children (a commitment's measures, a
meeting's agenda) have their own history and are not reverted with the parent.
"""

import datetime
import difflib
import re

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
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

EMPTY_VALUES = (None, "", [])
EMPTY = mark_safe('<span class="history-empty">—</span>')
# Texts longer than this get a word-level diff on the comparison page.
WORD_DIFF_MIN_LENGTH = 40
LIST_VALUE_LENGTH = 80


# --------------------------------------------------------------------------- helpers


def history_model_for(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def latest_history_id(model) -> int:
    """Highest history id of `model` so far: rows above it were written after this call."""
    value = history_model_for(model).objects.order_by("-history_id").values_list("history_id", flat=True).first()
    return value or 0


def squash_history(model, pk, *, after_id: int, history_type: str) -> None:
    """Keep only the last history row written for `pk` since `after_id`.

    Saving an object and then its M2M fields writes one history row for the
    save and one per M2M add/remove; the intermediate rows describe states the
    user never saw. The last row holds the final fields and M2M snapshot, so
    it is kept, with the type of the whole operation ("+" for an addition).
    """
    history_model = history_model_for(model)
    records = list(
        history_model.objects.filter(**{model._meta.pk.attname: pk, "history_id__gt": after_id}).order_by("history_id")
    )
    if not records:
        return
    for record in records[:-1]:
        for field in record._history_m2m_fields:
            getattr(record, field.name).all().delete()
        record.delete()
    final = records[-1]
    if final.history_type != history_type:
        final.history_type = history_type
        final.save(update_fields=["history_type"])


def drop_if_unchanged(model, pk, *, after_id: int) -> None:
    """Remove the row just written for `pk` when it changes nothing a reader could see.

    Saving a form untouched (or touching only inline rows, which have their own
    history) would otherwise add a version identical to the one before it.
    """
    history_model = history_model_for(model)
    rows = history_model.objects.filter(**{model._meta.pk.attname: pk}).order_by("-history_date", "-history_id")
    latest, previous = (list(rows[:2]) + [None, None])[:2]
    if latest is None or previous is None or latest.history_id <= after_id or latest.history_type != "~":
        return
    if diff_rows(model, previous, latest, short=True):
        return
    for field in latest._history_m2m_fields:
        getattr(latest, field.name).all().delete()
    latest.delete()


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


# --------------------------------------------------------------------------- forms


class ChangeReasonForm(forms.ModelForm):
    """Model form with the history's "reason for the change".

    Required when an existing record is edited; optional on addition, where
    "created" already says what happened (a reason such as "added by the
    mid-term refresh" is still welcome). On the revert form it is an optional
    comment appended to the automatic "Reverted to the version of …".
    """

    change_reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text=_("Saved in the history with your name and the time. Required when an existing record is changed."),
    )
    # Set on the form class by HistoryAdminMixin.get_form for the revert view.
    revert_record = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("change_reason")
        if field is None:
            return
        if self.revert_record is None:
            field.required = not self.instance._state.adding
            return
        field.required = False
        field.label = _("Comment on the revert")
        field.help_text = _("Optional. The history records “Reverted to the version of …” followed by this comment.")
        if not self.is_bound:
            self._use_historical_m2m_values()

    def _use_historical_m2m_values(self):
        # Without this the revert form would show today's M2M values (the
        # model form reads them from the live relation) and keep them.
        for field in self.revert_record._history_m2m_fields:
            if field.name in self.fields:
                reverse_name = get_m2m_reverse_field_name(field)
                rows = getattr(self.revert_record, field.name).all()
                self.initial[field.name] = [getattr(row, f"{reverse_name}_id") for row in rows]


REASON_FIELDSET_TITLE = _("Reason for the change")


# --------------------------------------------------------------------------- admin


class HistoryAdminMixin:
    """Put before SimpleHistoryAdmin (and TranslationAdmin) in the bases."""

    form = ChangeReasonForm
    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"
    history_compare_template = "admin/history/compare.html"

    # -- form and fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        record = getattr(request, "_history_revert_record", None)
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

    # -- saving

    def _reason_from_form(self, request, form) -> str | None:
        comment = (form.cleaned_data.get("change_reason") or "").strip()
        record = getattr(request, "_history_revert_record", None)
        if record is None:
            return comment or None
        when = timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M")
        reason = gettext("Reverted to the version of %(date)s") % {"date": when}
        return f"{reason}: {comment}" if comment else reason

    def save_model(self, request, obj, form, change):
        reason = self._reason_from_form(request, form)
        obj._change_reason = reason
        request._history_reason = reason
        request._history_watermark = latest_history_id(self.model)
        changed_fields = [name for name in form.changed_data if name != "change_reason"]
        if change and _has_version(obj) and (changed_fields or getattr(request, "_history_revert_record", None)):
            _next_version(obj)
        super().save_model(request, obj, form, change)
        request._history_saved_object = obj

    def save_formset(self, request, form, formset, change):
        reason = getattr(request, "_history_reason", None)
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            deleted._change_reason = reason
            deleted.delete()
        for instance in instances:
            instance._change_reason = reason
            if instance.pk is not None and _has_version(instance):
                _next_version(instance)
            self.before_inline_save(request, form.instance, instance)
            instance.save()
        formset.save_m2m()

    def before_inline_save(self, request, parent, instance):
        """Hook for admins that fill inline fields the form does not show."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        watermark = getattr(request, "_history_watermark", 0)
        squash_history(self.model, form.instance.pk, after_id=watermark, history_type="~" if change else "+")
        if change:
            drop_if_unchanged(self.model, form.instance.pk, after_id=watermark)

    def delete_model(self, request, obj):
        obj._change_reason = gettext("Deleted in the administration")
        super().delete_model(request, obj)

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
        request._history_revert_record = record
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
        with transaction.atomic():
            response = super().history_form_view(request, object_id, version_id, extra_context)
            saved = getattr(request, "_history_saved_object", None)
            if saved is not None:
                squash_history(self.model, saved.pk, after_id=request._history_watermark, history_type="~")
        return response


def _next_version(obj) -> None:
    """Move `obj` past the version stored now: forms opened before this save (e.g. an institution's
    report, the same row in another commitment's page) are stale from here on."""
    current = type(obj)._default_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
    obj.version = (current or obj.version) + 1


def _has_version(obj) -> bool:
    try:
        field = obj._meta.get_field("version")
    except FieldDoesNotExist:
        return False
    return isinstance(field, models.PositiveIntegerField)


class HistoryAdmin(HistoryAdminMixin, SimpleHistoryAdmin):
    """For tracked models without translated fields."""


class TranslatedHistoryAdmin(HistoryAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    """For tracked models with `_lv`/`_en` fields: both languages side by side."""
