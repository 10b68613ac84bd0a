"""Turn a plan into the PDF of one report kind in one language."""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ogp_portal.pdf import render_pdf_with_pages
from reports.models import ReportKind
from reports.selectors import report_data, status_glossary
from ui.charts import commitment_progress_svg, status_distribution_svg

TEMPLATES = {
    ReportKind.MIDTERM: "reports/pdf/progress_report.html",
    ReportKind.FINAL: "reports/pdf/progress_report.html",
    ReportKind.REFRESH: "reports/pdf/refresh_report.html",
}


@dataclass
class RenderedReport:
    pdf: bytes
    pages: int
    title: str


def report_html(*, plan, kind: str, language: str, as_of: datetime.date, version: int | None = None) -> str:
    with translation.override(language):
        data = report_data(plan=plan, kind=kind, as_of=as_of)
        kind_label = str(ReportKind(kind).label)
        title = f"{plan.title}: {kind_label}"
        context = {
            "data": data,
            "plan": plan,
            "kind": kind,
            "kind_label": kind_label,
            "doc_title": title,
            "language": language,
            "author": data.coordinator or _("Open government portal"),
            "version": version,
            "built_at": timezone.now(),
            "glossary": status_glossary(),
            "status_chart": status_distribution_svg(
                data.summary, title=_("Measures by status"), chart_id="report-status-chart"
            ),
            "commitment_chart": commitment_progress_svg(
                data.summary, title=_("Progress per commitment"), chart_id="report-commitment-chart"
            ),
        }
        return render_to_string(TEMPLATES[ReportKind(kind)], context)


def render_report(
    *, plan, kind: str, language: str, as_of: datetime.date, version: int | None = None
) -> RenderedReport:
    html = report_html(plan=plan, kind=kind, language=language, as_of=as_of, version=version)
    pdf, pages = render_pdf_with_pages(html)
    with translation.override(language):
        title = f"{plan.title}: {ReportKind(kind).label}"
    return RenderedReport(pdf=pdf, pages=pages, title=title)
