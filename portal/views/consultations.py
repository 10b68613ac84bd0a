"""Public consultations: each proposal and how it was taken into account."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal import selectors


def consultation_list(request):
    return render(
        request,
        "portal/consultation_list.html",
        {
            "consultations": list(selectors.public_consultations()),
            "breadcrumbs": [(_("Home"), reverse("portal:home"))],
        },
    )


def consultation_detail(request, pk):
    consultation = selectors.get_public_consultation(pk)
    return render(
        request,
        "portal/consultation_detail.html",
        {
            "consultation": consultation,
            "proposals": consultation.proposal_list,
            "breadcrumbs": [
                (_("Home"), reverse("portal:home")),
                (_("Consultations"), reverse("portal:consultations")),
            ],
        },
    )
