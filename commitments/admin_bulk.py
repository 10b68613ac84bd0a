"""The coordinator's bulk work on measures: one status and one reason for the selected measures."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts import policy
from ogp_portal.admin_action_form import form_action

from . import services
from .models import MeasureStatus


class BulkStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=MeasureStatus.choices)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Kept in every changed measure's history and shown in the public change log."),
    )


class MeasureBulkStatusMixin:
    actions = ["set_status"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not policy.can_change_measure_status(request.user):
            actions.pop("set_status", None)
        return actions

    @staticmethod
    def _error_text(error) -> str:
        return "; ".join(getattr(error, "messages", [str(error)]))

    def set_status(self, request, queryset):
        return form_action(
            self,
            request,
            queryset,
            form_class=BulkStatusForm,
            title=gettext("Set status"),
            action="set_status",
            intro=gettext("Every selected measure gets the status below; each change is recorded with the reason."),
            apply=lambda data: self._set_status(request, queryset, data),
        )

    def _set_status(self, request, queryset, form_data) -> None:
        try:
            changed = services.measures_update_status(
                measures=list(queryset),
                status=form_data["status"],
                user=request.user,
                reason=form_data["reason"],
            )
        except (ValidationError, PermissionDenied) as error:
            self.message_user(
                request, gettext("Nothing was changed: %(error)s") % {"error": self._error_text(error)}, messages.ERROR
            )
            return
        unchanged = queryset.count() - len(changed)
        self.message_user(
            request,
            ngettext("Status set for %(count)d measure.", "Status set for %(count)d measures.", len(changed))
            % {"count": len(changed)}
            + (" " + gettext("%(count)d already had it.") % {"count": unchanged} if unchanged else ""),
            messages.SUCCESS,
        )

    set_status.short_description = _("Set the status of the selected measures")
    set_status.allowed_permissions = ("change",)
