"""What each status means, printed in the reports' glossary annex (OGP's completion scale)."""

from django.utils.translation import gettext_lazy as _

from commitments.models import MeasureStatus

STATUS_DESCRIPTIONS = {
    MeasureStatus.COMPLETE: _("The measure has been carried out in full and its expected result achieved."),
    MeasureStatus.SUBSTANTIAL: _("Most of the work has been done; the measure is well on its way to completion."),
    MeasureStatus.LIMITED: _("Work has begun, but only a small part of the measure has been carried out."),
    MeasureStatus.NOT_STARTED: _("Implementation of the measure has not yet begun."),
    MeasureStatus.NO_INFORMATION: _("No approved report states the status of the measure."),
    MeasureStatus.WITHDRAWN: _(
        "The measure was removed from the plan; it is not counted when the plan's progress is rolled up."
    ),
}
