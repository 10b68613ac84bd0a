"""The progress-entry change form: the workflow buttons call the transition services, nothing else saves.

Which buttons are offered comes from commitments.workflow.available_actions; what is refused comes from
the services, whose refusal the form shows. Saving without a button saves a draft (progress_entry_save_draft).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import policy
from ogp_portal.history.admin_writes import VERSION_FIELD, WriteRefused

from . import services, workflow
from .admin_roles import ScopedAdminMixin

WORKFLOW_BUTTONS = {
    "_wf_submit": workflow.SUBMIT,
    "_wf_approve": workflow.APPROVE,
    "_wf_return": workflow.RETURN,
    "_wf_withdraw": workflow.WITHDRAW,
}
ALWAYS_READONLY_ENTRY_FIELDS = ["review_state", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at"]
DONE_MESSAGES = {
    workflow.SUBMIT: _("The entry was submitted for review."),
    workflow.APPROVE: _("The entry was approved and is now public."),
    workflow.RETURN: _("The entry was returned to the institution."),
    workflow.WITHDRAW: _(
        "The approval was withdrawn: the entry is no longer public and is back with the "
        "institution. The measure's status did not change; correct it on the measure if needed."
    ),
}


def workflow_action(request) -> str | None:
    if request.method != "POST":
        return None
    for name, action in WORKFLOW_BUTTONS.items():
        if name in request.POST:
            return action
    return None


def take_step(action: str | None, *, entry, user, note: str, expected_version):
    """The service of the button pressed (a draft save without one), with the form's reason and version."""
    if action in (workflow.RETURN, workflow.WITHDRAW):
        comment = (entry.review_comment or note).strip()
        service = (
            services.progress_entry_return if action == workflow.RETURN else services.progress_entry_withdraw_approval
        )
        return service(entry=entry, user=user, comment=comment, expected_version=expected_version)
    if action == workflow.APPROVE:
        return services.progress_entry_approve(entry=entry, user=user, reason=note, expected_version=expected_version)
    service = services.progress_entry_submit if action == workflow.SUBMIT else services.progress_entry_save_draft
    return service(entry=entry, user=user, note=note, expected_version=expected_version)


class ProgressEntryRoleAdminMixin(ScopedAdminMixin):
    change_form_template = "commitments/admin/progressentry_change_form.html"

    def managed_queryset(self, user):
        return policy.entries_managed_by(user, self.model._default_manager.all())

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or obj.pk is None:
            return allowed
        # An approved entry is locked for everyone but its withdrawal.
        return policy.can_edit_entry(request.user, obj) or bool(workflow.available_actions(request.user, obj))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        extra = list(ALWAYS_READONLY_ENTRY_FIELDS)
        if not policy.is_coordinator(request.user):
            extra.append("review_comment")
        if obj is not None and obj.pk is not None:
            # An entry stays on its measure and round; a new one is created for another.
            extra += ["measure", "reporting_round"]
            if not policy.can_edit_entry(request.user, obj):
                # A coordinator reviewing a submitted entry edits only the comment.
                content = [
                    name
                    for name in flatten_fieldsets(super().get_fieldsets(request, obj))
                    if name not in ("review_comment", "change_reason", VERSION_FIELD)
                ]
                extra += content
        return readonly + [name for name in extra if name not in readonly]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "measure":
            measures = db_field.related_model._default_manager.select_related("plan")
            kwargs["queryset"] = policy.measures_managed_by(request.user, measures)
        elif db_field.name == "reporting_round":
            rounds = db_field.related_model._default_manager.select_related("plan")
            kwargs["queryset"] = policy.rounds_reportable_by(request.user, rounds)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_actions"] = workflow.available_actions(request.user, obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def save_with_service(self, obj, **kwargs):
        # Inline rows and reverts: a draft save, refused like any other once the entry is submitted.
        return take_step(
            None,
            entry=obj,
            user=kwargs["user"],
            note=kwargs["reason"] or "",
            expected_version=kwargs["expected_version"],
        )

    def save_model(self, request, obj, form, change):
        action = workflow_action(request)
        try:
            take_step(
                action,
                entry=obj,
                user=request.user,
                note=form.reason() or "",
                expected_version=form.cleaned_data.get(VERSION_FIELD) if change else None,
            )
        except ValidationError as error:
            raise WriteRefused(error) from error
        if action in DONE_MESSAGES:
            messages.success(request, DONE_MESSAGES[action])
