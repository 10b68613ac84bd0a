"""Labels the public pages show that are defined in other apps (choices, field names, filters).

They are translated where they are defined; listing them here puts the same msgids into the
portal's catalog too, so a public page is never half Latvian, half English while another app's
catalog lags behind. Django merges catalogs, so whichever app is loaded first gives the text;
the msgids must stay identical to the originals (tests/test_portal_i18n.py checks the ones that
matter most).
"""

from django.utils.translation import gettext_noop as _
from django.utils.translation import pgettext_lazy

MODEL_LABELS = [
    # commitments.MeasureStatus
    _("No information"),
    _("Not started"),
    _("Limited"),
    _("Substantial"),
    _("Complete"),
    _("Withdrawn"),
    # plans.PlanStatus, plans.PhaseKind
    _("Drafting"),
    _("Public consultation"),
    _("In implementation"),
    _("Completed"),
    _("Idea collection"),
    _("Co-creation"),
    _("Official coordination"),
    _("Approval"),
    _("Other"),
    # consultations.ProposalOutcome
    _("Taken into account"),
    _("Partly taken into account"),
    _("Noted, to be discussed further"),
    _("Not taken into account"),
    # commitments: IRM scales
    _("Yes"),
    _("No"),
    _("Unclear"),
    _("Modest"),
    _("Low"),
    _("High"),
    # institutions.InstitutionKind
    _("Ministry"),
    _("State agency"),
    _("State company"),
    _("Non-governmental organisation"),
    _("Municipality"),
    # commitments.Commitment: OGP values
    _("access to information"),
    _("civic participation"),
    _("public accountability"),
    _("technology and innovation for transparency and accountability"),
    # commitments.Measure fields named in the public change log
    _("number"),
    _("title"),
    _("description"),
    _("expected result"),
    _("performance indicator"),
    _("commitment"),
    _("responsible institution"),
    _("co-responsible institutions"),
    _("other implementers"),
    _("start date"),
    _("due date"),
    _("status"),
    _("progress, %"),
    _("special attention"),
    _("added by revision"),
    _("funding sources"),
    # commitments.filters.MeasureFilter
    _("Search"),
    _("Action plan"),
    _("All plans"),
    _("Commitment number"),
    _("Institution"),
    _("All institutions"),
    _("Status"),
    _("Only measures needing special attention"),
    _("Only overdue measures"),
    # commitments.selectors.ROLL_UP_METHOD
    _(
        "Each measure counts once, whatever its size. The plan is as complete as the share of its measures "
        "whose status is “Complete”, among all measures except withdrawn ones. A commitment's progress is "
        "counted the same way over its own measures. Statuses follow the Open Government Partnership's "
        "completion scale; “No information” means no approved report states the status."
    ),
]

# Status names as the portal shows them: a badge names the state of one measure. A context keeps
# them apart from the same English words used elsewhere (e.g. "Complete" as a column of counts).
STATUS_LABELS = {
    "no_information": pgettext_lazy("measure status", "No information"),
    "not_started": pgettext_lazy("measure status", "Not started"),
    "limited": pgettext_lazy("measure status", "Limited"),
    "substantial": pgettext_lazy("measure status", "Substantial"),
    "complete": pgettext_lazy("measure status", "Complete"),
    "withdrawn": pgettext_lazy("measure status", "Withdrawn"),
}


def status_label(status) -> str:
    return str(STATUS_LABELS.get(str(status), status))
