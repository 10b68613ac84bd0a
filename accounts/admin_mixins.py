"""Role rules in the admin: put these mixins FIRST in a ModelAdmin's bases.

- VersionedAdminMixin: a hidden `expected_version` on change forms; a stale form (someone saved since it
  was opened) is refused with who changed what, instead of overwriting their work.
- MeasureRoleAdminMixin / ProgressEntryRoleAdminMixin: the queryset, object permissions, read-only
  fields, FK choices, history (no revert but for coordinators) and imports follow accounts.policy;
  progress entries move through the workflow (commitments.services) with buttons on the change form.
- ReportingRoundRoleAdminMixin: rounds are opened and closed by the coordinator's actions, which record
  who and when; the status is not a free field.
- ReadOnlyInlineMixin: an inline that shows rows and links to them but edits nothing.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from commitments.import_guard import scoped_resource

from . import policy
from .concurrency import stale_message

VERSION_FIELD = "expected_version"


# --------------------------------------------------------------------------- optimistic locking


class VersionField(forms.IntegerField):
    """Bookkeeping, not content: never counts as a change of the record (no empty history rows)."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class VersionCheckFormMixin(forms.Form):
    expected_version = VersionField(required=False)
    # False for rows of an inline: an untouched stale row is not saved, so it must not block the others.
    check_unchanged = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None and VERSION_FIELD in self.fields:
            version = instance.version
            if getattr(self, "revert_record", None) is not None:
                # The revert form shows an old version; the check is against the record as it is now.
                current = type(instance)._default_manager.filter(pk=instance.pk)
                version = current.values_list("version", flat=True).first()
            self.fields[VERSION_FIELD].initial = version

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        expected = cleaned.get(VERSION_FIELD)
        if instance.pk is None or expected is None:
            # Only forms rendered by the admin carry the field; scripted posts without it are not checked.
            return cleaned
        if not self.check_unchanged and not self.has_changed():
            return cleaned
        model = type(instance)
        # Locked until the admin's transaction ends, so nobody can save between this check and our save.
        current = model._default_manager.select_for_update().filter(pk=instance.pk).values_list("version", flat=True)
        current = current.first()
        if current is not None and current != expected:
            raise ValidationError(stale_message(model, instance.pk, expected), code="stale")
        return cleaned


def _has_version(model) -> bool:
    return any(field.name == "version" for field in model._meta.concrete_fields)


class VersionedAdminMixin:
    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and fieldsets and _has_version(self.model) and self.has_change_permission(request, obj):
            name, options = fieldsets[0]
            fieldsets[0] = (name, {**options, "fields": [*options.get("fields", ()), VERSION_FIELD]})
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and _has_version(self.model):
            base = kwargs.get("form", self.form)
            if not issubclass(base, VersionCheckFormMixin):
                kwargs["form"] = type(f"Versioned{base.__name__}", (VersionCheckFormMixin, base), {})
        return super().get_form(request, obj, change=change, **kwargs)


# --------------------------------------------------------------------------- shared role rules


def is_scoped(user) -> bool:
    """Institution editors see their own rows only. Coordinators see everything; staff with no role see
    what is published and change nothing, whatever model permissions a superuser gave them."""
    return policy.is_institution_editor(user) and not policy.is_coordinator(user)


class _RoleAdminMixin(VersionedAdminMixin):
    """Scope by `managed_queryset(user)` for institution editors; coordinators alone may revert history."""

    def managed_queryset(self, user):
        raise NotImplementedError

    def _rows(self, user):
        if is_scoped(user):
            return self.managed_queryset(user)
        return policy.admin_rows(user, self.model._default_manager.all())

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if policy.is_coordinator(request.user):
            return queryset
        return queryset.filter(pk__in=self._rows(request.user).values("pk"))

    def _in_scope(self, request, obj) -> bool:
        rows = self._rows(request.user)
        return policy.can_see_in_admin(
            request.user, obj, rows=lambda queryset: queryset.filter(pk__in=rows.values("pk"))
        )

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if not allowed or obj is None or obj.pk is None:
            return allowed
        return self._in_scope(request, obj)

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and policy.can_report_progress(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and policy.can_report_progress(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and policy.can_change_content(request.user)

    def revert_disabled(self, request, obj=None):
        if not policy.can_revert_history(request.user):
            return True
        return super().revert_disabled(request, obj)

    def get_import_resource_classes(self, request):
        classes = super().get_import_resource_classes(request)
        if policy.is_coordinator(request.user):
            return classes
        # Everyone but the coordinator: each row is checked against the policy (refused whole if any fails).
        return [scoped_resource(cls) for cls in classes]


class ReadOnlyInlineMixin:
    """Rows are listed with a link to their own page, where their own rules apply."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --------------------------------------------------------------------------- measures


class MeasureRoleAdminMixin(_RoleAdminMixin):
    def managed_queryset(self, user):
        return policy.measures_managed_by(user, self.model._default_manager.all())

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or obj.pk is None or not is_scoped(request.user):
            return allowed
        return policy.can_edit_measure(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not is_scoped(request.user):
            return readonly
        from commitments.services import _editor_measure_fields

        editable = _editor_measure_fields() | {"change_reason", VERSION_FIELD}
        shown = flatten_fieldsets(super().get_fieldsets(request, obj))
        return readonly + [name for name in shown if name not in editable and name not in readonly]

    def save_model(self, request, obj, form, change):
        if change and is_scoped(request.user):
            # Defence in depth behind the read-only fields: an editor's save may change only the texts.
            from commitments.models import Measure
            from commitments.services import _editor_measure_fields, measure_changed_fields

            refused = measure_changed_fields(obj, Measure.objects.get(pk=obj.pk)) - _editor_measure_fields()
            if refused:
                raise PermissionDenied
        super().save_model(request, obj, form, change)


# --------------------------------------------------------------------------- progress entries

WORKFLOW_BUTTONS = {
    "_wf_submit": "submit",
    "_wf_approve": "approve",
    "_wf_return": "return",
    "_wf_withdraw": "withdraw",
}
ALWAYS_READONLY_ENTRY_FIELDS = ["review_state", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at"]


def workflow_action(request) -> str | None:
    if request.method != "POST":
        return None
    for name, action in WORKFLOW_BUTTONS.items():
        if name in request.POST:
            return action
    return None


def available_actions(user, entry) -> list[str]:
    from commitments.models import ReviewState

    if entry is None or entry.pk is None:
        return ["submit"] if policy.is_coordinator(user) or policy.is_institution_editor(user) else []
    actions = []
    if entry.review_state in (ReviewState.DRAFT, ReviewState.RETURNED) and policy.can_submit_entry(user, entry):
        actions.append("submit")
    if entry.review_state == ReviewState.SUBMITTED and policy.can_review_entry(user, entry):
        actions += ["approve", "return"]
    if entry.review_state == ReviewState.APPROVED and policy.can_review_entry(user, entry):
        actions.append("withdraw")
    return actions


class ProgressEntryWorkflowFormMixin(forms.Form):
    """Checks the workflow step before anything is saved, so a refusal is a form error, not a 500."""

    request_user = None
    workflow = None

    def clean(self):
        cleaned = super().clean()
        user = self.request_user
        entry = self.instance
        if entry.pk is None:
            measure, reporting_round = cleaned.get("measure"), cleaned.get("reporting_round")
            if measure is not None and reporting_round is not None:
                if measure.plan_id != reporting_round.plan_id:
                    raise ValidationError(_("The reporting round belongs to another plan than the measure."))
                if not policy.can_create_entry(user, measure, reporting_round):
                    raise ValidationError(_("You cannot report on this measure in this round."))
        if self.workflow is None:
            return cleaned
        from commitments.models import ProgressEntry

        current = ProgressEntry.objects.filter(pk=entry.pk).first() if entry.pk else None
        if self.workflow not in available_actions(user, current):
            raise ValidationError(_("This step is not possible for this entry any more. Reload the page."))
        if self.workflow == "submit":
            narrative = [cleaned.get(f"narrative_{lang}") or "" for lang in ("lv", "en")]
            if not any(text.strip() for text in narrative):
                self.add_error("narrative_lv", _("Describe what was done before submitting."))
        if self.workflow in ("return", "withdraw"):
            comment = (cleaned.get("review_comment") or cleaned.get("change_reason") or "").strip()
            if not comment:
                raise ValidationError(_("Write in the reviewer's comment what needs to change."))
        return cleaned


class ProgressEntryRoleAdminMixin(_RoleAdminMixin):
    change_form_template = "accounts/admin/progressentry_change_form.html"

    def managed_queryset(self, user):
        return policy.entries_managed_by(user, self.model._default_manager.all())

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or obj.pk is None:
            return allowed
        # An approved entry is locked for everyone; a coordinator may still revert it from its history.
        return policy.can_edit_entry(request.user, obj) or bool(available_actions(request.user, obj))

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
            kwargs["queryset"] = policy.measures_editable_by(request.user, measures)
        elif db_field.name == "reporting_round":
            rounds = db_field.related_model._default_manager.select_related("plan")
            kwargs["queryset"] = policy.rounds_reportable_by(request.user, rounds)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        attrs = {"request_user": request.user, "workflow": workflow_action(request)}
        return type(form.__name__, (ProgressEntryWorkflowFormMixin, form), attrs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_actions"] = available_actions(request.user, obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def save_model(self, request, obj, form, change):
        from commitments import services

        action = workflow_action(request)
        if not change:
            obj.review_state = obj._meta.get_field("review_state").get_default()
        super().save_model(request, obj, form, change)
        if action is None:
            return
        note = (form.cleaned_data.get("change_reason") or "").strip()
        with transaction.atomic():
            if action == "submit":
                services.progress_entry_submit(entry=obj, user=request.user, note=note)
                messages.success(request, gettext("The entry was submitted for review."))
            elif action == "approve":
                services.progress_entry_approve(entry=obj, user=request.user, reason=note)
                messages.success(request, gettext("The entry was approved and is now public."))
            elif action == "return":
                comment = (obj.review_comment or note).strip()
                services.progress_entry_return(entry=obj, user=request.user, comment=comment)
                messages.success(request, gettext("The entry was returned to the institution."))
            elif action == "withdraw":
                comment = (obj.review_comment or note).strip()
                services.progress_entry_withdraw_approval(entry=obj, user=request.user, comment=comment)
                messages.success(
                    request,
                    gettext(
                        "The approval was withdrawn: the entry is no longer public and is back with the "
                        "institution. The measure's status did not change; correct it on the measure if needed."
                    ),
                )


# --------------------------------------------------------------------------- reporting rounds


class ReportingRoundRoleAdminMixin:
    """Status moves only by the coordinator's open/close actions, which record who and when."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [name for name in ("status", "opened_at", "opened_by") if name not in readonly]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not policy.can_open_round(request.user):
            actions.pop("open_rounds", None)
            actions.pop("close_rounds", None)
        return actions

    def _run(self, request, queryset, service, done_message):
        done = 0
        for reporting_round in queryset:
            try:
                service(reporting_round=reporting_round, user=request.user)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                text = "; ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{reporting_round}: {text}", messages.ERROR)
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    def open_rounds(self, request, queryset):
        from commitments.services import round_open

        self._run(request, queryset, round_open, gettext("Opened %(count)s reporting round(s)."))

    open_rounds.short_description = _("Open the selected rounds for reporting")
    open_rounds.allowed_permissions = ("change",)

    def close_rounds(self, request, queryset):
        from commitments.services import round_close

        self._run(request, queryset, round_close, gettext("Closed %(count)s reporting round(s)."))

    close_rounds.short_description = _("Close the selected rounds")
    close_rounds.allowed_permissions = ("change",)

    actions = ["open_rounds", "close_rounds"]


class ReadOnlyStatusInlineMixin:
    """For the rounds listed inside a plan: the status changes only through the round actions."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + ([] if "status" in readonly else ["status"])
