"""Load the real data that ships with the portal: the TOML files under `fixtures/`.

The files hold what the State Chancellery's source documents say about the plans, the
institutions and the supervisory council (see the comments in each file). The command is run by
`make run` on every start, so it has to be safe to repeat:

- It only creates what is missing, matched on natural keys (plan slug, institution slug,
  commitment number, measure number, meeting date, ...). It never updates a record that exists, so
  whatever staff changed in the admin stays as they left it.
- A record whose key staff changed (a renamed unnumbered measure, a renumbered one) is still
  recognised through its history rows, and one that staff deleted is not brought back.
- Everything runs in one transaction: a bad fixture raises a clear error and leaves the database
  as it was.
- Each created record gets a history row with the reason "Sākotnējā ielāde no avota dokumentiem"
  ("initial load from source documents").
"""

import re
import tomllib
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from commitments.models import Commitment, Measure
from consultations.models import Consultation, Proposal
from council.models import AgendaItem, Attendance, AttendanceKind, Council, CouncilMember, Meeting, MeetingDocument
from institutions.models import Institution, InstitutionName
from plans.models import ActionPlan, FundingAmount, FundingSource, PlanLink, PlanPhase, PlanRevision, ReportingRound

# Stored text, read by the State Chancellery's staff next to their own reasons: in Latvian, the language of
# the content and of the admin by default.
CHANGE_REASON = "Sākotnējā ielāde no avota dokumentiem"

# Left behind by the Word/PDF-to-text conversion of the seeds; the fixtures must be clean of them.
ARTEFACTS = re.compile(r"\[bookmark:|\[footnote|\u00a0")

# Unnumbered measures sort after the numbered ones of their commitment.
UNNUMBERED_ORDER_START = 100

Entry = dict[str, Any]


def default_source_dir() -> Path:
    return Path(settings.BASE_DIR) / "fixtures"


class Loader:
    def __init__(self, source_dir: Path):
        self.source_dir = source_dir
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.institutions: dict[str, Institution | None] = {}
        self.plans: dict[str, ActionPlan | None] = {}
        self.commitments: dict[tuple[str, int], Commitment | None] = {}
        self.revisions: dict[str, PlanRevision | None] = {}
        self.meetings: dict[str, Meeting | None] = {}
        self.measures: dict[tuple[str, str], Measure | None] = {}

    # --- reading -----------------------------------------------------------------------------

    def read(self) -> tuple[list[Entry], list[tuple[str, Entry]], list[tuple[str, Entry]]]:
        if not self.source_dir.is_dir():
            raise CommandError(f"No fixtures directory at {self.source_dir}.")
        institutions = self._read_file(self.source_dir / "institutions.toml").get("institutions", [])
        plans = [(p.name, self._read_file(p)) for p in sorted((self.source_dir / "plans").glob("*.toml"))]
        councils = [(p.name, self._read_file(p)) for p in sorted((self.source_dir / "councils").glob("*.toml"))]
        return institutions, plans, councils

    def _read_file(self, path: Path) -> Entry:
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError as exc:
            raise CommandError(f"Missing fixture file {path.name}.") from exc
        except tomllib.TOMLDecodeError as exc:
            raise CommandError(f"{path.name} is not valid TOML: {exc}") from exc
        return self._clean(data, path.name)

    def _clean(self, value: Any, where: str) -> Any:
        """Strip strings (TOML block strings end in a newline) and refuse conversion artefacts."""
        if isinstance(value, dict):
            return {k: self._clean(v, f"{where} › {k}") for k, v in value.items()}
        if isinstance(value, list):
            return [self._clean(v, f"{where}[{i}]") for i, v in enumerate(value)]
        if isinstance(value, str):
            match = ARTEFACTS.search(value)
            if match:
                raise CommandError(
                    f"{where} contains a document-conversion artefact ({match.group()!r}): clean the fixture."
                )
            return value.strip()
        return value

    # --- the generic "create if missing" --------------------------------------------------------

    def find(self, model, key: dict):
        """The record with this natural key; the one that had it once (staff changed it); or None.

        Returns (record, deleted): `deleted` is True when the history shows that such a record
        existed and was deleted, which the loader respects by not creating it again.
        """
        live = model._default_manager.filter(**key).first()
        if live is not None:
            return live, False
        pks = set(model.history.filter(**key).values_list("id", flat=True))
        if not pks:
            return None, False
        renamed = model._default_manager.filter(pk__in=pks).order_by("pk").first()
        return renamed, renamed is None

    def ensure(self, model, key: dict, fields: dict | None = None, m2m: dict | None = None, where: str = ""):
        obj, deleted = self.find(model, key)
        name = model.__name__
        if deleted:
            self.counts[name]["skipped (deleted by staff)"] += 1
            return None
        if obj is not None:
            self.counts[name]["already present"] += 1
            return obj
        try:
            obj = model(**key, **(fields or {}))
        except TypeError as exc:
            raise CommandError(f"{where}: {exc}") from exc
        obj._change_reason = CHANGE_REASON
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise CommandError(f"{where}: {exc.message_dict if hasattr(exc, 'error_dict') else exc.messages}") from exc
        obj.save()
        for field, values in (m2m or {}).items():
            values = [v for v in values if v is not None]
            if values:
                getattr(obj, field).set(values)
        self.counts[name]["created"] += 1
        return obj

    # --- references between records -------------------------------------------------------------

    def institution(self, slug: str | None, where: str) -> Institution | None:
        if not slug:
            return None
        if slug not in self.institutions:
            raise CommandError(f"{where}: unknown institution {slug!r} (not in institutions.toml).")
        return self.institutions[slug]

    def institution_list(self, slugs: list[str], where: str) -> list[Institution | None]:
        return [self.institution(slug, where) for slug in slugs]

    def measure(self, plan_slug: str, ref: str, where: str) -> Measure | None:
        if (plan_slug, ref) not in self.measures:
            raise CommandError(f"{where}: unknown measure {ref!r} in plan {plan_slug!r}.")
        return self.measures[(plan_slug, ref)]

    def _lookup(self, table: dict, ref: str, what: str, where: str):
        if ref not in table:
            raise CommandError(f"{where}: unknown {what} {ref!r}.")
        return table[ref]

    # --- institutions -----------------------------------------------------------------------------

    def load_institutions(self, entries: list[Entry]) -> None:
        pending = list(enumerate(entries))
        # Parents first, whatever the order in the file.
        while pending:
            waiting = []
            for i, entry in pending:
                parent = entry.get("parent")
                if parent and parent not in self.institutions:
                    waiting.append((i, entry))
                    continue
                self._institution(entry, f"institutions.toml › institutions[{i}]")
            if len(waiting) == len(pending):
                i, entry = waiting[0]
                raise CommandError(f"institutions.toml › institutions[{i}]: unknown parent {entry['parent']!r}.")
            pending = waiting

    def _institution(self, entry: Entry, where: str) -> None:
        fields = dict(entry)
        slug = fields.pop("slug")
        if slug in self.institutions:
            raise CommandError(f"{where}: slug {slug!r} appears twice.")
        former_names = fields.pop("former_names", [])
        fields["parent"] = self.institution(fields.pop("parent", None), where)
        inst = self.ensure(Institution, {"slug": slug}, fields, where=where)
        self.institutions[slug] = inst
        if inst is None:
            return
        for j, former in enumerate(former_names):
            former = dict(former)
            key = {"institution": inst, "valid_until": former.pop("valid_until")}
            self.ensure(InstitutionName, key, former, where=f"{where} › former_names[{j}]")

    # --- plans --------------------------------------------------------------------------------------

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

    def load_revisions_and_measures(self, filename: str, data: Entry) -> None:
        where = f"plans/{filename}"
        slug = data["plan"]["slug"]
        plan = self.plans[slug]
        if plan is None:
            return
        for i, entry in enumerate(data.get("revisions", [])):
            entry = dict(entry)
            w = f"{where} › revisions[{i}]"
            ref = entry.pop("ref")
            meeting_ref = entry.pop("decided_at_meeting", None)
            if meeting_ref:
                entry["decided_at_meeting"] = self._lookup(self.meetings, meeting_ref, "meeting", w)
            key = {"plan": plan, "title_lv": entry.pop("title_lv")}
            self.revisions[ref] = self.ensure(PlanRevision, key, entry, where=w)

        unnumbered_order: Counter = Counter()
        for i, entry in enumerate(data.get("measures", [])):
            self._measure(plan, slug, dict(entry), unnumbered_order, f"{where} › measures[{i}]")

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
        fields["responsible_institution"] = self.institution(fields.pop("responsible_institution", None), where)
        revision_ref = fields.pop("added_by_revision", None)
        if revision_ref:
            fields["added_by_revision"] = self._lookup(self.revisions, revision_ref, "revision", where)
        m2m = {
            "co_responsible_institutions": self.institution_list(fields.pop("co_responsible_institutions", []), where),
            "other_implementers": self.institution_list(fields.pop("other_implementers", []), where),
        }
        measure = self.ensure(Measure, key, fields, m2m=m2m, where=where)
        for name in filter(None, (number, ref)):
            if (plan_slug, name) in self.measures:
                raise CommandError(f"{where}: measure {name!r} appears twice.")
            self.measures[(plan_slug, name)] = measure

    def load_consultations(self, filename: str, data: Entry) -> None:
        where = f"plans/{filename}"
        plan = self.plans[data["plan"]["slug"]]
        if plan is None:
            return
        for i, entry in enumerate(data.get("consultations", [])):
            entry = dict(entry)
            w = f"{where} › consultations[{i}]"
            proposals = entry.pop("proposals", [])
            revision_ref = entry.pop("revision", None)
            if revision_ref:
                entry["revision"] = self._lookup(self.revisions, revision_ref, "revision", w)
            consultation = self.ensure(
                Consultation, {"plan": plan, "period_start": entry.pop("period_start")}, entry, where=w
            )
            if consultation is None:
                continue
            for j, proposal in enumerate(proposals):
                proposal = dict(proposal)
                pw = f"{w} › proposals[{j}]"
                proposal["author_institution"] = self.institution(proposal.pop("author_institution", None), pw)
                measures = [self.measure(plan.slug, ref, pw) for ref in proposal.pop("measures", [])]
                self.ensure(
                    Proposal,
                    {"consultation": consultation, "order": proposal.pop("order")},
                    proposal,
                    m2m={"measures": measures},
                    where=pw,
                )

    # --- the council ------------------------------------------------------------------------------

    def load_council(self, filename: str, data: Entry) -> tuple[Council | None, str]:
        where = f"councils/{filename}"
        fields = dict(data["council"])
        plan_slug = fields.pop("plan")
        fields["plan"] = self._lookup(self.plans, plan_slug, "plan", where)
        council = self.ensure(Council, {"name_lv": fields.pop("name_lv")}, fields, where=f"{where} › council")
        if council is None:
            return None, plan_slug

        members: dict[str, CouncilMember | None] = {}
        for i, entry in enumerate(data.get("members", [])):
            entry = dict(entry)
            w = f"{where} › members[{i}]"
            person = entry.pop("person_name")
            entry["institution"] = self.institution(entry.pop("institution", None), w)
            members[person] = self.ensure(CouncilMember, {"council": council, "person_name": person}, entry, where=w)

        for i, entry in enumerate(data.get("meetings", [])):
            self._meeting(council, members, dict(entry), f"{where} › meetings[{i}]")
        return council, plan_slug

    def _meeting(self, council: Council, members: dict, entry: Entry, where: str) -> None:
        ref = entry.pop("ref")
        entry.pop("agenda", None)  # loaded once the measures exist
        attending = entry.pop("member_attendance", [])
        others = entry.pop("other_attendance", [])
        documents = entry.pop("documents", [])
        chair = entry.pop("chair", None)
        if chair:
            entry["chair"] = self._lookup(members, chair, "council member", where)
        meeting = self.ensure(Meeting, {"council": council, "date": entry.pop("date")}, entry, where=where)
        self.meetings[ref] = meeting
        if meeting is None:
            return
        for order, person in enumerate(attending, start=1):
            member = self._lookup(members, person, "council member", f"{where} › member_attendance")
            if member is None:
                continue
            self.ensure(
                Attendance,
                {"meeting": meeting, "kind": AttendanceKind.MEMBER, "order": order},
                {
                    "member": member,
                    "person_name": member.person_name,
                    "role_lv": member.role_lv,
                    "role_en": member.role_en,
                    "institution": member.institution,
                },
                where=f"{where} › member_attendance[{order - 1}]",
            )
        for order, other in enumerate(others, start=1):
            other = dict(other)
            w = f"{where} › other_attendance[{order - 1}]"
            other["institution"] = self.institution(other.pop("institution", None), w)
            self.ensure(Attendance, {"meeting": meeting, "kind": AttendanceKind.OTHER, "order": order}, other, where=w)
        for j, doc in enumerate(documents):
            doc = dict(doc)
            key = {"meeting": meeting, "kind": doc.pop("kind"), "title_lv": doc.pop("title_lv")}
            self.ensure(MeetingDocument, key, doc, where=f"{where} › documents[{j}]")

    def load_agenda(self, filename: str, data: Entry, plan_slug: str) -> None:
        where = f"councils/{filename}"
        for i, meeting_entry in enumerate(data.get("meetings", [])):
            meeting = self.meetings[meeting_entry["ref"]]
            if meeting is None:
                continue
            for j, item in enumerate(meeting_entry.get("agenda", [])):
                item = dict(item)
                w = f"{where} › meetings[{i}] › agenda[{j}]"
                measures = [self.measure(plan_slug, ref, w) for ref in item.pop("measures", [])]
                self.ensure(
                    AgendaItem,
                    {"meeting": meeting, "order": item.pop("order")},
                    item,
                    m2m={"measures": measures},
                    where=w,
                )

    # --- all of it ----------------------------------------------------------------------------------

    def run(self) -> None:
        institutions, plans, councils = self.read()
        try:
            with transaction.atomic():
                self.load_institutions(institutions)
                for filename, data in plans:
                    self.load_plan_core(filename, data)
                loaded_councils = [(filename, data, *self.load_council(filename, data)) for filename, data in councils]
                for filename, data in plans:
                    self.load_revisions_and_measures(filename, data)
                for filename, data, council, plan_slug in loaded_councils:
                    if council is not None:
                        self.load_agenda(filename, data, plan_slug)
                for filename, data in plans:
                    self.load_consultations(filename, data)
        except KeyError as exc:
            raise CommandError(f"A fixture entry lacks the required key {exc}.") from exc


class Command(BaseCommand):
    help = (
        "Load the real plans, institutions, council and consultation data from fixtures/. "
        "Creates only what is missing; never changes existing records."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source-dir", type=Path, default=None, help="Directory with the fixture files (default: fixtures/)."
        )

    def handle(self, *args, source_dir=None, **options):
        loader = Loader(source_dir or default_source_dir())
        loader.run()
        created = sum(c["created"] for c in loader.counts.values())
        for model, counts in sorted(loader.counts.items()):
            parts = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
            self.stdout.write(f"  {model}: {parts}")
        self.stdout.write(self.style.SUCCESS(f"Real data loaded: {created} records created."))
