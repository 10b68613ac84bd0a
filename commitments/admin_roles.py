"""Role rules of the commitments admin: put these mixins FIRST in a ModelAdmin's bases.

Institution editors see their own measures and entries only; coordinators see everything; other staff
get what their model permissions allow and change nothing the services refuse them. Only coordinators
revert history. The promise itself (a measure's texts, dates, institutions) is read-only for editors:
they report through progress entries.
"""

from __future__ import annotations

from django.contrib.admin.utils import flatten_fieldsets
from django.http import Http404

from accounts import policy
from ogp_portal.history.admin_writes import VERSION_FIELD

from . import services
from .import_guard import scoped_resource


def is_scoped(user) -> bool:
    """Institution editors see their own rows only. Coordinators see everything; staff with no role see
    what is published and change nothing, whatever model permissions a superuser gave them."""
    return policy.is_institution_editor(user) and not policy.is_coordinator(user)


class ScopedAdminMixin:
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

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Out of scope and missing look the same, as on every other admin (accounts.admin_policy).
        raise Http404

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


class MeasureRoleAdminMixin(ScopedAdminMixin):
    save_service = staticmethod(services.measure_save)
    save_service_takes = "measure"

    def managed_queryset(self, user):
        return policy.measures_managed_by(user, self.model._default_manager.all())

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or obj.pk is None:
            return allowed
        # Read-only, without a save button, for everyone the promise is not theirs to change.
        return policy.can_change_promise(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if policy.is_coordinator(request.user):
            return readonly
        # measure_save refuses the rest to anyone but the coordinator; the form shows them read-only.
        editable = services.editor_measure_fields() | {"change_reason", VERSION_FIELD}
        shown = flatten_fieldsets(super().get_fieldsets(request, obj))
        return readonly + [name for name in shown if name not in editable and name not in readonly]
