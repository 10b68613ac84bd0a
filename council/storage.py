"""Private storage for council documents: the foundation's (`ogp_portal.private_storage`), under `council/`.

The only way out is the permission-checked `council:document` view (`MeetingDocument.get_absolute_url`).
"""

from ogp_portal.private_storage import (  # noqa: F401 (migrations refer to these by this path)
    PrivateDocumentStorage,
    PrivateFieldFile,
    PrivateFileField,
    private_media_root,
    private_storage,
)
from ogp_portal.uploads import stored_name


def document_upload_to(instance, filename: str) -> str:
    """A random stored name; the uploader's file name is kept in `original_name`, never on disk.

    The extension comes from the type detected in the content (`MeetingDocument.clean()` records it),
    not from the uploaded name.
    """
    return stored_name("council", instance.content_type)
