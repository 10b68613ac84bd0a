"""Council pages: the public meeting list and pages, and the council-only downloads.

Thin views (healthchecks style): `_get_meeting_for_user` answers 404 for a meeting the
user may not see, so a draft's existence is not revealed; the council-only downloads of a
meeting the user does see answer 403. A signed-out visitor asking for what only members have gets
neither: `_members_sign_in` sends them to the council's sign-in page, coming back to the same address.
"""

import mimetypes
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from ogp_portal.uploads import display_name, download_response

from .minutes import minutes_filename, render_minutes_pdf
from .models import Meeting, MeetingDocument
from .pack import build_meeting_pack, pack_filename
from .selectors import (
    attendance_lists,
    can_see_council_only,
    documents_for,
    meeting_list,
    meeting_with_details,
    meetings_visible_to,
    minutes_recorded,
    plan_changes_decided,
    public_minutes,
    signed_minutes,
)


class MembersOnly(PermissionDenied):
    """Something only council members may have: a signed-out visitor is asked to sign in for it."""


def _refusal(request, signed_in: Exception) -> Exception:
    # Signed out: one answer for a draft, a council-only file and a missing one alike (the redirect tells no
    # more than the 404 did). Signed in: `signed_in` (404 hides a draft, 403 refuses a pack).
    return signed_in if request.user.is_authenticated else MembersOnly()


def _members_sign_in(view):
    """A page or file only council members may have leads a signed-out visitor to the council's sign-in,
    coming back to the same address; what exists for no one stays a 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except MembersOnly:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path(), reverse("council:login"))

    return wrapper


def _get_meeting_for_user(request, pk: int) -> Meeting:
    meeting = meeting_with_details(meetings_visible_to(request.user)).filter(pk=pk).first()
    if meeting is None:
        raise _refusal(request, Http404())
    return meeting


def _pdf_response(content: bytes, filename: str, *, private: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def meetings(request):
    upcoming, past = meeting_list(user=request.user)
    return render(
        request,
        "council/meeting_list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "listed": len(upcoming) + len(past),
            "council_only": can_see_council_only(request.user),
        },
    )


@require_safe
@_members_sign_in
def meeting(request, pk: int):
    meeting = _get_meeting_for_user(request, pk)
    council_only = can_see_council_only(request.user)
    language = translation.get_language()
    attendance = attendance_lists(meeting)
    context = {
        "meeting": meeting,
        "council_only": council_only,
        "agenda_items": list(meeting.agenda_items.all()),
        "members": attendance.members,
        "others": attendance.others,
        "documents": [d for d in documents_for(meeting, council_only=council_only) if not d.is_minutes],
        "minutes_document": public_minutes(meeting, language),
        "minutes_documents": [d for d in documents_for(meeting, council_only=council_only) if d.is_minutes],
        "minutes_recorded": minutes_recorded(meeting),
        "plan_changes": plan_changes_decided(meeting, council_only=council_only),
        "is_past": meeting.date < timezone.localdate(),
    }
    response = render(request, "council/meeting_detail.html", context)
    if not meeting.is_published:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@_members_sign_in
def meeting_pack(request, pk: int):
    meeting = _get_meeting_for_user(request, pk)
    if not can_see_council_only(request.user):
        raise _refusal(request, PermissionDenied())
    language = translation.get_language()
    return _pdf_response(build_meeting_pack(meeting, language=language), pack_filename(meeting, language), private=True)


@require_safe
@_members_sign_in
def minutes_pdf(request, pk: int):
    """Council members and coordinators get the minutes generated now (drafts too). The public gets the
    published minutes: the signed PDF once uploaded, else the copy stored when they were approved.
    A meeting whose minutes are not recorded has no generated minutes: only a signed upload, if any."""
    meeting = _get_meeting_for_user(request, pk)
    language = translation.get_language()
    council_only = can_see_council_only(request.user)
    if not (council_only or meeting.is_published):
        raise Http404
    if not minutes_recorded(meeting):
        signed = signed_minutes(meeting)
        if signed is not None and (council_only or signed.is_published):
            return HttpResponseRedirect(signed.get_absolute_url())
        raise Http404 if signed is None else _refusal(request, Http404())
    if council_only:
        return _pdf_response(render_minutes_pdf(meeting, language), minutes_filename(meeting, language), private=True)
    document = public_minutes(meeting, language)
    if document is not None:
        return HttpResponseRedirect(document.get_absolute_url())
    # A meeting published without stored minutes (e.g. loaded from the sources): its record is public,
    # so are the minutes generated from it.
    return _pdf_response(render_minutes_pdf(meeting, language), minutes_filename(meeting, language), private=False)


@require_safe
@_members_sign_in
def document(request, pk: int, doc_pk: int):
    meeting = _get_meeting_for_user(request, pk)
    council_only = can_see_council_only(request.user)
    document = MeetingDocument.objects.filter(meeting=meeting, pk=doc_pk).first()
    if document is None or not (document.is_public or council_only):
        raise _refusal(request, Http404())
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    content_type = document.content_type or mimetypes.guess_type(document.file.name)[0] or "application/octet-stream"
    # The name shown follows the real type: `page.html` holding a PDF is offered as `page.pdf`.
    filename = display_name(document.original_name or document.file.name, content_type, default="dokuments")
    response = download_response(handle, content_type=content_type, filename=filename, inline=document.is_pdf)
    if not document.is_published:
        response["Cache-Control"] = "private, no-store"
    return response
