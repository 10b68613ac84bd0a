"""Upload checks for council documents: the type is read from the content, never from the name.

Accepted: PDF and the common office formats (OOXML docx/xlsx/pptx and ODF odt/ods/odp),
which are all ZIP packages told apart by their `[Content_Types].xml` or `mimetype` entry.
Macro-enabled variants (docm, xlsm, pptm) and anything else are refused.
"""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# [Content_Types].xml is a few KB; refuse to decompress a huge one (zip bomb).
_MAX_MANIFEST_BYTES = 1024 * 1024


@dataclass(frozen=True)
class DocumentType:
    extension: str
    mimetype: str
    label: str

    @property
    def is_pdf(self) -> bool:
        return self.extension == "pdf"


PDF = DocumentType("pdf", "application/pdf", "PDF")

# Main part content types in [Content_Types].xml; the macro-enabled ones differ, so they do not match.
_OOXML = [
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        DocumentType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        DocumentType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        DocumentType("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX"),
    ),
]

_ODF = {
    "application/vnd.oasis.opendocument.text": DocumentType("odt", "application/vnd.oasis.opendocument.text", "ODT"),
    "application/vnd.oasis.opendocument.spreadsheet": DocumentType(
        "ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS"
    ),
    "application/vnd.oasis.opendocument.presentation": DocumentType(
        "odp", "application/vnd.oasis.opendocument.presentation", "ODP"
    ),
}

ALLOWED_LABEL = "PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP"
_REFUSED = _("This file type is not accepted. Upload a PDF or an office document (%(allowed)s).")


def max_upload_bytes() -> int:
    return int(getattr(settings, "COUNCIL_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_MANIFEST_BYTES:
        return None
    return archive.read(info)


def detect_document_type(fileobj) -> DocumentType:
    """Tell the document type from the bytes; raise ValidationError when it is not an accepted one."""
    refused = ValidationError(_REFUSED, code="file_type", params={"allowed": ALLOWED_LABEL})
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        raise refused
    try:
        with zipfile.ZipFile(fileobj) as archive:
            # ODF: an uncompressed `mimetype` entry names the kind.
            mimetype = _read_member(archive, "mimetype")
            if mimetype is not None:
                found = _ODF.get(mimetype.decode("ascii", "replace").strip())
                if found:
                    return found
                raise refused
            manifest = _read_member(archive, "[Content_Types].xml")
            if manifest is not None:
                text = manifest.decode("utf-8", "replace")
                for main_part, found in _OOXML:
                    if f'ContentType="{main_part}"' in text:
                        return found
            raise refused
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError) as error:
        raise refused from error
    finally:
        fileobj.seek(0)


def check_upload(fileobj, size: int | None) -> DocumentType:
    """Size limit, then type by content; raises ValidationError with a message for the uploader."""
    limit = max_upload_bytes()
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(limit)s."),
            code="file_size",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    return detect_document_type(fileobj)


def validate_document_upload(fieldfile) -> None:
    """FileField validator: size limit and content type, for new uploads only.

    Files already stored were checked when they came in; re-reading them on every
    edit of a title would fail for no reason when a file is missing on disk.
    """
    if not fieldfile or getattr(fieldfile, "_committed", True):
        return
    check_upload(fieldfile.file, fieldfile.size)


def type_for_content_type(content_type: str) -> DocumentType | None:
    for found in (PDF, *(t for _part, t in _OOXML), *_ODF.values()):
        if found.mimetype == content_type:
            return found
    return None


def label_for_content_type(content_type: str) -> str:
    found = type_for_content_type(content_type)
    return found.label if found else ""


def extension_for_content_type(content_type: str) -> str:
    found = type_for_content_type(content_type)
    return found.extension if found else ""
