"""How the loader writes: each model through its app's service, as the source loader, with the source reason."""

from collections.abc import Callable

from commitments.models import Commitment, Measure
from commitments.services import commitment_save, measure_save
from consultations.models import Consultation, Proposal
from consultations.services import consultation_save
from council.models import AgendaItem, Attendance, Council, CouncilMember, Meeting, MeetingDocument
from council.services import council_content_save
from institutions.models import Institution, InstitutionName
from institutions.services import institution_save
from ogp_portal.history.actors import SOURCE_LOAD_REASON, SOURCE_LOADER
from plans.models import ActionPlan, FundingAmount, FundingSource, PlanLink, PlanPhase, PlanRevision, ReportingRound
from plans.services import action_plan_save, plan_part_save, reporting_round_save

CHANGE_REASON = SOURCE_LOAD_REASON


def _as_instance(service: Callable) -> Callable:
    return lambda obj, **kwargs: service(instance=obj, **kwargs)


SERVICES: dict[type, Callable] = {
    Institution: _as_instance(institution_save),
    InstitutionName: _as_instance(institution_save),
    ActionPlan: lambda obj, **kwargs: action_plan_save(plan=obj, **kwargs),
    ReportingRound: lambda obj, **kwargs: reporting_round_save(reporting_round=obj, **kwargs),
    **{
        model: _as_instance(plan_part_save)
        for model in (PlanPhase, PlanLink, PlanRevision, FundingSource, FundingAmount)
    },
    Commitment: lambda obj, **kwargs: commitment_save(commitment=obj, **kwargs),
    Measure: lambda obj, **kwargs: measure_save(measure=obj, **kwargs),
    Consultation: _as_instance(consultation_save),
    Proposal: _as_instance(consultation_save),
    **{
        model: _as_instance(council_content_save)
        for model in (Council, CouncilMember, Meeting, AgendaItem, Attendance, MeetingDocument)
    },
}


def create(obj, *, m2m: dict[str, list]) -> None:
    """Create `obj` and its many-to-many values: one history row, no user, the source reason."""
    values = {name: [v for v in related if v is not None] for name, related in m2m.items()}
    SERVICES[type(obj)](obj, user=SOURCE_LOADER, reason=CHANGE_REASON, m2m=values)
