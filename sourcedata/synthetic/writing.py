"""Writing a generated data set: bulk inserts, many-to-many rows and history rows; removing an earlier run.

Benchmark data, so bulk writes for speed rather than the services: nothing here sends the signals
that invalidate the public pages, so the command runs inside `bulk_changes()`, which calls
`invalidate_public_pages()` once when it ends.
"""

import datetime

from django.contrib.auth import get_user_model
from django.test.utils import override_settings

from commitments.models import Commitment, Measure, MeasureStatus, ProgressEntry
from consultations.models import Consultation, Proposal
from council.models import AgendaItem, Attendance, Council, CouncilMember, Meeting
from institutions.models import Institution
from plans.models import ActionPlan, FundingAmount, FundingSource, PlanLink, PlanPhase, PlanRevision, ReportingRound

from .base import GeneratorBase
from .vocabulary import CHANGE_REASON, PLAN_START, synthetic_prefix

# Every model the generator writes, children after parents (for deletion, reversed).
CONTENT_MODELS = [
    Institution,
    ActionPlan,
    PlanPhase,
    PlanLink,
    ReportingRound,
    FundingSource,
    FundingAmount,
    Council,
    CouncilMember,
    Meeting,
    Attendance,
    PlanRevision,
    Commitment,
    Measure,
    ProgressEntry,
    Consultation,
    Proposal,
    AgendaItem,
]


def _link(through, pairs, left, right):
    through.objects.bulk_create([through(**{left: a, right: b}) for a, b in pairs], batch_size=2000)


class Writer(GeneratorBase):
    def _save(self) -> dict[str, int]:
        """Insert parents before children; bulk_create sets the primary keys the children need."""
        created: dict[str, int] = {"Institution": len(self.institutions), "User": len(self.editors)}

        def insert(model, objs):
            # bulk_create picks up the primary keys the parents received in earlier inserts.
            model.objects.bulk_create(objs, batch_size=1000)
            created[model.__name__] = created.get(model.__name__, 0) + len(objs)

        insert(ActionPlan, self.plans)
        for model in CONTENT_MODELS[2:]:
            insert(model, self.rows.by_model.get(model, []))

        self._m2m()
        self._history(created)
        self._measure_history(created)
        return created

    def _m2m(self) -> None:
        commitments = self.rows.by_model[Commitment]
        measures = self.rows.by_model[Measure]
        leads = [(c.pk, i.pk) for c in commitments for i in c._leads]
        _link(Commitment.lead_institutions.through, leads, "commitment_id", "institution_id")
        co_responsible = [(m.pk, i.pk) for m in measures for i in m.co_responsible]
        _link(Measure.co_responsible_institutions.through, co_responsible, "measure_id", "institution_id")
        implementers = [(m.pk, i.pk) for m in measures for i in m.implementers]
        _link(Measure.other_implementers.through, implementers, "measure_id", "institution_id")
        funding = [(m.pk, s.pk) for m in measures for s in m.funding]
        _link(Measure.funding_sources.through, funding, "measure_id", "fundingsource_id")
        proposals = [(p.pk, m.pk) for p in self.rows.by_model[Proposal] for m in p._measures]
        _link(Proposal.measures.through, proposals, "proposal_id", "measure_id")
        agenda = [(a.pk, m.pk) for a in self.rows.by_model[AgendaItem] for m in a._measures]
        _link(AgendaItem.measures.through, agenda, "agendaitem_id", "measure_id")

    def _history(self, created: dict[str, int]) -> None:
        """A creation row for every record but the measures (see _measure_history)."""
        editor = self.editors[0]
        everything = {ActionPlan: self.plans, Institution: self.institutions, **self.rows.by_model}
        for model, objs in everything.items():
            manager = getattr(model, "history", None)
            if manager is None or not objs or model is Measure:
                continue
            day = getattr(objs[0], "period_start", None) or PLAN_START
            manager.bulk_history_create(
                objs,
                batch_size=1000,
                default_user=editor,
                default_change_reason=CHANGE_REASON,
                default_date=self.at(day - datetime.timedelta(days=60)),
            )
            created[f"history of {model.__name__}"] = len(objs)

    def _measure_history(self, created: dict[str, int]) -> None:
        """For each measure a creation row, then one row per edit with its reason."""
        rng = self.rng
        HistoricalMeasure = Measure.history.model
        tracked = [f.attname for f in HistoricalMeasure.tracked_fields]
        rows = []
        for measure in self.rows.by_model[Measure]:
            values = {name: getattr(measure, name) for name in tracked}
            version = 1
            values.update(status=MeasureStatus.NO_INFORMATION, progress_percent=None, version=version)
            rows.append(
                HistoricalMeasure(
                    **values,
                    history_date=self.at(measure.plan.period_start - datetime.timedelta(days=30)),
                    history_type="+",
                    history_user=self.editors[0],
                    history_change_reason=CHANGE_REASON,
                )
            )
            for day, reason, status, percent in measure.edits:
                version += 1
                if status is not None:
                    values.update(status=status, progress_percent=percent)
                values.update(version=version)
                rows.append(
                    HistoricalMeasure(
                        **values,
                        history_date=self.at(day, hour=rng.randrange(9, 17)),
                        history_type="~",
                        history_user=rng.choice(self.editors),
                        history_change_reason=reason,
                    )
                )
        HistoricalMeasure.objects.bulk_create(rows, batch_size=2000)
        created["history of Measure"] = len(rows)


def delete_synthetic(seed: int) -> int:
    """Remove an earlier run with this seed, with its history rows."""
    prefix = synthetic_prefix(seed)
    plan_ids = list(ActionPlan.objects.filter(slug__startswith=prefix).values_list("pk", flat=True))
    measure_ids = list(Measure.objects.filter(plan__in=plan_ids).values_list("pk", flat=True))
    # No "deleted" history row per synthetic record: that would only be noise.
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        Council.objects.filter(plan__in=plan_ids).delete()
        Measure.objects.filter(pk__in=measure_ids).delete()
        Commitment.objects.filter(plan__in=plan_ids).delete()
        ActionPlan.objects.filter(pk__in=plan_ids).delete()
        Institution.objects.filter(slug__startswith=prefix).delete()
        get_user_model().objects.filter(username__startswith=prefix).delete()
    Measure.history.filter(id__in=measure_ids).delete()
    for model in CONTENT_MODELS:
        # Only the generator writes this change reason; rows whose record is gone were ours.
        model.history.filter(history_change_reason=CHANGE_REASON).exclude(id__in=model.objects.values("pk")).delete()
    return len(plan_ids)
