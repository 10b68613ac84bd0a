"""plans/*.toml, first pass: the plan, its phases, links, commitments, funding and reporting rounds."""

from decimal import Decimal

from commitments.models import Commitment
from plans.models import ActionPlan, FundingAmount, FundingSource, PlanLink, PlanPhase, ReportingRound

from .base import LoaderBase
from .files import Entry


class PlansReader(LoaderBase):
    def load_plan_core(self, filename: str, data: Entry) -> None:
        fields = dict(data["plan"])
        slug = fields.pop("slug")
        where = f"plans/{filename}"
        fields["coordinator"] = self.institution(fields.pop("coordinator", None), where)
        plan = self.ensure(ActionPlan, {"slug": slug}, fields, where=f"{where} › plan")
        self.plans[slug] = plan
        if plan is None:
            return
        for i, phase in enumerate(data.get("phases", [])):
            phase = dict(phase)
            self.ensure(PlanPhase, {"plan": plan, "order": phase.pop("order")}, phase, where=f"{where} › phases[{i}]")
        for i, link in enumerate(data.get("links", [])):
            link = dict(link)
            self.ensure(PlanLink, {"plan": plan, "url": link.pop("url")}, link, where=f"{where} › links[{i}]")
        for i, entry in enumerate(data.get("commitments", [])):
            self._commitment(plan, slug, dict(entry), f"{where} › commitments[{i}]")
        for i, entry in enumerate(data.get("funding_sources", [])):
            self._funding_source(plan, dict(entry), f"{where} › funding_sources[{i}]")
        for i, entry in enumerate(data.get("reporting_rounds", [])):
            entry = dict(entry)
            key = {"plan": plan, "period_start": entry.pop("period_start"), "period_end": entry.pop("period_end")}
            self.ensure(ReportingRound, key, entry, where=f"{where} › reporting_rounds[{i}]")

    def _commitment(self, plan: ActionPlan, plan_slug: str, entry: Entry, where: str) -> None:
        number = entry.pop("number")
        leads = self.institution_list(entry.pop("lead_institutions", []), where)
        commitment = self.ensure(
            Commitment, {"plan": plan, "number": number}, entry, m2m={"lead_institutions": leads}, where=where
        )
        self.commitments[(plan_slug, number)] = commitment

    def _funding_source(self, plan: ActionPlan, entry: Entry, where: str) -> None:
        yearly = entry.pop("yearly_amounts", [])
        if entry.get("total_amount") is not None:
            entry["total_amount"] = Decimal(str(entry["total_amount"]))
        source = self.ensure(FundingSource, {"plan": plan, "title_lv": entry.pop("title_lv")}, entry, where=where)
        if source is None:
            return
        for j, amount in enumerate(yearly):
            self.ensure(
                FundingAmount,
                {"source": source, "year": amount["year"]},
                {"amount": Decimal(str(amount["amount"]))},
                where=f"{where} › yearly_amounts[{j}]",
            )
