"""Writes of institutions and their former names: validated, one history row with its reason.

Institutions sit below accounts in the layering, so who may change them is asked by the caller (the
admin's permission methods, which follow accounts.policy); this module holds the write itself.
"""

from __future__ import annotations

from django.db import models, transaction

from ogp_portal.history.writes import AS_READ, save_versioned


@transaction.atomic
def institution_save(
    *, instance: models.Model, user, reason: str = "", expected_version: int | None = AS_READ, m2m: dict | None = None
) -> models.Model:
    """An Institution or an InstitutionName (a former name)."""
    return save_versioned(instance, user=user, reason=reason, expected_version=expected_version, m2m=m2m)
