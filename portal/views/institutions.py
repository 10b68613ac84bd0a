"""Institutions that take part in the plans, and what each one does."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal import selectors


def institution_list(request):
    return render(
        request,
        "portal/institution_list.html",
        {"rows": selectors.institutions_overview(), "breadcrumbs": [(_("Home"), reverse("portal:home"))]},
    )


def institution_detail(request, slug):
    institution = selectors.get_institution(slug)
    measures = selectors.institution_measures(institution)
    return render(
        request,
        "portal/institution_detail.html",
        {
            "institution": institution,
            "former_names": sorted(institution.former_names.all(), key=lambda f: f.valid_until, reverse=True),
            "measures": measures,
            "has_measures": any(measures.values()),
            "commitments": selectors.institution_commitments(institution),
            "breadcrumbs": [
                (_("Home"), reverse("portal:home")),
                (_("Institutions"), reverse("portal:institutions")),
            ],
        },
    )
