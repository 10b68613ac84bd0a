"""Upload checks shared by every app that takes files: the type is read from the content, never from the name.

Known types: PDF, the office formats (OOXML docx/xlsx/pptx and ODF odt/ods/odp, ZIP packages told
apart by their `[Content_Types].xml` or `mimetype` entry) and PNG/JPEG images; each app says which of
them it accepts. Refused whatever the app: an empty or too large file; a name a browser would run as a
page or script (`page.html`, even when the bytes are a PDF); a "PDF" with HTML in its first kilobyte
(what a browser sniffs); an office package carrying macros (a `vbaProject.bin` in any OOXML part, the
`docm`/`xlsm` main parts, ODF `Basic/` or `Scripts/`). A stored file is named by a random token and the
extension of its real type, and is served (`download_response`) with that type, as an attachment,
under `nosniff` and a sandboxing Content-Security-Policy.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# [Content_Types].xml is a few KB; refuse to decompress a huge one (zip bomb).
_MAX_MANIFEST_BYTES = 1024 * 1024
# Browsers sniff the first 512 bytes for HTML; look at twice that.
_SNIFF_BYTES = 1024


@dataclass(frozen=True)
class FileType:
    extension: str
    mimetype: str
    label: str

    @property
    def is_pdf(self) -> bool:
        return self.extension == "pdf"


PDF = FileType("pdf", "application/pdf", "PDF")
PNG = FileType("png", "image/png", "PNG")
JPEG = FileType("jpg", "image/jpeg", "JPEG")
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX")
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX")
PPTX = FileType("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX")
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", "ODT")
ODS = FileType("ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS")
ODP = FileType("odp", "application/vnd.oasis.opendocument.presentation", "ODP")

DOCUMENT_TYPES = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP)
IMAGE_TYPES = (PNG, JPEG)
ALL_TYPES = DOCUMENT_TYPES + IMAGE_TYPES

# Main part content types in [Content_Types].xml; the macro-enabled ones differ, so they do not match.
_OOXML = [
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", DOCX),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", XLSX),
    ("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", PPTX),
]
_ODF = {found.mimetype: found for found in (ODT, ODS, ODP)}

# Names a browser or a desktop would open as a page or a program, whatever the bytes say.
_ACTIVE_EXTENSIONS = frozenset(
    [
        "htm",
        "html",
        "xht",
        "xhtml",
        "shtml",
        "svg",
        "svgz",
        "xml",
        "xsl",
        "js",
        "mjs",
        "hta",
        "swf",
        "exe",
        "com",
        "bat",
        "cmd",
        "scr",
        "msi",
        "ps1",
        "vbs",
        "jar",
    ]
)
_HTML_MARKERS = (b"<html", b"<!doctype html", b"<script", b"<body", b"<head", b"<iframe", b"<svg", b"<object")
_MACRO_MEMBERS = re.compile(r"(^|/)vbaproject\.bin$|^(basic|scripts)/", re.IGNORECASE)


def labels(allowed) -> str:
    return ", ".join(found.label for found in allowed)


def _refused(allowed) -> ValidationError:
    if any(found in IMAGE_TYPES for found in allowed):
        message = _("This file type is not accepted. Upload a PDF, an office document or an image (%(allowed)s).")
    else:
        message = _("This file type is not accepted. Upload a PDF or an office document (%(allowed)s).")
    return ValidationError(message, code="file_type", params={"allowed": labels(allowed)})


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_MANIFEST_BYTES:
        return None
    return archive.read(info)


def _office_type(archive: zipfile.ZipFile) -> FileType | None:
    if any(_MACRO_MEMBERS.search(name) for name in archive.namelist()):
        raise ValidationError(
            _("Office files with macros are not accepted; save the file without them."), code="file_macros"
        )
    # ODF: an uncompressed `mimetype` entry names the kind.
    mimetype = _read_member(archive, "mimetype")
    if mimetype is not None:
        return _ODF.get(mimetype.decode("ascii", "replace").strip())
    manifest = _read_member(archive, "[Content_Types].xml")
    if manifest is not None:
        text = manifest.decode("utf-8", "replace")
        for main_part, found in _OOXML:
            if f'ContentType="{main_part}"' in text:
                return found
    return None


def _sniff(fileobj) -> FileType | None:
    head = fileobj.read(_SNIFF_BYTES)
    if head.startswith(b"%PDF-"):
        if any(marker in head.lower() for marker in _HTML_MARKERS):
            raise ValidationError(_("This PDF file contains a web page; it is not accepted."), code="file_html")
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if not head.startswith(b"PK\x03\x04"):
        return None
    fileobj.seek(0)
    with zipfile.ZipFile(fileobj) as archive:
        return _office_type(archive)


def detect_type(fileobj, *, allowed=ALL_TYPES) -> FileType:
    """Tell the type from the bytes; raise ValidationError when it is not one of `allowed`."""
    fileobj.seek(0)
    try:
        found = _sniff(fileobj)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError) as error:
        raise _refused(allowed) from error
    finally:
        fileobj.seek(0)
    if found not in allowed:
        raise _refused(allowed)
    return found


def check_name(name: str | None) -> None:
    extension = (name or "").rsplit("/", 1)[-1].rpartition(".")[2].strip().lower()
    if extension in _ACTIVE_EXTENSIONS:
        raise ValidationError(
            _("Files named “.%(extension)s” are not accepted."), code="file_name", params={"extension": extension}
        )


def check_upload(fileobj, *, name: str | None, size: int | None, max_bytes: int, allowed=ALL_TYPES) -> FileType:
    """Size, name and type by content; raises ValidationError with a message for the uploader."""
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(limit)s."),
            code="file_size",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    check_name(name)
    return detect_type(fileobj, allowed=allowed)


def type_for_content_type(content_type: str) -> FileType | None:
    return next((found for found in ALL_TYPES if found.mimetype == content_type), None)


def stored_name(folder: str, content_type: str) -> str:
    """A random name with the extension of the real type; the uploader's name is never on disk."""
    found = type_for_content_type(content_type)
    return f"{folder}/{uuid.uuid4().hex}.{found.extension if found else 'bin'}"


def display_name(original: str, content_type: str, *, default: str = "file") -> str:
    """The uploader's name for showing and downloading: no path, no control or quoting characters,
    and the extension of the real type (`page.html` holding a PDF is offered as `page.pdf`)."""
    base = unicodedata.normalize("NFC", (original or "").replace("\\", "/").rsplit("/", 1)[-1])
    found = type_for_content_type(content_type)
    stem = base.rpartition(".")[0] if "." in base else base
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] in "LNZ" or ch in "-_.,()")
    stem = " ".join(stem.split()).strip(" .")[:120] or default
    return f"{stem}.{found.extension}" if found else stem


def content_disposition(filename: str, *, inline: bool = False) -> str:
    ascii_name = filename.encode("ascii", "ignore").decode().replace('"', "") or "file"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download_response(handle, *, content_type: str, filename: str, inline: bool = False) -> FileResponse:
    """A stored upload as the response: its real type, never sniffed, never run as a page."""
    response = FileResponse(handle, content_type=content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    if not inline:
        # Set here, so the site's page policy (django-csp leaves a set header alone) does not replace it.
        # An inline PDF keeps the site's policy: browsers' PDF viewers do not run in a sandbox.
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
