"""Upload checks for council documents: the foundation's (`ogp_portal.uploads`), for documents only.

Accepted: PDF and the common office formats (OOXML docx/xlsx/pptx and ODF odt/ods/odp); macro-enabled
files, web pages dressed as PDFs and anything else are refused there.
"""

from django.conf import settings

from ogp_portal import uploads
from ogp_portal.uploads import DEFAULT_MAX_BYTES, DOCUMENT_TYPES, PDF, FileType, type_for_content_type

__all__ = ["PDF", "ALLOWED_LABEL", "check_upload", "detect_document_type", "max_upload_bytes"]

DocumentType = FileType
ALLOWED_LABEL = uploads.labels(DOCUMENT_TYPES)


def max_upload_bytes() -> int:
    return int(getattr(settings, "COUNCIL_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def detect_document_type(fileobj) -> FileType:
    """Tell the document type from the bytes; raise ValidationError when it is not an accepted one."""
    return uploads.detect_type(fileobj, allowed=DOCUMENT_TYPES)


def check_upload(fileobj, size: int | None, name: str | None = None) -> FileType:
    """Size limit, name, then type by content; raises ValidationError with a message for the uploader."""
    return uploads.check_upload(fileobj, name=name, size=size, max_bytes=max_upload_bytes(), allowed=DOCUMENT_TYPES)


def validate_document_upload(fieldfile) -> None:
    """FileField validator: size limit, name and content type, for new uploads only.

    Files already stored were checked when they came in; re-reading them on every
    edit of a title would fail for no reason when a file is missing on disk.
    """
    if not fieldfile or getattr(fieldfile, "_committed", True):
        return
    check_upload(fieldfile.file, fieldfile.size, fieldfile.name)


def label_for_content_type(content_type: str) -> str:
    found = type_for_content_type(content_type)
    return found.label if found and found in DOCUMENT_TYPES else ""


def extension_for_content_type(content_type: str) -> str:
    found = type_for_content_type(content_type)
    return found.extension if found else ""
