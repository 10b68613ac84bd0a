"""Admin actions for meetings: download the meeting pack or the minutes as PDF; approve; publish.

Kept out of admin.py (which the admin app styles) so the actions are plain functions that
the admin lists and the tests call.
"""

import io
import zipfile

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import services
from .minutes import minutes_filename, render_minutes_pdf
from .pack import build_meeting_pack, pack_filename
from .selectors import meeting_with_details, minutes_recorded


def _download(queryset, build, filename, *, request=None, keep=None) -> HttpResponse | None:
    """One PDF for one selected meeting; a ZIP of PDFs for several. `keep` leaves out (and names) the
    meetings there is nothing to build for."""
    language = translation.get_language() if translation.get_language() in ("lv", "en") else "lv"
    meetings = list(meeting_with_details(queryset.order_by("date", "pk")))
    if keep is not None:
        for meeting in [m for m in meetings if not keep(m)]:
            messages.error(
                request,
                _("%(meeting)s: no minutes are recorded (no agenda), so none are generated.") % {"meeting": meeting},
            )
        meetings = [m for m in meetings if keep(m)]
        if not meetings:
            return None
    if len(meetings) == 1:
        meeting = meetings[0]
        response = HttpResponse(build(meeting, language), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename(meeting, language)}"'
        return response
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for meeting in meetings:
            archive.writestr(filename(meeting, language), build(meeting, language))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="council-pdfs.zip"'
    return response


@admin.action(description=_("Build meeting pack (PDF)"), permissions=["view"])
def build_meeting_pack_action(modeladmin, request, queryset):
    return _download(queryset, lambda m, lang: build_meeting_pack(m, language=lang), pack_filename)


@admin.action(description=_("Build minutes PDF"), permissions=["view"])
def build_minutes_action(modeladmin, request, queryset):
    return _download(queryset, render_minutes_pdf, minutes_filename, request=request, keep=minutes_recorded)


def _each(request, queryset, service, done_message) -> None:
    for meeting in queryset:
        try:
            service(meeting=meeting, user=request.user)
        except ValidationError as error:
            messages.error(request, f"{meeting}: {' '.join(error.messages)}")
        except PermissionDenied:
            messages.error(request, _("Only coordinators publish meetings."))
            return
        else:
            messages.success(request, done_message % {"meeting": meeting})


@admin.action(description=_("Approve the minutes (stores the generated minutes)"), permissions=["publish"])
def approve_minutes_action(modeladmin, request, queryset):
    _each(request, queryset, services.meeting_approve_minutes, _("%(meeting)s: minutes approved."))


@admin.action(description=_("Publish the meeting and its minutes"), permissions=["publish"])
def publish_meeting_action(modeladmin, request, queryset):
    _each(request, queryset, services.meeting_publish, _("%(meeting)s: published."))
