"""The admin asks accounts.policy: one mixin for every content ModelAdmin (put it FIRST in the bases).

- Rows: the list, the change and history pages, autocomplete and search results (which Django builds from
  `get_queryset`), inline rows and the choices of FK/M2M fields and of related list filters show only
  what `policy.admin_rows` lets the account see. A row out of sight is "not found" (404).
- Changes: add, change and delete also need `policy.can_change_content` (the coordinator); a staff
  account with bare model permissions and no role changes nothing.

`policy_parents` name the rows whose visibility a row shares (("meeting", "meeting__council__plan")); a
model with its own `published()` / `of_institutions()` QuerySet methods is judged by them too.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.http import Http404

from . import policy


def rows_for(admin_site, request, model, queryset):
    """`queryset` (of `model`) narrowed by the policy of the model's own admin, if it has one."""
    related_admin = admin_site._registry.get(model)
    if related_admin is not None and hasattr(related_admin, "policy_rows"):
        return related_admin.policy_rows(request, queryset)
    return queryset


class PolicyRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A related filter offering only the choices the account may see (no titles of hidden plans)."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        model = field.remote_field.model
        visible = rows_for(model_admin.admin_site, request, model, model._default_manager.all())
        return field.get_choices(include_blank=False, ordering=ordering, limit_choices_to={"pk__in": visible})


class PolicyAdminMixin:
    policy_parents: tuple[str, ...] = ()

    def policy_rows(self, request, queryset):
        return policy.admin_rows(request.user, queryset, parents=self.policy_parents)

    def policy_may_change(self, request, obj=None) -> bool:
        return policy.can_change_content(request.user)

    def _visible(self, request, obj) -> bool:
        return policy.can_see_in_admin(request.user, obj, rows=lambda queryset: self.policy_rows(request, queryset))

    # --- rows

    def get_queryset(self, request):
        return self.policy_rows(request, super().get_queryset(request))

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        model = db_field.remote_field.model
        base = queryset if queryset is not None else model._default_manager.using(db).all()
        return rows_for(self.admin_site, request, model, base)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if "queryset" in kwargs:
            kwargs["queryset"] = rows_for(self.admin_site, request, inline.model, kwargs["queryset"])
        return kwargs

    def get_list_filter(self, request):
        filters = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and get_fields_from_path(self.model, item)[-1].is_relation:
                item = (item, PolicyRelatedFieldListFilter)
            filters.append(item)
        return filters

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Out of sight and missing look the same: the page does not say which of the two it is.
        raise Http404

    # --- permissions

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if not allowed or obj is None or obj.pk is None:
            return allowed
        return self._visible(request, obj)

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and self.policy_may_change(request)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj) and self.policy_may_change(request, obj)
        if not allowed or obj is None or obj.pk is None:
            return allowed
        return self._visible(request, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj) and self.policy_may_change(request, obj)
        if not allowed or obj is None or obj.pk is None:
            return allowed
        return self._visible(request, obj)
