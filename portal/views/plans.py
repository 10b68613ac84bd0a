"""Home (the current plan's dashboard), the list of plans and each plan's dashboard."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments.selectors import ROLL_UP_METHOD, PlanSummary
from portal import formatting, selectors
from portal.charts import commitment_progress_svg, status_distribution_svg


def headline(summary: PlanSummary) -> str:
    """The sentence that answers "how is the plan going?"."""
    complete = ngettext(
        "%(complete)s of %(total)s measures complete",
        "%(complete)s of %(total)s measures complete",
        summary.complete,
    ) % {"complete": summary.complete, "total": summary.counted}
    overdue = ngettext("%(overdue)s overdue", "%(overdue)s overdue", summary.overdue) % {"overdue": summary.overdue}
    return _("%(complete)s, %(overdue)s.") % {"complete": complete, "overdue": overdue}


def status_chart_title(summary: PlanSummary) -> str:
    return _("%(percent)s of the measures are complete") % {"percent": formatting.percent(summary.percent_complete)}


def commitment_chart_title(summary: PlanSummary) -> str:
    rows = [row for row in summary.commitments if row.counted]
    if not rows:
        return _("No commitment has measures yet")
    best = max(rows, key=lambda r: (r.percent_complete, -r.commitment.number))
    worst = min(rows, key=lambda r: (r.percent_complete, r.commitment.number))
    if best.percent_complete == worst.percent_complete:
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


def _dashboard(request, plan, *, is_home: bool):
    today = timezone.localdate()
    context = selectors.plan_dashboard(plan=plan, today=today)
    summary = context["summary"]
    context.update(
        plan=plan,
        is_home=is_home,
        roll_up_method=ROLL_UP_METHOD,
        headline=headline(summary),
        status_chart_title=status_chart_title(summary),
        commitment_chart_title=commitment_chart_title(summary),
    )
    if summary.total:
        context["status_chart"] = status_distribution_svg(summary, title=context["status_chart_title"])
        context["commitment_chart"] = commitment_progress_svg(summary, title=context["commitment_chart_title"])
    if not is_home:
        context["breadcrumbs"] = [(_("Home"), reverse("portal:home")), (_("Action plans"), reverse("portal:plans"))]
    return render(request, "portal/plan_dashboard.html", context)


def home(request):
    plan = selectors.home_plan()
    if plan is None:
        return render(request, "portal/home_empty.html")
    return _dashboard(request, plan, is_home=True)


def plan_detail(request, slug):
    return _dashboard(request, selectors.get_public_plan(slug), is_home=False)


def plan_list(request):
    return render(
        request,
        "portal/plan_list.html",
        {
            "plans": selectors.plans_overview(),
            "breadcrumbs": [(_("Home"), reverse("portal:home"))],
        },
    )
