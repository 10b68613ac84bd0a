"""Progress cards other sites embed: a small HTML page they may frame, and the same figures as an SVG image.

Only these four views may be framed by any site (`frame-ancestors *`, no X-Frame-Options); every other
page keeps `frame-ancestors 'none'` and DENY. The anonymous page cache stores a response with its
headers, so a cached card is framable exactly as the first one was (tests/test_portal_embed.py).
The figures and their sentences are the dashboards' (commitments.figures): an unknown status is said
in words, never counted as zero. A card is a part (ui.parts) like a page's main content: one render per
content generation, language and day.
"""

from csp.decorators import csp_replace
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from commitments import figures
from commitments.selectors import plan_summary
from ogp_portal.licence import licence
from portal import selectors
from ui import formatting
from ui.cards import progress_card_svg
from ui.charts import status_distribution_svg
from ui.languages import shown_text
from ui.parts import render_part

# The frame the pasted code asks for: room for the card with a chart of every status at this width.
CARD_WIDTH, CARD_HEIGHT = 480, 760


def framable(view):
    """Any site may show the page in a frame: the card's CSP names every ancestor and sends no DENY."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))


def absolute(path: str) -> str:
    # From the setting, not the request: a card is cached for every visitor, whatever Host they sent.
    return settings.SITE_URL.rstrip("/") + path


def _card(progress, *, heading: str, page_url: str, empty: str, due: str = "") -> dict:
    today = timezone.localdate()
    sentence = figures.status_sentence(progress) if progress.total else empty
    return {
        "heading": heading,
        "progress": progress,
        "sentence": sentence,
        "high_completion": figures.high_completion_sentence(progress) if progress.total else "",
        "due": due,
        "chart": status_distribution_svg(progress, title=sentence, chart_id="card-chart") if progress.total else "",
        "today": today,
        "page_url": absolute(page_url),
        "site_url": absolute(reverse("portal:home")),
        "publisher": settings.OPENDATA_PUBLISHER,
        "licence": licence(),
    }


def plan_heading(plan) -> str:
    return f"{shown_text(plan, 'short_name')[0]} · {formatting.year_range(plan.period_start, plan.period_end)}"


def commitment_heading(commitment) -> str:
    number = _("Commitment %(number)s") % {"number": commitment.number}
    return f"{number}: {shown_text(commitment, 'title')[0]}"


def plan_card_context(slug: str) -> dict:
    plan = selectors.get_public_plan(slug)
    summary = plan_summary(plan=plan, today=timezone.localdate())
    return {
        **_card(
            summary,
            heading=plan_heading(plan),
            page_url=plan.get_absolute_url(),
            empty=_("No measures have been published for this plan yet."),
            due=figures.due_sentence(summary) if summary.total else "",
        ),
        "plan": plan,
    }


def commitment_card_context(slug: str, number: int) -> dict:
    commitment = selectors.get_public_commitment(slug, number)
    progress = selectors.commitment_progress(selectors.commitment_measures(commitment))
    return {
        **_card(
            progress,
            heading=commitment_heading(commitment),
            page_url=commitment.get_absolute_url(),
            empty=_("No measures have been published for this commitment yet."),
        ),
        "plan": commitment.plan,
        "commitment": commitment,
    }


def _footer(context: dict) -> str:
    return _("As of %(date)s. Source: %(publisher)s, %(site)s. Licence: %(licence)s.") % {
        "date": formatting.long_date(context["today"], case="loc"),
        "publisher": context["publisher"],
        "site": context["page_url"],
        "licence": context["licence"].id,
    }


def _html(request, *key, context):
    part = render_part(*key, template="portal/embed/card.html", context=context, title=lambda c: c["heading"])
    return render(request, "portal/embed/card_page.html", {"part": part})


def _svg(*key, context) -> HttpResponse:
    def svg(values: dict) -> str:
        return progress_card_svg(
            values["progress"], heading=values["heading"], sentence=values["sentence"], footer=_footer(values)
        )

    part = render_part(*key, template="portal/embed/card.svg", context=lambda: {"svg": svg(context())})
    return HttpResponse(part.body.strip(), content_type="image/svg+xml; charset=utf-8")


@framable
def plan_card(request, slug):
    return _html(request, "plan-card", slug, context=lambda: plan_card_context(slug))


def plan_card_svg(request, slug):
    return _svg("plan-card-svg", slug, context=lambda: plan_card_context(slug))


@framable
def commitment_card(request, slug, number):
    return _html(request, "commitment-card", slug, number, context=lambda: commitment_card_context(slug, number))


def commitment_card_svg(request, slug, number):
    return _svg("commitment-card-svg", slug, number, context=lambda: commitment_card_context(slug, number))
