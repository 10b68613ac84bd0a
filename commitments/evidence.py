"""Evidence files of a progress entry: attach and remove (the writes), and who may read them.

An editor attaches files while the entry is editable, under the same policy as editing its text
(`accounts.policy.can_edit_entry`); once submitted the files are read-only with the rest of the entry.
The content is checked by the foundation's upload checks (type by content, size, macros, web pages
dressed as PDFs); the file is stored under a random name with its real type's extension. Each attach and
removal is one history row of the file (who, when, why), listed with every other change.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import policy
from ogp_portal.history.writes import delete_recorded, save_versioned
from ogp_portal.uploads import ALL_TYPES, DEFAULT_MAX_BYTES, check_upload, display_name

from .models import EvidenceFile, ProgressEntry


def max_upload_bytes() -> int:
    return int(getattr(settings, "EVIDENCE_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _require_editable(entry: ProgressEntry, user) -> ProgressEntry:
    current = ProgressEntry.objects.select_for_update().select_related("reporting_round", "measure").get(pk=entry.pk)
    if not policy.can_edit_entry(user, current):
        raise PermissionDenied(_("You cannot change the evidence files of this progress entry."))
    return current


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def evidence_attach(*, entry: ProgressEntry, file, user, reason: str = "") -> EvidenceFile:
    """Check `file` (an UploadedFile) and store it as evidence of `entry`; refused when the entry is not
    the user's to edit (PermissionDenied) or the file is not accepted (ValidationError on "file")."""
    current = _require_editable(entry, user)
    try:
        found = check_upload(file, name=file.name, size=file.size, max_bytes=max_upload_bytes(), allowed=ALL_TYPES)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from error
    evidence = EvidenceFile(
        entry=current,
        content_type=found.mimetype,
        original_name=display_name(file.name, found.mimetype),
        size=file.size,
        sha256=_sha256(file),
        uploaded_by=user,
    )
    evidence.file.save("upload", file, save=False)
    try:
        save_versioned(evidence, user=user, reason=reason or _("Evidence file attached"))
    except Exception:
        # The file is written before the row; a failed insert must not leave an orphan on disk.
        evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: EvidenceFile, user, reason: str = "") -> None:
    """Remove an evidence file of an editable entry; its history keeps who removed it and why."""
    _require_editable(evidence.entry, user)
    stored = evidence.file.name
    delete_recorded(evidence, user=user, reason=reason or _("Evidence file removed"))
    # Delete from disk only when the row is really gone (the transaction commits).
    transaction.on_commit(lambda: evidence.file.storage.delete(stored))


def can_download(user, evidence: EvidenceFile) -> bool:
    """Staff: anyone who may see the entry in the admin (its institution's editors, coordinators)."""
    return policy.can_see_in_admin(user, evidence.entry, rows=lambda entries: policy.entries_managed_by(user, entries))
