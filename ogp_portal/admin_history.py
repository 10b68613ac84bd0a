"""Shared admin behaviour for history-tracked models: change reason, diff, revert.

Every content model is tracked by django-simple-history (registered in each
app's translation.py). The admin classes here add what the State Chancellery
needs on top of SimpleHistoryAdmin:

* a "reason for the change" on every change form, required when an existing
  record is edited, stored with the user and time in the history row; inline
  rows saved with the form get the same reason;
* saves through the owning app's service (history/admin_writes.py), which
  claims the version and writes one history row per save, M2M values included;
* a field-by-field comparison of any two versions (translated labels, choice
  labels, names of related objects instead of ids);
* revert that is recorded like any other change ("Reverted to the version of
  <date>"), restores tracked M2M values too and claims the optimistic-locking
  `version` like any save, so forms opened before the revert are refused.

Many-to-many fields tracked by history (Measure's institutions and funding
sources, Commitment.lead_institutions, Proposal.measures, AgendaItem.measures):
each history row keeps a snapshot of the M2M rows, so the comparison lists the
related objects' names in both versions, and the revert form is pre-filled with
the version's M2M values (the stock form would show, and keep, today's). A
related object deleted since then shows as "Deleted … (pk=…)" in a comparison
and cannot be restored by a revert. Inline children (a commitment's measures, a
meeting's agenda) have their own history and are not reverted with the parent.
"""

import contextvars

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from ogp_portal.admin_base import NulSafeChangelistMixin
from ogp_portal.history.admin_writes import ChangeReasonForm, ServiceSaveAdminMixin
from ogp_portal.history.compare import HistoryCompareMixin, version_label
from ogp_portal.history.diff import history_model_for

# The version a revert form shows: set only while history_form_view builds and saves that form.
_reverting = contextvars.ContextVar("history_revert_record", default=None)

REASON_FIELDSET_TITLE = _("Reason for the change")


# --------------------------------------------------------------------------- admin


class HistoryAdminMixin(NulSafeChangelistMixin, ServiceSaveAdminMixin, HistoryCompareMixin):
    """Put before SimpleHistoryAdmin (and TranslationAdmin) in the bases."""

    form = ChangeReasonForm
    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"

    # -- form and fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        record = _reverting.get()
        # modelform_factory builds a fresh class per call, so setting this does not leak.
        form.revert_record = record if (record is not None and obj is not None) else None
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = [f for f in options.get("fields", ()) if f != "change_reason"]
            if fields:
                fieldsets.append((name, {**options, "fields": fields}))
        writable = self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)
        if writable:
            # A read-only page has nothing to give a reason for.
            fieldsets.append((REASON_FIELDSET_TITLE, {"fields": ["change_reason"], "classes": ["history-reason"]}))
        return fieldsets

    # -- history pages (the comparison and the changes column: HistoryCompareMixin)

    def history_view(self, request, object_id, extra_context=None):
        return super().history_view(request, self._object_id_in_sight(request, object_id), extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """SimpleHistoryAdmin's revert form, recorded as a change with a reason."""
        history_model = history_model_for(self.model)
        if not str(version_id).isdigit():
            raise Http404
        record = history_model.objects.filter(
            **{self.model._meta.pk.attname: self._object_id_in_sight(request, object_id), "history_id": int(version_id)}
        ).first()
        if record is None:
            raise Http404
        if request.method == "POST" and (
            self.revert_disabled(request, record.instance) or not self.has_change_permission(request, record.instance)
        ):
            # SimpleHistoryAdmin only checks view permission before saving the posted form.
            raise PermissionDenied
        opts = self.model._meta
        compare_url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history_compare",
            args=[getattr(record, opts.pk.attname)],
        )
        extra_context = {
            **(extra_context or {}),
            "revert_record": record,
            "revert_record_label": version_label(record),
            "compare_with_current_url": f"{compare_url}?old={record.history_id}",
        }
        token = _reverting.set(record)
        try:
            return self._showing_refusals(super().history_form_view, request, object_id, version_id, extra_context)
        finally:
            _reverting.reset(token)


class HistoryAdmin(HistoryAdminMixin, SimpleHistoryAdmin):
    """For tracked models without translated fields."""


class TranslatedHistoryAdmin(HistoryAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    """For tracked models with `_lv`/`_en` fields: both languages side by side."""
