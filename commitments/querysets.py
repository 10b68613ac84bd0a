"""The commitments app's QuerySets: each rule of what the public sees, what is overdue and who is involved,
written once and chained (`Measure.objects.published().overdue()`)."""

import datetime

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from plans.models import ActionPlanQuerySet

from .scales import DONE_STATUSES, ReviewState


class CommitmentQuerySet(models.QuerySet):
    @staticmethod
    def published_filter(prefix: str = "") -> Q:
        return ActionPlanQuerySet.published_filter(f"{prefix}plan__")

    def published(self):
        """The commitments of a published plan."""
        return self.filter(self.published_filter())

    def of_institutions(self, ids):
        """Commitments these institutions lead or have a measure in."""
        involved = (
            Q(lead_institutions__in=ids)
            | Q(measures__responsible_institution__in=ids)
            | Q(measures__co_responsible_institutions__in=ids)
            | Q(measures__other_implementers__in=ids)
        )
        return self.filter(pk__in=self.model._default_manager.filter(involved).values("pk"))


# How an institution takes part in a measure, and the field that says so.
INSTITUTION_ROLES = {
    "responsible": "responsible_institution",
    "co_responsible": "co_responsible_institutions",
    "other": "other_implementers",
}


class MeasureQuerySet(models.QuerySet):
    @staticmethod
    def published_filter(prefix: str = "") -> Q:
        return ActionPlanQuerySet.published_filter(f"{prefix}plan__")

    def published(self):
        """The measures of a published plan."""
        return self.filter(self.published_filter())

    @staticmethod
    def overdue_filter(today: datetime.date | None = None, prefix: str = "") -> Q:
        """is_overdue() as a condition on the measure reached through `prefix`, for filters and counts."""
        return Q(**{f"{prefix}due_date__lt": today or timezone.localdate()}) & ~Q(
            **{f"{prefix}status__in": DONE_STATUSES}
        )

    def not_done(self):
        return self.exclude(status__in=DONE_STATUSES)

    def overdue(self, today: datetime.date | None = None):
        return self.filter(self.overdue_filter(today))

    def not_overdue(self, today: datetime.date | None = None):
        # Not exclude(overdue_filter): the negation would have to spell out how a missing due date counts.
        return self.exclude(pk__in=self.model.objects.overdue(today).values("pk"))

    @staticmethod
    def special_attention_filter(prefix: str = "", commitment: str = "commitment__") -> Q:
        """The measure, or its whole commitment (reached through `commitment`), needs special attention."""
        return Q(**{f"{prefix}special_attention": True}) | Q(**{f"{commitment}special_attention": True})

    def special_attention(self):
        return self.filter(self.special_attention_filter())

    def for_institution(self, institution):
        return self.filter(
            Q(responsible_institution=institution)
            | Q(co_responsible_institutions=institution)
            | Q(other_implementers=institution)
        ).distinct()

    def of_institutions(self, ids):
        """Measures these institutions are responsible for, co-responsible for or implement (several at once).

        A pk__in subquery rather than .distinct(), so the result can still be updated, deleted and ordered.
        """
        involved = (
            Q(responsible_institution__in=ids) | Q(co_responsible_institutions__in=ids) | Q(other_implementers__in=ids)
        )
        return self.filter(pk__in=self.model._default_manager.filter(involved).values("pk"))

    def in_role(self, role: str, institution):
        """The measures in which `institution` has `role` (a key of INSTITUTION_ROLES)."""
        return self.filter(**{INSTITUTION_ROLES[role]: institution})

    def role_counts(self, institution=None) -> dict[int, dict[str, int]]:
        """{institution pk: {role: number of these measures}}, for every institution or only the one given.

        For all institutions, one grouped query per role; order_by() drops the default ordering,
        which would otherwise split the groups by plan and commitment. For one, a count per role.
        """
        if institution is not None:
            return {institution.pk: {role: self.in_role(role, institution).count() for role in INSTITUTION_ROLES}}
        counts: dict[int, dict[str, int]] = {}
        for role, field in INSTITUTION_ROLES.items():
            rows = self.exclude(**{field: None}).values(field).annotate(n=Count("pk", distinct=True)).order_by()
            for row in rows:
                counts.setdefault(row[field], dict.fromkeys(INSTITUTION_ROLES, 0))[role] = row["n"]
        return counts


class ProgressEntryQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(review_state=ReviewState.APPROVED)

    def published(self):
        """What the public reads of a measure's progress: approved entries of a published measure."""
        return self.approved().filter(MeasureQuerySet.published_filter("measure__"))

    def of_institutions(self, ids):
        """Entries on the measures of these institutions (see MeasureQuerySet.of_institutions)."""
        measures = self.model._meta.get_field("measure").related_model.objects
        return self.filter(measure__in=measures.of_institutions(ids).values("pk"))
