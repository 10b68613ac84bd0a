"""institutions.toml: the institutions (parents first) and their former names."""

from django.core.management.base import CommandError

from institutions.models import Institution, InstitutionName

from .base import LoaderBase
from .files import Entry


class InstitutionsReader(LoaderBase):
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
