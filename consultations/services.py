"""Writes of consultations and their proposals: the coordinator's, validated, one history row with its reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts import policy
from ogp_portal.history.writes import AS_READ, save_versioned


@transaction.atomic
def consultation_save(
    *, instance: models.Model, user, reason: str = "", expected_version: int | None = AS_READ, m2m: dict | None = None
) -> models.Model:
    """A Consultation or a Proposal (the measures it led to in `m2m`)."""
    if not policy.is_coordinator(user):
        raise PermissionDenied(_("Only the coordinator changes consultations."))
    return save_versioned(instance, user=user, reason=reason, expected_version=expected_version, m2m=m2m)
