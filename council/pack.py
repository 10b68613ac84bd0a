"""The meeting pack: one PDF for a council meeting, with a cover and bookmarks.

Order: cover, contents, agenda, attendance list, minutes (draft or approved), the plan's
progress, the measures on the agenda with their status on the meeting day, the list of
the meeting's documents, then every document that is a readable PDF appended as is
(`pack_pdf.bind_pack`: the generated part stays tagged PDF 1.7; the appended pages are not
tagged, and the pack then says so on its contents page and in its metadata and does not claim
PDF/UA). A document that cannot be appended (an office file, a damaged or password-protected
PDF, a file missing from storage) is listed with the reason instead; the pack still builds.
A meeting whose minutes are not recorded (no agenda) gets no generated minutes: the pack says
so and gives what is known (summary, plan changes decided there).

"As of" (also printed in the pack): the measures on the agenda show the status recorded in
their history at the end of the meeting (`Measure.history.as_of`), beside today's status.
The plan summary counts today's statuses (`plan_summary`) on the day the pack is built; a
whole-plan summary for a past day would need every measure's history to reach back that far,
which data loaded after the fact does not. It says what is known: how many measures have a
reported status (and plainly when none has), completion over those, overdue only over the
measures with a due date, with the number whose due date is unknown beside it.
"""

import datetime
import io
import logging
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from commitments.models import Measure, MeasureStatus
from commitments.selectors import HIGH_COMPLETION_METHOD, plan_summary
from ogp_portal.pdf import render_pdf
from ui.charts import status_distribution_svg

from . import formatting
from .minutes import _load, minutes_context, person_line
from .models import DocumentKind, Meeting, MeetingDocument
from .pack_pdf import AppendedRange, Appendix, bind_pack
from .selectors import attendance_lists, minutes_recorded, plan_changes_decided

LANGUAGES = ("lv", "en")
logger = logging.getLogger(__name__)


@dataclass
class MeasureSnapshot:
    measure: Measure
    agenda_orders: list[int]
    responsible: str
    status_then: str  # label, or "" when the history does not reach back to the meeting
    status_now: str


@dataclass
class AttachmentEntry:
    document: MeetingDocument
    included: bool
    reason: str = ""
    pages: int = 0
    reader: PdfReader | None = field(default=None, repr=False)


def meeting_moment(meeting: Meeting) -> datetime.datetime:
    """The end of the meeting (its end time, else its start, else the end of the day) in the portal's time zone."""
    at = meeting.end_time or meeting.start_time or datetime.time(23, 59, 59)
    return timezone.make_aware(datetime.datetime.combine(meeting.date, at))


def agenda_measure_snapshots(meeting: Meeting) -> list[MeasureSnapshot]:
    orders: dict[int, list[int]] = {}
    for item in meeting.agenda_items.all():
        for measure in item.measures.all():
            orders.setdefault(measure.pk, []).append(item.order)
    if not orders:
        return []
    measures = (
        Measure.objects.filter(pk__in=orders)
        .select_related("commitment", "responsible_institution")
        .prefetch_related("responsible_institution__former_names")
        .order_by("commitment__number", "order", "number")
    )
    then = {m.pk: m.status for m in Measure.history.as_of(meeting_moment(meeting)).filter(id__in=list(orders))}
    return [
        MeasureSnapshot(
            measure=m,
            agenda_orders=orders[m.pk],
            responsible=m.responsible_institution.name_on(meeting.date) if m.responsible_institution_id else "",
            status_then=str(MeasureStatus(then[m.pk]).label) if m.pk in then else "",
            status_now=m.get_status_display(),
        )
        for m in measures
    ]


def inspect_attachment(document: MeetingDocument) -> AttachmentEntry:
    """Can this document be appended to the pack? Reads the file, never trusts the name or the stored type."""
    if not document.file:
        return AttachmentEntry(document, False, _("No file has been uploaded."))
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError):
        return AttachmentEntry(document, False, _("The file is missing from the document storage."))
    if not data.startswith(b"%PDF-"):
        label = document.format_label or _("not a PDF")
        return AttachmentEntry(
            document,
            False,
            _("%(format)s file: only PDF files can be bound into the pack; download it from the meeting page.")
            % {"format": label},
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return AttachmentEntry(document, False, _("The PDF is password-protected."))
        pages = len(reader.pages)
        if not pages:
            return AttachmentEntry(document, False, _("The PDF has no pages."))
        for page in reader.pages:
            # Touch every page's content so a damaged stream fails here, not half-way through appending.
            page.mediabox  # noqa: B018
            page.get_contents()
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        return AttachmentEntry(
            document, False, _("The PDF is damaged and cannot be read (%(error)s).") % {"error": type(error).__name__}
        )
    return AttachmentEntry(document, True, pages=pages, reader=reader)


def pack_context(meeting: Meeting, language: str, entries: list[AttachmentEntry]) -> dict:
    plan = meeting.council.plan
    generated_at = timezone.localtime()
    summary = plan_summary(plan=plan, today=generated_at.date()) if plan else None
    context = minutes_context(meeting, language)
    attendance = attendance_lists(meeting)
    context.update(
        {
            "generated_at": generated_at,
            # "Sagatavots 2026. gada 22. novembrī plkst. 10.44" (locative, as in the minutes).
            "generated_on": formatting.minutes_date(generated_at.date(), language),
            "generated_time": formatting.time_range(generated_at.time(), None, language).removeprefix("plkst. "),
            "meeting_date": formatting.long_date(meeting.date, language),
            "meeting_moment": meeting_moment(meeting),
            "plan": plan,
            "summary": summary,
            "summary_chart": status_distribution_svg(summary, title=_("Measures by status"), chart_id="pack-status")
            if summary and summary.total
            else "",
            "member_rows": [(a, person_line(a, meeting.date)) for a in attendance.members],
            "other_rows": [(a, person_line(a, meeting.date)) for a in attendance.others],
            "chair_member": meeting.chair,
            "snapshots": agenda_measure_snapshots(meeting),
            "entries": entries,
            "included_entries": [e for e in entries if e.included],
            "high_completion_method": HIGH_COMPLETION_METHOD,
            "minutes_recorded": minutes_recorded(meeting),
            "plan_changes": plan_changes_decided(meeting, council_only=True),
        }
    )
    return context


def pack_documents(meeting: Meeting) -> list[MeetingDocument]:
    """Every document of the meeting except the generated minutes (the pack renders the minutes itself)."""
    return [d for d in meeting.documents.all() if d.kind != DocumentKind.MINUTES_GENERATED]


def render_pack_html(meeting: Meeting, language: str, entries: list[AttachmentEntry] | None = None) -> str:
    """The generated part of the pack as HTML (the PDF is rendered from it)."""
    meeting = _load(meeting)
    with translation.override(language):
        if entries is None:
            entries = [inspect_attachment(d) for d in pack_documents(meeting)]
        return render_to_string("council/pdf/pack.html", pack_context(meeting, language, entries))


def build_meeting_pack(meeting: Meeting, *, language: str = "lv") -> bytes:
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}; use one of {', '.join(LANGUAGES)}.")
    meeting = _load(meeting)
    with translation.override(language):
        entries = [inspect_attachment(d) for d in pack_documents(meeting)]
        html = render_pack_html(meeting, language, entries)
        included = [e for e in entries if e.included]
        appendices = [Appendix(e.document.title, e.reader) for e in included]
        content, _ranges, failed = bind_pack(
            render_pdf(html),
            appendices,
            parent_title=_("Appended documents (not tagged)"),
            describe_untagged=_untagged_description,
        )
        for appendix, error in failed:
            # Inspection read every page, so this is not expected; the pack is still delivered.
            logger.warning("Meeting %s: %r could not be appended to the pack: %s", meeting.pk, appendix.title, error)
        return content


def _untagged_description(ranges: list[AppendedRange]) -> str:
    parts = "; ".join(
        _("pages %(first)s–%(last)s: %(title)s") % {"first": r.first_page, "last": r.last_page, "title": r.title}
        if r.last_page > r.first_page
        else _("page %(first)s: %(title)s") % {"first": r.first_page, "title": r.title}
        for r in ranges
    )
    return _(
        "Not PDF/UA: the pages generated by the portal are tagged; the appended documents are copies of the "
        "uploaded files without tags (%(parts)s)."
    ) % {"parts": parts}


def pack_filename(meeting: Meeting, language: str) -> str:
    number = meeting.number or meeting.date.isoformat()
    return f"{'sedes-materiali' if language == 'lv' else 'meeting-pack'}-{number}.pdf"
