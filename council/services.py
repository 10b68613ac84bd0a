"""The minutes lifecycle and document uploads (HackSoft style: keyword-only, atomic, validated).

draft ──meeting_approve_minutes──▶ approved ──meeting_publish──▶ published

Approving stores the minutes generated from the structured meeting (Latvian and English) as
documents of kind "minutes_generated": the approved text, kept even if the meeting is edited
later. The signed PDF (kind "minutes_signed", uploaded with `document_upload`) then replaces
the generated copy on the public page; both are kept.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import policy
from ogp_portal.history.writes import AS_READ, save_versioned

from .minutes import LANGUAGES, minutes_filename, render_minutes_pdf
from .models import DocumentKind, Meeting, MeetingDocument, MeetingStatus
from .uploads import PDF


def _save(obj, *, user, reason: str) -> None:
    save_versioned(obj, user=user, reason=reason)


@transaction.atomic
def council_content_save(
    *, instance: models.Model, user, reason: str = "", expected_version: int | None = AS_READ, m2m: dict | None = None
) -> models.Model:
    """A council, member, meeting, agenda item, attendance or document, edited in the admin.

    A meeting's status moves only through meeting_approve_minutes and meeting_publish.
    """
    if not policy.is_coordinator(user):
        raise PermissionDenied(_("Only the coordinator changes the council's records."))
    if isinstance(instance, Meeting) and instance.pk is not None:
        stored = Meeting.objects.values_list("status", flat=True).get(pk=instance.pk)
        if stored != instance.status:
            raise ValidationError(
                {"status": _("The status changes by approving and publishing the minutes.")}, code="status_by_action"
            )
    return save_versioned(instance, user=user, reason=reason, expected_version=expected_version, m2m=m2m)


def _locked(meeting: Meeting) -> Meeting:
    # Two staff approving at once must not store the generated minutes twice.
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


@transaction.atomic
def meeting_approve_minutes(*, meeting: Meeting, user, reason: str = "") -> Meeting:
    if not policy.can_publish(user):
        raise PermissionDenied
    meeting = _locked(meeting)
    if meeting.status != MeetingStatus.DRAFT:
        raise ValidationError(_("The minutes of this meeting have already been approved."), code="not_draft")
    if not meeting.agenda_items.exists():
        raise ValidationError(_("Minutes without an agenda cannot be approved."), code="no_agenda")
    meeting.status = MeetingStatus.APPROVED
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_by = user
    _save(meeting, user=user, reason=reason or _("Minutes approved"))

    # Replacing earlier generated copies keeps one per language (a meeting sent back to draft and re-approved).
    for old in meeting.documents.filter(kind=DocumentKind.MINUTES_GENERATED):
        old.file.delete(save=False)
        old._change_reason = _("Replaced by the minutes approved again")
        old.delete()
    for language in LANGUAGES:
        content = render_minutes_pdf(meeting, language)
        with translation.override(language):
            title = _("Minutes No. %(number)s") % {"number": meeting.number} if meeting.number else _("Minutes")
        document = MeetingDocument(
            meeting=meeting,
            kind=DocumentKind.MINUTES_GENERATED,
            title=title,
            language=language,
            is_public=False,
            uploaded_by=user,
            content_type=PDF.mimetype,
            size=len(content),
            original_name=minutes_filename(meeting, language),
        )
        document.file.save(document.original_name, ContentFile(content), save=False)
        _save(document, user=user, reason=_("Minutes generated when approved"))
    return meeting


@transaction.atomic
def meeting_publish(*, meeting: Meeting, user, reason: str = "") -> Meeting:
    """Make the meeting and its minutes public: the signed PDF when uploaded, else the generated copy."""
    if not policy.can_publish(user):
        raise PermissionDenied
    meeting = _locked(meeting)
    if meeting.status == MeetingStatus.PUBLISHED:
        raise ValidationError(_("The meeting is already published."), code="published")
    if meeting.status != MeetingStatus.APPROVED:
        raise ValidationError(_("Approve the minutes before publishing the meeting."), code="not_approved")
    meeting.status = MeetingStatus.PUBLISHED
    meeting.published_at = timezone.now()
    _save(meeting, user=user, reason=reason or _("Meeting published"))
    for document in meeting.documents.filter(kind__in=[DocumentKind.MINUTES_SIGNED, DocumentKind.MINUTES_GENERATED]):
        if not document.is_public:
            document.is_public = True
            _save(document, user=user, reason=_("Published with the meeting"))
    return meeting


@transaction.atomic
def document_upload(
    *,
    meeting: Meeting,
    kind: str,
    title: str,
    file: UploadedFile,
    user,
    is_public: bool = False,
    language: str = "",
    reason: str = "",
) -> MeetingDocument:
    """Store an uploaded document after checking its size and its type by content.

    Signed minutes need approved minutes, must be a PDF, and are public at once when the
    meeting already is (they then replace the generated minutes on the public page).
    """
    meeting = _locked(meeting)
    if kind == DocumentKind.MINUTES_GENERATED:
        raise ValidationError(_("Generated minutes are created by approving the minutes."), code="generated")
    if kind == DocumentKind.MINUTES_SIGNED:
        if not meeting.minutes_are_approved:
            raise ValidationError(_("Approve the minutes before uploading the signed copy."), code="not_approved")
        if meeting.documents.filter(kind=DocumentKind.MINUTES_SIGNED).exists():
            raise ValidationError(
                _("Signed minutes have already been uploaded for this meeting."), code="signed_exists"
            )
        is_public = is_public or meeting.is_published
    document = MeetingDocument(
        meeting=meeting,
        kind=kind,
        title=title,
        file=file,
        is_public=is_public,
        language=language,
        uploaded_by=user,
    )
    # full_clean runs the size and content checks and records type, size and the original name.
    try:
        _save(document, user=user, reason=reason or _("Document uploaded"))
    except Exception:
        # The file is written before the row; a failed insert must not leave an orphan on disk.
        if document.file and getattr(document.file, "_committed", False):
            document.file.delete(save=False)
        raise
    return document
