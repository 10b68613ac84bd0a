"""Forms for council documents (used by the admin's MeetingDocument form and inline)."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ogp_portal.admin_history import ChangeReasonForm

from .models import MeetingDocument
from .uploads import ALLOWED_LABEL, check_upload, max_upload_bytes

# What the file picker offers; the content is still checked on the server (a name proves nothing).
ACCEPT = ",".join(
    [
        ".pdf",
        ".docx",
        ".xlsx",
        ".pptx",
        ".odt",
        ".ods",
        ".odp",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
    ]
)


class DocumentUploadFormMixin:
    """Checks an upload's size and type by content before anything is stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            field.widget.attrs["accept"] = ACCEPT
            field.help_text = _("%(formats)s; at most %(limit)s. The type is checked from the content.") % {
                "formats": ALLOWED_LABEL,
                "limit": filesizeformat(max_upload_bytes()),
            }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            # The model field's validator checks the same; here the message sits by the field at once.
            check_upload(upload, upload.size, upload.name)
        return upload


class MeetingDocumentForm(DocumentUploadFormMixin, forms.ModelForm):
    """For the documents inline of a meeting."""

    class Meta:
        model = MeetingDocument
        fields = ["kind", "language", "title", "file", "is_public"]


class MeetingDocumentAdminForm(DocumentUploadFormMixin, ChangeReasonForm):
    """For the document's own admin page, which also asks the history's reason for the change."""

    class Meta:
        model = MeetingDocument
        fields = ["meeting", "kind", "language", "title", "file", "is_public"]
