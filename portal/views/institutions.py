"""Institutions that take part in the plans, and what each one does."""

from django.utils.translation import gettext as _

from portal import descriptions, selectors
from ui.canonical import understands
from ui.parts import home_crumbs, render_page, render_part


@understands()
def institution_list(request):
    part = render_part(
        "institutions",
        template="portal/parts/institution_list.html",
        context=lambda: {"rows": selectors.institutions_overview()},
        title=lambda context: _("Institutions"),
        breadcrumbs=lambda context: home_crumbs(),
        description=descriptions.institution_list,
    )
    return render_page(request, part)


def _institution_context(slug: str) -> dict:
    institution = selectors.get_institution(slug)
    measures = selectors.institution_measures(institution)
    return {
        "institution": institution,
        "former_names": sorted(institution.former_names.all(), key=lambda f: f.valid_until, reverse=True),
        "measures": measures,
        "has_measures": any(group.total for group in measures.values()),
        "commitments": selectors.institution_commitments(institution),
    }


@understands()
def institution_detail(request, slug):
    part = render_part(
        "institution",
        slug,
        template="portal/parts/institution_detail.html",
        context=lambda: _institution_context(slug),
        title=lambda context: context["institution"].name,
        breadcrumbs=lambda context: home_crumbs((_("Institutions"), "portal:institutions")),
        description=descriptions.institution,
        head="portal/parts/feed_links.html",
    )
    return render_page(request, part)
