"""Evidence files on the progress-entry change form: an inline for the entry's editors while it is editable,
and the staff's permission-checked download. Every write goes through commitments.evidence."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts import policy
from ogp_portal.history.admin_writes import WriteRefused
from ogp_portal.uploads import ALL_TYPES, check_upload, download_response, labels

from . import evidence
from .models import EvidenceFile

EVIDENCE_URL_NAME = "progressentry_evidence_file"


class EvidenceFileForm(forms.ModelForm):
    class Meta:
        model = EvidenceFile
        fields = ["file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            field.help_text = _("%(formats)s; at most %(limit)s. The type is checked from the content.") % {
                "formats": labels(ALL_TYPES),
                "limit": filesizeformat(evidence.max_upload_bytes()),
            }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            # The service checks the same; here the message sits by the field at once.
            check_upload(upload, name=upload.name, size=upload.size, max_bytes=evidence.max_upload_bytes())
        return upload


class EvidenceFileInline(admin.TabularInline):
    model = EvidenceFile
    form = EvidenceFileForm
    fields = ["file", "download", "uploaded_by", "uploaded_at"]
    readonly_fields = ["download", "uploaded_by", "uploaded_at"]
    extra = 1

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if self.has_add_permission(request, obj) else 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    def has_add_permission(self, request, obj=None):
        # Files belong to a saved entry; attach them once the draft exists.
        return obj is not None and obj.pk is not None and policy.can_edit_entry(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return False  # a stored file is replaced by removing it and attaching another

    def has_delete_permission(self, request, obj=None):
        return obj is not None and obj.pk is not None and policy.can_edit_entry(request.user, obj)

    def has_view_permission(self, request, obj=None):
        # Asked without an entry for the rows' queryset; the entry's own admin has already checked the entry.
        return obj is None or policy.can_see_in_admin(
            request.user, obj, rows=lambda entries: policy.entries_managed_by(request.user, entries)
        )

    @admin.display(description=_("download"))
    def download(self, obj):
        if obj is None or obj.pk is None:
            return ""
        return format_html(
            '<a href="{}" download>{}</a> ({}, {})',
            obj.get_absolute_url(),
            obj.original_name,
            obj.format_label,
            filesizeformat(obj.size),
        )


class EvidenceAdminMixin:
    """For ProgressEntryAdmin: the evidence rows go to the evidence services, and the download view."""

    def get_inlines(self, request, obj):
        # Files are attached to a saved entry: none on the add form.
        return super().get_inlines(request, obj) if obj is not None else []

    def save_formset(self, request, form, formset, change):
        if formset.model is not EvidenceFile:
            return super().save_formset(request, form, formset, change)
        reason = form.reason() or ""
        formset.save(commit=False)  # sets what the admin's change message lists; writes nothing
        formset.new_objects, formset.deleted_objects = [], []
        for row in formset.forms:
            try:
                if row in formset.deleted_forms and row.instance.pk is not None:
                    formset.deleted_objects.append(row.instance)
                    evidence.evidence_remove(evidence=row.instance, user=request.user, reason=reason)
                elif row.instance.pk is None and isinstance(row.cleaned_data.get("file"), UploadedFile):
                    upload = row.cleaned_data["file"]
                    attached = evidence.evidence_attach(
                        entry=form.instance, file=upload, user=request.user, reason=reason
                    )
                    formset.new_objects.append(attached)
            except ValidationError as error:
                raise WriteRefused(error, row=row.instance) from error
        return None

    def get_urls(self):
        view = self.admin_site.admin_view(self.evidence_download_view)
        # Not named like the model's own pages (`commitments_progressentry_…`): a download, not a page of it.
        return [path("<int:entry_pk>/pieradijumi/<int:pk>/", view, name=EVIDENCE_URL_NAME), *super().get_urls()]

    def evidence_download_view(self, request, entry_pk: int, pk: int):
        found = EvidenceFile.objects.select_related("entry").filter(entry_id=entry_pk, pk=pk).first()
        if found is None or not evidence.can_download(request.user, found):
            raise Http404
        try:
            handle = found.file.open("rb")
        except OSError as error:
            raise Http404 from error
        response = download_response(handle, content_type=found.content_type, filename=found.original_name)
        response["Cache-Control"] = "private, no-store"
        return response
