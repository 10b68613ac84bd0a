"""Static public pages."""

import datetime

from django.shortcuts import render

from portal import selectors
from ui.canonical import understands
from ui.parts import home_crumbs

# When the statement was last reviewed against the site (update with every re-assessment).
STATEMENT_REVIEWED_ON = datetime.date(2026, 11, 22)


@understands()
def accessibility(request):
    plan = selectors.home_plan()
    return render(
        request,
        "portal/accessibility.html",
        {
            "reviewed_on": STATEMENT_REVIEWED_ON,
            "coordinator": plan.coordinator if plan else None,
            "breadcrumbs": home_crumbs(),
        },
    )
