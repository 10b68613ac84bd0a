"""The loader's core: "create if missing" on natural keys, and the references between the files' records."""

from collections import Counter, defaultdict
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from commitments.models import Commitment, Measure
from council.models import Meeting
from institutions.models import Institution
from plans.models import ActionPlan, PlanRevision

from .writes import create


class LoaderBase:
    def __init__(self, source_dir: Path):
        self.source_dir = source_dir
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.institutions: dict[str, Institution | None] = {}
        self.plans: dict[str, ActionPlan | None] = {}
        self.commitments: dict[tuple[str, int], Commitment | None] = {}
        self.revisions: dict[str, PlanRevision | None] = {}
        self.meetings: dict[str, Meeting | None] = {}
        self.measures: dict[tuple[str, str], Measure | None] = {}

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
        """The record with this key, created through its service if missing; None if staff deleted it.

        A record that exists is returned as it is: what staff changed in the admin stays.
        """
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
        try:
            create(obj, m2m=m2m or {})
        except ValidationError as exc:
            raise CommandError(f"{where}: {exc.message_dict if hasattr(exc, 'error_dict') else exc.messages}") from exc
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

    def lookup(self, table: dict, ref: str, what: str, where: str):
        if ref not in table:
            raise CommandError(f"{where}: unknown {what} {ref!r}.")
        return table[ref]
