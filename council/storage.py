"""Private storage for council documents.

Council-only files must never be reachable by guessing a URL, so they live outside
MEDIA_ROOT (which a web server or the DEBUG `static()` route may serve as a whole)
under PRIVATE_MEDIA_ROOT, and `url()` is refused: the only way out is the
permission-checked `council:document` view.
"""

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from .uploads import extension_for_content_type


def private_media_root() -> Path:
    configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if configured:
        return Path(configured)
    # Beside MEDIA_ROOT, never inside it.
    return Path(settings.MEDIA_ROOT).resolve().parent / "private_media"


class PrivateDocumentStorage(FileSystemStorage):
    # Read the setting on every access (not cached) so tests can point it at a temporary folder.
    @property
    def base_location(self):
        return str(private_media_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Council documents have no public URL; serve them through the council:document view.")


_storage = PrivateDocumentStorage()


def private_storage() -> PrivateDocumentStorage:
    """Callable for FileField(storage=...): migrations then refer to it by import path."""
    return _storage


def document_upload_to(instance, filename: str) -> str:
    """A random stored name; the uploader's file name is kept in `original_name`, never on disk.

    The extension comes from the type detected in the content (`MeetingDocument.clean()` records it),
    not from the uploaded name.
    """
    extension = extension_for_content_type(instance.content_type) or "bin"
    return f"council/{uuid.uuid4().hex}.{extension}"


class PrivateFieldFile(FieldFile):
    """A stored document whose URL is the permission-checked view, never a storage URL.

    Widgets (the admin's "Currently: …" link) and templates ask a file for `.url`; for council
    documents that must lead through `council:document`, which checks who is asking.
    """

    @property
    def url(self):
        self._require_file()
        instance = self.instance
        if not instance.pk:
            raise ValueError("A document that is not saved yet has no address.")
        return reverse("council:document", kwargs={"pk": instance.meeting_id, "doc_pk": instance.pk})


class PrivateFileField(models.FileField):
    attr_class = PrivateFieldFile
