"""Shared pieces of the staff spreadsheet import/export (django-import-export).

* Columns use keys people can type: slugs for plans and institutions, numbers
  for commitments and measures; a comma-separated list of slugs for M2M.
* An unknown key is a row error naming the value, never silently dropped.
* A file is imported all or nothing: any row error or validation error rolls
  the whole file back, history rows included (they are written in the same
  transaction). The admin's first step is a dry run shown as a preview.
* Every imported change is recorded in the history with the importing user
  and the reason "Imported from <file>".
"""

import contextlib

import tablib
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, JSON, XLSX
from import_export.forms import SelectableFieldsExportForm

from ogp_portal import spreadsheets

# --------------------------------------------------------------------------- widgets


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    """FK by a human key (slug, abbreviation…); an unknown key is a clear row error."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = value.strip()
        try:
            return super().clean(value, row=row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                gettext("Unknown %(model)s “%(value)s”.") % {"model": self.model._meta.verbose_name, "value": value}
            ) from None
        except self.model.MultipleObjectsReturned:
            raise ValueError(
                gettext("“%(value)s” matches several %(models)s.")
                % {"value": value, "models": self.model._meta.verbose_name_plural}
            ) from None


class SlugManyToManyWidget(widgets.ManyToManyWidget):
    """M2M as comma-separated keys; the stock widget silently ignores unknown ones."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return self.model.objects.none()
        keys = [key.strip() for key in str(value).split(self.separator) if key.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": keys})
        missing = sorted(set(keys) - {str(getattr(obj, self.field)) for obj in found})
        if missing:
            raise ValueError(
                gettext("Unknown %(models)s: %(values)s.")
                % {"models": self.model._meta.verbose_name_plural, "values": ", ".join(missing)}
            )
        return found


class PercentWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        number = super().clean(value, row=row, **kwargs)
        if number is not None and not 0 <= number <= 100:
            raise ValueError(gettext("A percentage must be between 0 and 100, not %(value)s.") % {"value": number})
        return number


class DateWidget(widgets.DateWidget):
    """31.12.2025, 2025-12-31 or an Excel date cell (a datetime: the column compares equal to its date)."""

    def clean(self, value, row=None, **kwargs):
        return spreadsheets.parse_date(value)


class ChoiceWidget(widgets.CharWidget):
    """A TextChoices column: accepts the stored value or its label (any case)."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row=row, **kwargs)
        if value in (None, ""):
            return value
        text = str(value).strip().lower()
        for stored, label in self.choices:
            names = {str(stored).lower()}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    names.add(str(label).lower())
            if text in names:
                return stored
        allowed = ", ".join(str(stored) for stored, _label in self.choices)
        raise ValueError(gettext("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed})


# --------------------------------------------------------------------------- resource


class EmptyAwareField(fields.Field):
    """Treats an empty cell and an empty value (None or "") as the same.

    Nullable text columns (the `_en` translations) hold None, CSV cells hold
    "": without this an export re-imported unchanged would rewrite every such
    field and add a history row that changes nothing. In a new row an empty
    cell leaves a field with a model default at that default.
    """

    def save(self, instance, row, is_m2m=False, **kwargs):
        if not self.readonly and not is_m2m and self.attribute and "__" not in self.attribute:
            cleaned = self.clean(row, **kwargs)
            if cleaned in (None, "") and (
                getattr(instance, self.attribute, None) in (None, "") or self._keeps_default(instance)
            ):
                return
        super().save(instance, row, is_m2m=is_m2m, **kwargs)

    def _keeps_default(self, instance) -> bool:
        """An empty cell in a new row leaves a field with a default (e.g. status) at it."""
        if not instance._state.adding:
            return False
        try:
            return instance._meta.get_field(self.attribute).has_default()
        except FieldDoesNotExist:
            return False


class HistoryModelResource(resources.ModelResource):
    """Base resource: all-or-nothing, history with user and reason, one history row per row."""

    DEFAULT_RESOURCE_FIELD = EmptyAwareField
    # Text cells left empty in a spreadsheet arrive as None; NOT NULL text columns need "".
    WIDGETS_MAP = {**resources.ModelResource.WIDGETS_MAP, "TextField": widgets.CharWidget, "DateField": DateWidget}

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, models.CharField | models.TextField):
            kwargs.update({"coerce_to_string": True, "allow_blank": not django_field.null})
        return kwargs

    class Meta:
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        # A validation error in one row must roll back the others too, also at
        # the confirm step (the stock admin only passes this when skipping it).
        kwargs["rollback_on_validation_errors"] = True
        result = super().import_data(
            dataset, dry_run=dry_run, raise_errors=raise_errors, use_transactions=True, **kwargs
        )
        if str(kwargs.get("file_name", "")).lower().endswith((".csv", ".xlsx")):
            spreadsheets.number_rows_as_spreadsheets_do(result)
        return result

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        # The stock resource cleans M2M columns only when saving, where an
        # unknown key becomes a traceback instead of a row validation error.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as e:
                    errors[field.attribute] = ValidationError(force_str(e), code="invalid")
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        file_name = kwargs.get("file_name")
        instance._change_reason = (
            gettext("Imported from %(file)s") % {"file": file_name} if file_name else gettext("Imported from a file")
        )
        user = kwargs.get("user")
        instance._history_user = user if user is not None and user.is_authenticated else None

    def do_instance_save(self, instance, is_create):
        # Saved in save_m2m, once the row's many-to-many values are known: one write, one history row.
        pass

    def save_m2m(self, instance, row, **kwargs):
        if not self._is_using_transactions(kwargs) and self._is_dry_run(kwargs):
            return
        m2m = {
            field.attribute: field.clean(row, **kwargs)
            for field in self.get_import_fields()
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row and not field.readonly
        }
        # The row was read for this import: its version is the one claimed.
        self.save_with_service(instance, user=instance._history_user, reason=instance._change_reason, m2m=m2m)

    # The owning app's save service, as on the ModelAdmin: (*, <save_service_takes>, user, reason, m2m).
    save_service = None
    save_service_takes = "instance"

    def save_with_service(self, instance, **kwargs):
        if self.save_service is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a save_service.")
        return self.save_service(**{self.save_service_takes: instance}, **kwargs)


# --------------------------------------------------------------------------- admin


class StaffExportForm(SelectableFieldsExportForm):
    """Field checkboxes labelled with the model's translated names.

    Fields listed in a resource's `Meta.unchecked_by_default` (the measure's
    internal note) must be ticked on purpose to be exported.
    """

    def _get_field_label(self, resource, field_name):
        label = field_name
        model = resource._meta.model
        attribute = resource.fields[field_name].attribute if field_name in resource.fields else None
        with contextlib.suppress(FieldDoesNotExist):
            label = capfirst(model._meta.get_field(attribute or field_name).verbose_name)
        return f"{label} ({resource.fields[field_name].column_name})" if field_name in resource.fields else label

    @property
    def media(self):
        # "Select all" without the stock inline onchange, which the CSP blocks.
        return super().media + forms.Media(js=["ogp_admin/export_select_all.js"])

    def _create_boolean_fields(self, resource, index):
        names = super()._create_boolean_fields(resource, index)
        for field_name in getattr(resource._meta, "unchecked_by_default", ()):
            form_name = self.create_boolean_field_name(resource, field_name)
            if form_name in self.fields:
                self.fields[form_name].initial = False
        return names


class _TypedFormulaEscape:
    """IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT for text cells only.

    The stock escaping removes a leading "=" (so a spreadsheet does not run a
    title such as "=HYPERLINK(…)" as a formula) but also turns every cell into
    text, empty ones into the word "None", which breaks re-importing an XLSX
    export. Here only text cells are touched; numbers, dates and blanks keep
    their type.
    """

    def _escape_formulae(self, dataset):
        for _row in range(len(dataset)):
            row = dataset.lpop()
            dataset.append([_strip_formula(cell) for cell in row])


def _strip_formula(cell):
    if isinstance(cell, str) and cell.startswith("="):
        return cell.replace("=", "", 1)
    return cell


class SafeXLSX(_TypedFormulaEscape, XLSX):
    pass


class SafeCSV(_TypedFormulaEscape, CSV):
    """Read as bytes: the encoding and the separator are found from the file (ogp_portal/spreadsheets.py), not
    assumed; written with a BOM, without which Excel reads UTF-8 Latvian letters wrongly."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        text = spreadsheets.decode(in_stream) if isinstance(in_stream, bytes) else in_stream.lstrip("\ufeff")
        return tablib.import_set(text, format="csv", delimiter=spreadsheets.delimiter(text), **kwargs)

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(dataset, **kwargs)


class SafeJSON(_TypedFormulaEscape, JSON):
    pass


class StaffImportExportMixin(ImportExportMixin):
    """Import/export for staff: XLSX, CSV, JSON; explicit permissions from settings."""

    formats = [SafeXLSX, SafeCSV, SafeJSON]
    import_template_name = "admin/import_export_staff/import.html"
    export_template_name = "admin/import_export_staff/export.html"
    export_form_class = StaffExportForm
    import_error_display = ("message", "row")

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # Only reachable when the file changed between preview and confirm;
            # import_data has already rolled everything back.
            messages.error(request, _("Nothing was imported: the file has errors. Upload it again to see them."))
            info = self.model._meta.app_label, self.model._meta.model_name
            return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*info), current_app=self.admin_site.name))
        return super().process_result(result, request)

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        # Native numbers and dates in XLSX (the stock check compares exact classes); CSV is read as bytes
        # (SafeCSV) but written as text like before.
        native = isinstance(file_format, XLSX)
        data = self.get_data_for_export(request, queryset, force_native_type=native, **kwargs)
        # The sheet is named after what it holds ("Pasākumi"), not "Tablib Dataset" (Excel allows 31 characters).
        data.title = str(capfirst(self.model._meta.verbose_name_plural))[:31]
        export_data = file_format.export_data(data)
        encoding = kwargs.get("encoding")
        if not file_format.is_binary() and encoding:
            export_data = export_data.encode(encoding)
        return export_data
