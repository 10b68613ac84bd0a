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

from django import forms
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_m2m_reverse_field_name

from ogp_portal.history.compare import HistoryCompareMixin, version_label
from ogp_portal.history.diff import diff_rows, history_model_for

# --------------------------------------------------------------------------- helpers


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


class HistoryAdminMixin(HistoryCompareMixin):
    """Put before SimpleHistoryAdmin (and TranslationAdmin) in the bases."""

    form = ChangeReasonForm
    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"

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

    # -- history pages (the comparison and the changes column: HistoryCompareMixin)

    def history_view(self, request, object_id, extra_context=None):
        return super().history_view(request, self._valid_object_id(object_id), extra_context)

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
