"""Home (the current plan's dashboard), the list of plans and each plan's dashboard."""

from django.utils import timezone
from django.utils.translation import gettext as _

from commitments import figures
from commitments.selectors import HIGH_COMPLETION_METHOD, ROLL_UP_METHOD, PlanSummary
from plans.selectors import public_plans_newest_first
from portal import descriptions, selectors
from ui import formatting
from ui.canonical import understands
from ui.charts import commitment_progress_svg, status_distribution_svg
from ui.paging import page_of, requested_page
from ui.parts import home_crumbs, render_page, render_part


def status_chart_title(summary: PlanSummary) -> str:
    # The sentences are commitments.figures': the staff dashboard and the commitment page say the same.
    return figures.status_sentence(summary)


def commitment_chart_title(summary: PlanSummary) -> str:
    # Only commitments with a reported status can be ahead or behind: an unknown status is neither.
    rows = [row for row in summary.commitments if row.counted and not row.nothing_reported]
    if not rows:
        if any(row.counted for row in summary.commitments):
            return _("No commitment has a measure with a reported status yet")
        return _("No commitment has measures yet")
    best = max(rows, key=lambda r: (r.percent_complete, -r.commitment.number))
    worst = min(rows, key=lambda r: (r.percent_complete, r.commitment.number))
    if best.percent_complete == worst.percent_complete:
        if len(rows) < len([row for row in summary.commitments if row.counted]):
            return _("Every commitment with a reported status is %(percent)s complete") % {
                "percent": formatting.percent(best.percent_complete)
            }
        return _("Every commitment is %(percent)s complete") % {"percent": formatting.percent(best.percent_complete)}
    return _(
        "Commitment %(best)s is furthest ahead (%(best_percent)s complete), "
        "commitment %(worst)s is furthest behind (%(worst_percent)s)"
    ) % {
        "best": best.commitment.number,
        "best_percent": formatting.percent(best.percent_complete),
        "worst": worst.commitment.number,
        "worst_percent": formatting.percent(worst.percent_complete),
    }


PLANS_PER_PAGE = 20


def _dashboard_context(plan, *, is_home: bool) -> dict:
    context = selectors.plan_dashboard(plan=plan, today=timezone.localdate())
    summary = context["summary"]
    context.update(
        plan=plan,
        is_home=is_home,
        roll_up_method=ROLL_UP_METHOD,
        high_completion_method=HIGH_COMPLETION_METHOD,
        headline=figures.headline(summary),
        high_completion=figures.high_completion_sentence(summary),
        status_chart_title=status_chart_title(summary),
        commitment_chart_title=commitment_chart_title(summary),
    )
    if summary.total:
        context["status_chart"] = status_distribution_svg(summary, title=context["status_chart_title"])
        context["commitment_chart"] = commitment_progress_svg(summary, title=context["commitment_chart_title"])
    return context


def _plan_title(context: dict) -> str:
    return context["plan"].short_name if context.get("plan") else ""


def _home_context() -> dict:
    plan = selectors.home_plan()
    return _dashboard_context(plan, is_home=True) if plan else {"plan": None}


@understands()
def home(request):
    part = render_part(
        "home",
        template="portal/parts/home.html",
        context=_home_context,
        title=_plan_title,
        description=descriptions.plan,
        head="portal/parts/feed_links.html",
    )
    return render_page(request, part)


@understands()
def plan_detail(request, slug):
    part = render_part(
        "plan",
        slug,
        template="portal/parts/plan_dashboard.html",
        context=lambda: _dashboard_context(selectors.get_public_plan(slug), is_home=False),
        title=_plan_title,
        breadcrumbs=lambda context: home_crumbs((_("Action plans"), "portal:plans")),
        description=descriptions.plan,
        head="portal/parts/feed_links.html",
    )
    return render_page(request, part)


def _plan_list_context(number: str) -> dict:
    page, page_range = page_of(public_plans_newest_first(), number, per_page=PLANS_PER_PAGE)
    return {"plans": selectors.plans_overview(page.object_list), "page": page, "page_range": page_range}


@understands("page")
def plan_list(request):
    number = requested_page(request)
    part = render_part(
        "plans",
        number,
        template="portal/parts/plan_list.html",
        context=lambda: _plan_list_context(number),
        title=lambda context: _("Action plans"),
        breadcrumbs=lambda context: home_crumbs(),
        description=descriptions.plan_list,
        head="portal/parts/feed_links.html",
    )
    return render_page(request, part)
