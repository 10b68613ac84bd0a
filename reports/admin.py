"""Reports in the admin: request a build (queued for the worker), follow its state, publish.

Every field is read-only: a report row is written by the services only, and a
stored PDF is never replaced. "Add" opens the build request form.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import policy
from accounts.admin_policy import PolicyAdminMixin
from ogp_portal.admin_action_form import form_action
from ogp_portal.admin_base import NulSafeChangelistMixin
from plans.models import ActionPlan

from .models import Report, ReportKind, ReportLanguage
from .services import report_publish, report_rebuild, report_request_build
from .tasks import build_report_task
from .worker import HEARTBEAT_SECONDS, STALLED_AFTER, last_heartbeat, stalled_builds


class BuildRequestForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Action plan"), queryset=ActionPlan.objects.all())
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportKind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=ReportLanguage.choices)
    as_of = forms.DateField(
        label=_("As of"),
        initial=timezone.localdate,
        help_text=_(
            "The report shows the portal's records as they stood at the end of this day: statuses, approved "
            "progress reports, the measures then in the plan, institutions' names, council meetings. A mid-term "
            "report covers the rounds that ended by the plan's midpoint, an end-of-term report every round ended by "
            "this date."
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class PublishConfirmForm(forms.Form):
    """Nothing to fill in: the page is the confirmation."""


@admin.register(Report)
class ReportAdmin(NulSafeChangelistMixin, PolicyAdminMixin, admin.ModelAdmin):
    policy_parents = ("plan",)
    list_display = [
        "__str__",
        "kind",
        "language",
        "version",
        "as_of",
        "state_label",
        "page_count",
        "published_at",
        "published_by",
        "pdf_link",
    ]
    list_filter = ["state", "kind", "language", "plan"]
    list_select_related = ["plan", "published_by"]
    actions = ["publish_selected", "rebuild_selected"]
    readonly_fields = [
        "plan",
        "kind",
        "language",
        "version",
        "as_of",
        "state_label",
        "worker_status",
        "error",
        "requested_by",
        "requested_at",
        "built_at",
        "pdf_link",
        "sha256",
        "size",
        "page_count",
        "published_at",
        "published_by",
    ]
    fields = readonly_fields

    @admin.display(description=_("build state"), ordering="state")
    def state_label(self, obj: Report) -> str:
        return obj.get_state_display()

    @admin.display(description=_("worker status"))
    def worker_status(self, obj: Report) -> str:
        if not obj.task_id:
            return "—"
        try:
            return build_report_task.get_result(obj.task_id).status.label
        except Exception:  # backends without stored results (immediate) or a pruned result
            return "—"

    @admin.display(description=_("PDF"))
    def pdf_link(self, obj: Report) -> str:
        if not obj.file:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("reports:download", args=[obj.pk]), _("Download"))

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            self._warn_of_stalled_builds(request)
        return super().changelist_view(request, extra_context)

    def _warn_of_stalled_builds(self, request) -> None:
        """A build queued for minutes means the worker is down (no recent heartbeat) or busy."""
        waiting = stalled_builds().count()
        if not waiting:
            return
        seen = last_heartbeat()
        stale = seen is None or timezone.now() - seen > datetime.timedelta(seconds=3 * HEARTBEAT_SECONDS)
        if seen is None:
            worker = _("No background worker has ever reported; start one with “python manage.py worker”.")
        elif stale:
            worker = _(
                "The background worker last reported at %(time)s and seems to be stopped; "
                "start it with “python manage.py worker”."
            ) % {"time": formats.localize(timezone.localtime(seen))}
        else:
            worker = _("The background worker is running; the builds are waiting for their turn.")
        waited = ngettext(
            "%(count)d report build has been queued for more than %(minutes)d minutes.",
            "%(count)d report builds have been queued for more than %(minutes)d minutes.",
            waiting,
        ) % {"count": waiting, "minutes": STALLED_AFTER.seconds // 60}
        self.message_user(request, f"{waited} {worker}", messages.WARNING)

    def has_change_permission(self, request, obj=None) -> bool:
        # Viewing only: nothing on a report is edited by hand.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Bulk delete would not ask per object, and published reports must stay.
        actions.pop("delete_selected", None)
        return actions

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BuildRequestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            report = report_request_build(user=request.user, **form.cleaned_data)
            self.log_addition(request, report, [{"added": {}}])
            self.message_user(
                request,
                _("The build of “%(report)s” is queued; the worker will build it shortly.") % {"report": report},
                messages.SUCCESS,
            )
            return redirect("admin:reports_report_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Build a report"),
        }
        return TemplateResponse(request, "admin/reports/report/build_form.html", context)

    @admin.action(description=_("Publish the selected reports"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        # Publishing cannot be undone (a published report stays), so the action asks first.
        return form_action(
            self,
            request,
            queryset,
            form_class=PublishConfirmForm,
            title=_("Publish"),
            action="publish_selected",
            intro=_(
                "Published reports appear on the public reports page at once and can no longer be deleted. "
                "Publish these reports?"
            ),
            apply=lambda _data: self._publish(request, queryset),
        )

    def _publish(self, request, queryset) -> None:
        for report in queryset:
            try:
                report_publish(report=report, user=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{report}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("Published “%(report)s”.") % {"report": report}, messages.SUCCESS)

    def has_publish_permission(self, request) -> bool:
        return policy.can_publish(request.user) and request.user.has_perm("reports.publish_report")

    @admin.action(description=_("Build again as a new version"), permissions=["add"])
    def rebuild_selected(self, request, queryset):
        for report in queryset:
            new = report_rebuild(report=report, user=request.user)
            self.message_user(request, _("Queued “%(report)s”.") % {"report": new}, messages.SUCCESS)
