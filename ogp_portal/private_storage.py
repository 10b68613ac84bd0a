"""Private storage for uploaded files (council documents, evidence files).

Files that are not public must never be reachable by guessing a URL, so they live outside MEDIA_ROOT
(which a web server or the DEBUG `static()` route may serve as a whole) under PRIVATE_MEDIA_ROOT, and
`url()` is refused: the only way out is the owning app's permission-checked view.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.fields.files import FieldFile


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
        raise ValueError("Private files have no public URL; serve them through their permission-checked view.")


_storage = PrivateDocumentStorage()


def private_storage() -> PrivateDocumentStorage:
    """Callable for FileField(storage=...): migrations then refer to it by import path."""
    return _storage


class PrivateFieldFile(FieldFile):
    """A stored file whose URL is its owner's permission-checked view (`get_absolute_url`), never a
    storage URL: widgets (the admin's "Currently: …" link) and templates ask a file for `.url`."""

    @property
    def url(self):
        self._require_file()
        if not self.instance.pk:
            raise ValueError("A file that is not saved yet has no address.")
        return self.instance.get_absolute_url()


class PrivateFileField(models.FileField):
    attr_class = PrivateFieldFile
