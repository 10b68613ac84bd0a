"""plans/*.toml, last pass (once the measures exist): the plan's consultations and their proposals."""

from consultations.models import Consultation, Proposal
from plans.models import ActionPlan

from .base import LoaderBase
from .files import Entry


class ConsultationsReader(LoaderBase):
    def load_consultations(self, filename: str, data: Entry) -> None:
        where = f"plans/{filename}"
        plan = self.plans[data["plan"]["slug"]]
        if plan is None:
            return
        for i, entry in enumerate(data.get("consultations", [])):
            self._consultation(plan, dict(entry), f"{where} › consultations[{i}]")

    def _consultation(self, plan: ActionPlan, entry: Entry, where: str) -> None:
        proposals = entry.pop("proposals", [])
        revision_ref = entry.pop("revision", None)
        if revision_ref:
            entry["revision"] = self.lookup(self.revisions, revision_ref, "revision", where)
        consultation = self.ensure(
            Consultation, {"plan": plan, "period_start": entry.pop("period_start")}, entry, where=where
        )
        if consultation is None:
            return
        for j, proposal in enumerate(proposals):
            proposal = dict(proposal)
            pw = f"{where} › proposals[{j}]"
            proposal["author_institution"] = self.institution(proposal.pop("author_institution", None), pw)
            measures = [self.measure(plan.slug, ref, pw) for ref in proposal.pop("measures", [])]
            self.ensure(
                Proposal,
                {"consultation": consultation, "order": proposal.pop("order")},
                proposal,
                m2m={"measures": measures},
                where=pw,
            )
