"""Each public page's meta description, from the page's own data and in the page's language.

Said from what the data knows, never more: a measure without a reported status gets no status, a page
without data of its own gets a sentence about what the page is. Each function takes the context the
page's part is rendered with (ui/parts.py keeps the result with the part).
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def plan(context: dict) -> str:
    """The plan's title and the dashboard's headline (what is reported, complete and overdue)."""
    plan = context.get("plan")
    if plan is None:
        return ""
    return f"{plan.title}. {context['headline']}" if context.get("headline") else f"{plan.title}."


def plan_list(context: dict) -> str:
    return _("Every open government action plan of Latvia with the progress of its commitments and measures.")


def commitment(context: dict) -> str:
    commitment = context["commitment"]
    said = _("Commitment %(number)s (%(plan)s): %(title)s.") % {
        "number": commitment.number,
        "plan": context["plan"].short_name,
        "title": commitment.title,
    }
    return f"{said} {context['progress_title']}"


def measure(context: dict) -> str:
    measure, commitment = context["measure"], context["measure"].commitment
    said = _("Measure %(measure)s of commitment %(number)s “%(commitment)s” (%(plan)s).") % {
        "measure": f"{measure.number} {measure.title}".strip(),
        "number": commitment.number,
        "commitment": commitment.title,
        "plan": context["plan"].short_name,
    }
    if measure.status:
        said += " " + _("Status: %(status)s.") % {"status": measure.get_status_display()}
    return said


def measure_list(context: dict) -> str:
    return _(
        "Search the measures of every open government action plan by words, plan, commitment, institution and status."
    )


def institution_list(context: dict) -> str:
    return _(
        "The institutions that take part in Latvia's open government action plans and the measures each one "
        "is responsible for or co-implements."
    )


def institution(context: dict) -> str:
    groups = context["measures"]
    return _(
        "%(name)s in the open government action plans. Measures it is responsible for: %(responsible)s; "
        "measures it co-implements: %(others)s."
    ) % {
        "name": context["institution"].name,
        "responsible": groups["responsible"].total,
        "others": sum(group.total for role, group in groups.items() if role != "responsible"),
    }


def consultation_list(context: dict) -> str:
    return _(
        "Public consultations on Latvia's open government action plans: the proposals received and how each "
        "was taken into account."
    )


def consultation(context: dict) -> str:
    n, title = len(context["proposals"]), context["consultation"].title
    if not n:
        return _("%(title)s: a public consultation on an open government action plan.") % {"title": title}
    return ngettext(
        "%(title)s: %(n)s proposal received and how it was taken into account.",
        "%(title)s: %(n)s proposals received and how each was taken into account.",
        n,
    ) % {"title": title, "n": n}
