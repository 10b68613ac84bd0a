"""Commitment and measure pages, and the searchable list of measures."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments.filters import MeasureFilter
from portal import formatting, selectors
from portal.changelog import measure_change_log
from portal.charts import measure_timeline_svg
from portal.templatetags.portal_tags import tr

PAGE_SIZE = 25


def _plan_crumbs(plan):
    return [
        (_("Home"), reverse("portal:home")),
        (_("Action plans"), reverse("portal:plans")),
        (tr(plan, "short_name"), plan.get_absolute_url()),
    ]


def commitment_detail(request, slug, number):
    commitment = selectors.get_public_commitment(slug, number)
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
    return render(
        request,
        "portal/commitment_detail.html",
        {
            "commitment": commitment,
            "plan": plan,
            "measures": measures,
            "progress": progress,
            "progress_title": _("%(complete)s of %(total)s measures complete (%(percent)s)")
            % {
                "complete": progress.complete,
                "total": progress.counted,
                "percent": formatting.percent(progress.percent_complete),
            },
            "timeline_chart": timeline,
            "timeline_title": timeline_title,
            "dated_measures": dated,
            "breadcrumbs": _plan_crumbs(plan),
        },
    )


def measure_detail(request, slug, pk):
    measure = selectors.get_public_measure(slug, pk)
    plan = measure.plan
    commitment = measure.commitment
    crumbs = _plan_crumbs(plan) + [
        (format_html("{}. {}", commitment.number, tr(commitment, "title")), commitment.get_absolute_url())
    ]
    return render(
        request,
        "portal/measure_detail.html",
        {
            "measure": measure,
            "plan": plan,
            "overdue": measure.is_overdue(timezone.localdate()),
            "entries": selectors.measure_entries(measure),
            "proposals": selectors.measure_proposals(measure),
            "agenda_items": selectors.measure_agenda_items(measure),
            "change_log": measure_change_log(measure),
            # Names as they were when the plan was approved (a ministry may have been renamed since).
            "approval_date": plan.approved_on or plan.period_start,
            "breadcrumbs": crumbs,
        },
    )


def measure_list(request):
    measure_filter = MeasureFilter(
        request.GET or None,
        queryset=selectors.measure_list_qs().order_by("-plan__period_start", "commitment__number", "order", "number"),
    )
    paginator = Paginator(measure_filter.qs, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/measure_list.html",
        {
            "filter": measure_filter,
            "form": measure_filter.form,
            "page": page,
            "page_range": list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
            "query": query.urlencode(),
            "is_filtered": bool(query),
            "breadcrumbs": [(_("Home"), reverse("portal:home"))],
        },
    )
