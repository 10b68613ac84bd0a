from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from accounts import policy
from ui.canonical import understands
from ui.parts import render_page, render_part

from .models import BuildState, Report


def _get_report_for_user(request, pk: int) -> Report:
    """A published report for anyone; an unpublished finished build for those who build reports (policy)."""
    report = Report.objects.select_related("plan").filter(pk=pk).first()
    if report is None or not report.file:
        raise Http404
    if report.is_public:
        return report
    if report.state == BuildState.DONE and policy.can_build_reports(request.user):
        return report
    raise Http404


def _report_list_context() -> dict:
    reports = list(Report.objects.published().select_related("plan").listed())
    groups: dict = {}
    for report in reports:
        groups.setdefault(report.plan, []).append(report)
    return {"groups": groups, "count": len(reports)}


@understands()
def report_list(request):
    part = render_part(
        "reports",
        template="reports/parts/report_list.html",
        context=_report_list_context,
        title=lambda context: _("Reports"),
        description=lambda context: _(
            "The mid-term, end-of-term and refresh reports on Latvia's open government action plans, as PDF."
        ),
        head="reports/parts/feed_links.html",
    )
    return render_page(request, part)


def report_download(request, pk: int):
    report = _get_report_for_user(request, pk)
    response = FileResponse(
        report.file.open("rb"), as_attachment=True, filename=report.download_filename(), content_type="application/pdf"
    )
    response["ETag"] = f'"{report.sha256}"'
    if not report.is_published:
        response["Cache-Control"] = "private, no-store"
    return response
