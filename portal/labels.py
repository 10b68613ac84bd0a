"""Status labels as the public pages show them.

Model labels (choices, field names, the roll-up method) are translated in the catalogs of the apps
that define them; only the status badges need their own context here.
"""

from django.utils.translation import pgettext_lazy

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
