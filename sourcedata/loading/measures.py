"""plans/*.toml, second pass (once the council's meetings exist): the plan's revisions and its measures."""

from collections import Counter

from django.core.management.base import CommandError

from commitments.models import Measure
from plans.models import ActionPlan, PlanRevision

from .base import LoaderBase
from .files import Entry

# Unnumbered measures sort after the numbered ones of their commitment.
UNNUMBERED_ORDER_START = 100


class MeasuresReader(LoaderBase):
    def load_revisions_and_measures(self, filename: str, data: Entry) -> None:
        where = f"plans/{filename}"
        slug = data["plan"]["slug"]
        plan = self.plans[slug]
        if plan is None:
            return
        for i, entry in enumerate(data.get("revisions", [])):
            self._revision(plan, dict(entry), f"{where} › revisions[{i}]")
        unnumbered_order: Counter = Counter()
        for i, entry in enumerate(data.get("measures", [])):
            self._measure(plan, slug, dict(entry), unnumbered_order, f"{where} › measures[{i}]")

    def _revision(self, plan: ActionPlan, entry: Entry, where: str) -> None:
        ref = entry.pop("ref")
        meeting_ref = entry.pop("decided_at_meeting", None)
        if meeting_ref:
            entry["decided_at_meeting"] = self.lookup(self.meetings, meeting_ref, "meeting", where)
        key = {"plan": plan, "title_lv": entry.pop("title_lv")}
        self.revisions[ref] = self.ensure(PlanRevision, key, entry, where=where)

    def _measure(self, plan: ActionPlan, plan_slug: str, entry: Entry, unnumbered_order: Counter, where: str) -> None:
        ref = entry.pop("ref", None)
        number = entry.pop("number", "")
        if not ref and not number:
            raise CommandError(f"{where}: an unnumbered measure needs a `ref`.")
        commitment_number = entry.pop("commitment")
        if (plan_slug, commitment_number) not in self.commitments:
            raise CommandError(f"{where}: unknown commitment {commitment_number!r}.")
        commitment = self.commitments[(plan_slug, commitment_number)]
        if commitment is None:
            return
        if number:
            entry.setdefault("order", int(number.rsplit(".", 1)[-1]))
            key = {"plan": plan, "number": number}
        else:
            unnumbered_order[commitment_number] += 1
            entry.setdefault("order", UNNUMBERED_ORDER_START + unnumbered_order[commitment_number])
            key = {"plan": plan, "commitment": commitment, "number": "", "title_lv": entry.pop("title_lv")}
        fields = {"commitment": commitment, **entry} if number else entry
        measure = self.ensure(Measure, key, *self._measure_fields(fields, where), where=where)
        for name in filter(None, (number, ref)):
            if (plan_slug, name) in self.measures:
                raise CommandError(f"{where}: measure {name!r} appears twice.")
            self.measures[(plan_slug, name)] = measure

    def _measure_fields(self, fields: Entry, where: str) -> tuple[Entry, dict]:
        """The measure's references resolved: its fields and its many-to-many values."""
        fields["responsible_institution"] = self.institution(fields.pop("responsible_institution", None), where)
        revision_ref = fields.pop("added_by_revision", None)
        if revision_ref:
            fields["added_by_revision"] = self.lookup(self.revisions, revision_ref, "revision", where)
        m2m = {
            "co_responsible_institutions": self.institution_list(fields.pop("co_responsible_institutions", []), where),
            "other_implementers": self.institution_list(fields.pop("other_implementers", []), where),
        }
        return fields, m2m
