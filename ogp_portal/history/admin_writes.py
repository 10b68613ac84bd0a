"""The admin's save path: a thin client of the app services.

A change form and each changed inline row are handed to the owning app's save service (the
ModelAdmin's `save_service`, the inline model's own ModelAdmin for inline rows) with the reason
typed on the form and the version the form was opened at. The service checks who may, validates,
claims the version and writes the one history row. A refusal (ValidationError) re-renders the form
with the service's message and nothing saved, exactly as the service would refuse any other caller.
"""

from __future__ import annotations

import contextvars

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name

from .writes import delete_recorded, has_version

VERSION_FIELD = "expected_version"

# The refusal of the save being shown again: set only while the view re-validates the posted forms.
_refusal: contextvars.ContextVar[ValidationError | None] = contextvars.ContextVar("admin_refusal", default=None)


class WriteRefused(Exception):
    """A service refused the admin's save; the view shows its message on the form instead."""

    def __init__(self, error: ValidationError, row=None):
        super().__init__(error)
        self.error = error
        self.row = row


class VersionField(forms.IntegerField):
    """The version the form was opened at. Bookkeeping, not content: never counts as a change."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        return False


def _current_version(instance):
    return type(instance)._default_manager.filter(pk=instance.pk).values_list("version", flat=True).first()


class VersionedInlineForm(forms.ModelForm):
    """An inline row carrying its version: a changed row read before someone else's save is refused."""

    expected_version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[VERSION_FIELD].initial = self.instance.version


class ChangeReasonForm(forms.ModelForm):
    """Model form with the history's "reason for the change" (and the version, for versioned models).

    Required when an existing record is edited; optional on addition, where "created" already says
    what happened. On the revert form it is an optional comment appended to "Reverted to the version of …".
    """

    change_reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text=_("Saved in the history with your name and the time. Required when an existing record is changed."),
    )
    # Rendered (hidden) only where the fieldsets list it: change forms of versioned models.
    expected_version = VersionField()
    # Set on the form class by HistoryAdminMixin.get_form for the revert view.
    revert_record = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = self.fields.get(VERSION_FIELD)
        if version is not None and self.instance.pk is not None and has_version(type(self.instance)):
            # The revert form shows an old version; the claim is of the record as it is now.
            version.initial = self.instance.version if self.revert_record is None else _current_version(self.instance)
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

    def clean(self):
        cleaned = super().clean()
        refused = _refusal.get()
        if refused is not None:
            self._show_refusal(refused)
        return cleaned

    def _show_refusal(self, refused: WriteRefused) -> None:
        error, prefix = refused.error, (f"{refused.row}: " if refused.row is not None else "")
        if hasattr(error, "error_dict") and not prefix:
            for name, errors in error.error_dict.items():
                target = name if name in self.fields else None
                self.add_error(target, [message for e in errors for message in e.messages])
            return
        self.add_error(None, [prefix + message for message in error.messages])

    def reason(self) -> str | None:
        comment = (self.cleaned_data.get("change_reason") or "").strip()
        if self.revert_record is None:
            return comment or None
        when = timezone.localtime(self.revert_record.history_date).strftime("%Y-%m-%d %H:%M")
        reason = gettext("Reverted to the version of %(date)s") % {"date": when}
        return f"{reason}: {comment}" if comment else reason


def _nothing() -> None:
    """The service already set the many-to-many values (within the one history row)."""


def form_m2m(form) -> dict:
    """The many-to-many values the form edits (read-only ones are not form fields)."""
    return {
        field.name: form.cleaned_data[field.name]
        for field in form._meta.model._meta.many_to_many
        if field.name in form.fields and field.name in form.cleaned_data
    }


class ServiceSaveAdminMixin:
    """save_model / save_formset / save_related through the app's service, one history row each."""

    # The owning app's service, wrapped in staticmethod(): (*, <object>, user, reason, expected_version, m2m),
    # the object passed under the name `save_service_takes`.
    save_service = None
    save_service_takes = "instance"

    def save_with_service(self, obj, **kwargs):
        if self.save_service is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a save_service.")
        return self.save_service(**{self.save_service_takes: obj}, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and fieldsets and has_version(self.model) and self.has_change_permission(request, obj):
            name, options = fieldsets[0]
            fieldsets[0] = (name, {**options, "fields": [*options.get("fields", ()), VERSION_FIELD]})
        return fieldsets

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._showing_refusals(super().changeform_view, request, object_id, form_url, extra_context)

    @staticmethod
    def _showing_refusals(view, *args):
        # The view's transaction rolls the whole save back; the posted forms are then validated again with
        # the refusal as their error, so the page comes back with what the user typed and why it was refused.
        try:
            with transaction.atomic():
                return view(*args)
        except WriteRefused as refused:
            token = _refusal.set(refused)
            try:
                return view(*args)
            finally:
                _refusal.reset(token)

    def save_model(self, request, obj, form, change):
        expected = form.cleaned_data.get(VERSION_FIELD) if change else None
        try:
            self.save_with_service(
                obj, user=request.user, reason=form.reason(), expected_version=expected, m2m=form_m2m(form)
            )
        except ValidationError as error:
            raise WriteRefused(error) from error
        # SimpleHistoryAdmin's revert view calls it after save_model.
        form.save_m2m = _nothing

    def save_related(self, request, form, formsets, change):
        # The form's many-to-many values were saved by the service with the object itself.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        reason = form.reason()
        formset.save(commit=False)
        for deleted in formset.deleted_objects:
            delete_recorded(deleted, user=request.user, reason=reason)
        for row in formset.saved_forms:
            instance = row.instance
            self.before_inline_save(request, form.instance, instance)
            expected = row.cleaned_data.get(VERSION_FIELD) if instance.pk is not None else None
            try:
                self._row_admin(instance).save_with_service(
                    instance, user=request.user, reason=reason, expected_version=expected, m2m=form_m2m(row)
                )
            except ValidationError as error:
                raise WriteRefused(error, row=instance) from error

    def _row_admin(self, instance):
        row_admin = self.admin_site._registry.get(type(instance))
        if not isinstance(row_admin, ServiceSaveAdminMixin):
            raise ImproperlyConfigured(f"Inline rows of {type(instance).__name__} need its ModelAdmin's save_service.")
        return row_admin

    def before_inline_save(self, request, parent, instance):
        """Hook for admins that fill inline fields the form does not show."""

    def delete_model(self, request, obj):
        delete_recorded(obj, user=request.user, reason=gettext("Deleted in the administration"))

    def delete_queryset(self, request, queryset):
        # One by one, so that each deletion is recorded with who and why (a bulk delete records neither).
        for obj in queryset:
            self.delete_model(request, obj)
