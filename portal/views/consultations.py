"""Public consultations: each proposal and how it was taken into account."""

from django.utils.translation import gettext as _

from consultations.selectors import public_consultations
from portal import descriptions, selectors
from ui.canonical import understands
from ui.paging import page_of, requested_page
from ui.parts import home_crumbs, render_page, render_part

CONSULTATIONS_PER_PAGE = 20


def _list_context(number: str) -> dict:
    page, page_range = page_of(public_consultations(), number, per_page=CONSULTATIONS_PER_PAGE)
    return {"consultations": page.object_list, "page": page, "page_range": page_range}


@understands("page")
def consultation_list(request):
    number = requested_page(request)
    part = render_part(
        "consultations",
        number,
        template="portal/parts/consultation_list.html",
        context=lambda: _list_context(number),
        title=lambda context: _("Public consultations"),
        breadcrumbs=lambda context: home_crumbs(),
        description=descriptions.consultation_list,
        head="portal/parts/consultations_feed_links.html",
    )
    return render_page(request, part)


def _detail_context(pk: int) -> dict:
    consultation = selectors.get_public_consultation(pk)
    return {"consultation": consultation, "proposals": consultation.proposal_list}


@understands()
def consultation_detail(request, pk):
    part = render_part(
        "consultation",
        pk,
        template="portal/parts/consultation_detail.html",
        context=lambda: _detail_context(pk),
        title=lambda context: context["consultation"].title,
        breadcrumbs=lambda context: home_crumbs((_("Consultations"), "portal:consultations")),
        description=descriptions.consultation,
    )
    return render_page(request, part)
