"""Turn a plan into the PDF of one report kind in one language."""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ogp_portal.pdf import render_pdf_with_pages
from reports.models import ReportKind
from reports.selectors import report_data, status_glossary
from ui.charts import status_distribution_svg

# The mid-term and end-of-term reports have their own structure (OGP's self-assessment templates).
TEMPLATES = {
    ReportKind.MIDTERM: "reports/pdf/midterm_report.html",
    ReportKind.FINAL: "reports/pdf/final_report.html",
    ReportKind.REFRESH: "reports/pdf/refresh_report.html",
}


@dataclass
class RenderedReport:
    pdf: bytes
    pages: int
    title: str


@dataclass
class PlanTitles:
    title: str
    running: str
    # The Latvian title, when the language asked for has no title of its own and a stand-in is shown.
    in_latvian: str = ""


def plan_titles(plan, language: str) -> PlanTitles:
    """The plan's title in `language`, never the Latvian one passed off as another language's.

    Without a title of its own the report names the plan by its period and prints the Latvian
    title on the cover, marked as such.
    """
    title = getattr(plan, f"title_{language}", "") or ""
    if language == "lv":
        title = title or plan.title
    if title:
        return PlanTitles(title=title, running=getattr(plan, f"short_name_{language}", "") or title)
    with translation.override(language):
        stand_in = _("Open government action plan %(start)s–%(end)s") % {
            "start": plan.period_start.year,
            "end": plan.period_end.year,
        }
    return PlanTitles(title=stand_in, running=stand_in, in_latvian=plan.title_lv or plan.title)


def report_title(plan, kind: str, language: str) -> str:
    with translation.override(language):
        return f"{plan_titles(plan, language).title}: {ReportKind(kind).label}"


def report_html(*, plan, kind: str, language: str, as_of: datetime.date, version: int | None = None) -> str:
    titles = plan_titles(plan, language)
    with translation.override(language):
        data = report_data(plan=plan, kind=kind, as_of=as_of)
        kind_label = str(ReportKind(kind).label)
        context = {
            "data": data,
            "plan": plan,
            "kind": kind,
            "kind_label": kind_label,
            "doc_title": report_title(plan, kind, language),
            "cover_plan": titles.title,
            "running_title": titles.running,
            "title_in_latvian": titles.in_latvian,
            "language": language,
            "author": data.coordinator or _("Open government portal"),
            "version": version,
            "built_at": timezone.now(),
            "glossary": status_glossary(),
            "status_chart": status_distribution_svg(
                data.summary, title=_("Measures by status"), chart_id="report-status-chart"
            ),
        }
        return render_to_string(TEMPLATES[ReportKind(kind)], context)


def render_report(
    *, plan, kind: str, language: str, as_of: datetime.date, version: int | None = None
) -> RenderedReport:
    html = report_html(plan=plan, kind=kind, language=language, as_of=as_of, version=version)
    pdf, pages = render_pdf_with_pages(html)
    return RenderedReport(pdf=pdf, pages=pages, title=report_title(plan, kind, language))
