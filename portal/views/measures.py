"""Commitment and measure pages, and the searchable list of measures."""

import hashlib
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments import figures
from commitments.filters import PLAN_ORDER, MeasureFilter
from commitments.selectors import HIGH_COMPLETION_METHOD, ROLL_UP_METHOD
from portal import descriptions, measure_selectors, selectors
from portal.changelog import measure_change_log
from ui.canonical import understands, understood_query
from ui.charts import measure_timeline_svg
from ui.paging import page_of
from ui.parts import home_crumbs, render_page, render_part
from ui.templatetags.ui_tags import tr

PAGE_SIZE = 25


def _plan_crumbs(plan):
    return home_crumbs((_("Action plans"), "portal:plans")) + [(tr(plan, "short_name"), plan.get_absolute_url())]


def _commitment_context(commitment) -> dict:
    plan = commitment.plan
    measures = selectors.commitment_measures(commitment)
    progress = selectors.commitment_progress(measures)
    today = timezone.localdate()
    dated = [m for m in measures if m.start_date or m.due_date]
    timeline = timeline_title = None
    if dated:
        late = sum(1 for m in dated if m.is_overdue(today))
        if late:
            timeline_title = ngettext(
                "%(late)s of %(n)s measures is past its due date and not complete",
                "%(late)s of %(n)s measures are past their due date and not complete",
                late,
            ) % {"late": late, "n": len(dated)}
        else:
            timeline_title = _("No measure is past its due date unfinished")
        timeline = measure_timeline_svg(
            dated, start=plan.period_start, end=plan.period_end, today=today, title=timeline_title
        )
    return {
        "commitment": commitment,
        "plan": plan,
        "measures": measures,
        "progress": progress,
        "progress_title": figures.status_sentence(progress),
        "high_completion": figures.high_completion_sentence(progress),
        "roll_up_method": ROLL_UP_METHOD,
        "high_completion_method": HIGH_COMPLETION_METHOD,
        "timeline_chart": timeline,
        "timeline_title": timeline_title,
        "dated_measures": dated,
    }


def _commitment_title(context: dict) -> str:
    number = _("Commitment %(number)s") % {"number": context["commitment"].number}
    return f"{number} · {context['plan'].short_name}"


@understands()
def commitment_detail(request, slug, number):
    part = render_part(
        "commitment",
        slug,
        number,
        template="portal/parts/commitment_detail.html",
        context=lambda: _commitment_context(selectors.get_public_commitment(slug, number)),
        title=_commitment_title,
        breadcrumbs=lambda context: _plan_crumbs(context["plan"]),
        description=descriptions.commitment,
        head="portal/parts/feed_links.html",
    )
    return render_page(request, part)


def _measure_context(slug: str, pk: int) -> dict:
    measure = measure_selectors.get_public_measure(slug, pk)
    plan = measure.plan
    return {
        "measure": measure,
        "plan": plan,
        "overdue": measure.is_overdue(timezone.localdate()),
        "entries": measure_selectors.measure_entries(measure),
        "proposals": measure_selectors.measure_proposals(measure),
        "agenda_items": measure_selectors.measure_agenda_items(measure),
        "change_log": measure_change_log(measure),
        # Institutions' names as they were when the measure entered the plan (a ministry may have been
        # renamed since): the plan's approval, or the refresh that added it.
        "names_date": measure.entered_plan_on,
    }


def _measure_title(context: dict) -> str:
    measure = context["measure"]
    return f"{measure.number} {measure.title}" if measure.number else measure.title


def _measure_crumbs(context: dict) -> list:
    commitment = context["measure"].commitment
    return _plan_crumbs(context["plan"]) + [
        (format_html("{}. {}", commitment.number, tr(commitment, "title")), commitment.get_absolute_url())
    ]


@understands()
def measure_detail(request, slug, pk):
    part = render_part(
        "measure",
        slug,
        pk,
        template="portal/parts/measure_detail.html",
        context=lambda: _measure_context(slug, pk),
        title=_measure_title,
        breadcrumbs=_measure_crumbs,
        description=descriptions.measure,
        head="portal/parts/feed_links.html",
    )
    return render_page(request, part)


def _measure_list_context(data, download_query: str = "") -> dict:
    measure_filter = MeasureFilter(
        data or None,
        queryset=selectors.measure_list_qs().order_by(*PLAN_ORDER),
    )
    page, page_range = page_of(measure_filter.qs, data.get("page"), per_page=PAGE_SIZE)
    query = data.copy()
    query.pop("page", None)
    return {
        "filter": measure_filter,
        "form": measure_filter.form,
        "page": page,
        "page_range": page_range,
        "query": query.urlencode(),
        "is_filtered": bool(query),
        "download_query": download_query,
    }


def _measure_list_title(context: dict) -> str:
    title = _("Search measures")
    if context["page"].number > 1:
        title += " – " + _("page %(number)s") % {"number": context["page"].number}
    return title


@understands(*MeasureFilter.base_filters, "page", multiple=("status",))
def measure_list(request):
    # Sorted, so that the same filters in another order share one part; hashed, because the query
    # string is the visitor's, of any length.
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    part = render_part(
        "measures",
        hashlib.sha256(query.encode()).hexdigest(),
        template="portal/parts/measure_list.html",
        context=lambda: _measure_list_context(request.GET, understood_query(request)),
        title=_measure_list_title,
        breadcrumbs=lambda context: home_crumbs(),
        description=descriptions.measure_list,
        head="portal/parts/feed_links.html",
    )
    return render_page(request, part)
