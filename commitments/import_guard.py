"""Spreadsheet imports respect roles: an institution editor's file touching anything outside their scope
is refused as a whole, each offending row named.

`scoped_resource(ResourceClass)` returns a subclass that checks every row against accounts.policy; the
admin mixin swaps it in for non-coordinators. The check raises a row ValidationError, and the shared
import base rolls the whole file back on any row error, so nothing of such a file is saved.
"""

from __future__ import annotations

from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from accounts import policy

from .models import Measure, ProgressEntry, ReviewState


def _measure_label(measure) -> str:
    return measure.number or f"#{measure.pk}"


class RoleScopedImportMixin:
    """Refuses rows an account may not write; coordinators (and imports without a user) pass unchanged."""

    def import_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if user is None or policy.is_coordinator(user):
            return super().import_instance(instance, row, **kwargs)
        before = self._refusal(instance, user, existing=True) if instance.pk else None
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            if before:
                raise ValidationError(before, code="out_of_scope") from error
            raise
        refusal = before or self._refusal(instance, user, existing=False)
        if refusal:
            raise ValidationError(refusal, code="out_of_scope")

    def _refusal(self, instance, user, *, existing: bool) -> str | None:
        if isinstance(instance, ProgressEntry):
            if existing:
                current = ProgressEntry.objects.select_related("measure", "reporting_round").get(pk=instance.pk)
                if not policy.can_edit_measure(user, current.measure):
                    return self._foreign(current.measure)
                if not policy.can_edit_entry(user, current):
                    return gettext(
                        "The report on measure %(measure)s for “%(round)s” is “%(state)s” and can no longer be "
                        "changed by its institution."
                    ) % {
                        "measure": _measure_label(current.measure),
                        "round": current.reporting_round,
                        "state": current.get_review_state_display(),
                    }
                if instance.review_state != current.review_state:
                    return gettext("Only the coordinator changes the review state.")
                return None
            if instance.measure_id is None or instance.reporting_round_id is None:
                return None  # the row already has an error for the missing key
            if not policy.can_edit_measure(user, instance.measure):
                return self._foreign(instance.measure)
            if not policy.can_create_entry(user, instance.measure, instance.reporting_round):
                return gettext("Round “%(round)s” is not open for reports.") % {"round": instance.reporting_round}
            if instance.review_state not in ("", ReviewState.DRAFT):
                return gettext("Only the coordinator changes the review state.")
            return None
        if isinstance(instance, Measure) and existing and not policy.can_edit_measure(user, instance):
            return self._foreign(instance)
        # Measures (and everything else) are imported by the coordinator only: a measure row can move the
        # measure to another institution or change its status, which editors may not do.
        return gettext("Only the coordinator imports %(models)s.") % {
            "models": type(instance)._meta.verbose_name_plural
        }

    @staticmethod
    def _foreign(measure) -> str:
        institution = measure.responsible_institution
        return gettext(
            "Measure %(measure)s belongs to %(institution)s, not to an institution you report for: the whole "
            "file was refused."
        ) % {"measure": _measure_label(measure), "institution": institution or gettext("another institution")}


@cache
def scoped_resource(resource_class):
    """The same resource, refusing out-of-scope rows (one subclass per resource class, made once)."""
    return type(f"RoleScoped{resource_class.__name__}", (RoleScopedImportMixin, resource_class), {})
