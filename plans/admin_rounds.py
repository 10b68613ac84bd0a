"""Reporting rounds in the admin: opened and closed by the coordinator's actions, never by editing the status."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import policy
from ogp_portal.admin_action_form import form_action

from . import services


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the round reopened?"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Kept in the round's history."),
    )


class ReportingRoundRoleAdminMixin:
    """Status moves only by the coordinator's open/close actions, which record who and when."""

    save_service = staticmethod(services.reporting_round_save)
    save_service_takes = "reporting_round"
    actions = ["open_rounds", "close_rounds", "reopen_rounds"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [name for name in ("status", "opened_at", "opened_by") if name not in readonly]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not policy.can_open_round(request.user):
            actions.pop("open_rounds", None)
            actions.pop("close_rounds", None)
            actions.pop("reopen_rounds", None)
        return actions

    def _run(self, request, queryset, service, done_message, **kwargs):
        done = 0
        for reporting_round in queryset:
            try:
                service(reporting_round=reporting_round, user=request.user, **kwargs)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                text = "; ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{reporting_round}: {text}", messages.ERROR)
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    def open_rounds(self, request, queryset):
        self._run(request, queryset, services.round_open, gettext("Opened %(count)s reporting round(s)."))

    open_rounds.short_description = _("Open the selected rounds for reporting")
    open_rounds.allowed_permissions = ("change",)

    def close_rounds(self, request, queryset):
        self._run(request, queryset, services.round_close, gettext("Closed %(count)s reporting round(s)."))

    close_rounds.short_description = _("Close the selected rounds")
    close_rounds.allowed_permissions = ("change",)

    def reopen_rounds(self, request, queryset):
        return form_action(
            self,
            request,
            queryset,
            form_class=ReopenForm,
            title=gettext("Reopen"),
            action="reopen_rounds",
            intro=gettext("A closed round opened again takes reports until it is closed."),
            apply=lambda data: self._run(
                request,
                queryset,
                services.round_reopen,
                gettext("Reopened %(count)s reporting round(s)."),
                reason=data["reason"],
            ),
        )

    reopen_rounds.short_description = _("Reopen the selected closed rounds")
    reopen_rounds.allowed_permissions = ("change",)


class ReadOnlyStatusInlineMixin:
    """For the rounds listed inside a plan: the status changes only through the round actions."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + ([] if "status" in readonly else ["status"])
