"""The public change log of a measure: every past version, what changed and why.

Built from django-simple-history records with `diff_against`, restricted to an allow-list
of public fields: staff-only fields (internal note, version counter) and accounts (who made
the change) never leave this module. Related names are resolved from a handful of queries
whatever the length of the history, so the measure page runs a fixed number of queries.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from commitments.models import Commitment, Measure
from institutions.models import Institution
from plans.models import FundingSource, PlanRevision
from portal.templatetags.portal_tags import status_label
from ui import formatting

# Diffed with diff_against(included_fields=...); an allow-list, so a new staff-only field stays private.
TEXT_FIELDS = ["title", "description", "expected_result", "indicator"]
LANGUAGES = ["lv", "en"]
SCALAR_FIELDS = [
    "number",
    *[f"{name}_{lang}" for name in TEXT_FIELDS for lang in LANGUAGES],
    "commitment",
    "responsible_institution",
    "start_date",
    "due_date",
    "status",
    "progress_percent",
    "special_attention",
    "added_by_revision",
]
M2M_FIELDS = {
    "co_responsible_institutions": "institution",
    "other_implementers": "institution",
    "funding_sources": "fundingsource",
}
LONG_FIELDS = {f"{name}_{lang}" for name in TEXT_FIELDS[1:] for lang in LANGUAGES}


@dataclass
class FieldChange:
    field: str
    label: str
    old: str
    new: str
    long: bool = False
    lang: str = ""  # the language of a translated field's values, for the `lang` attribute


@dataclass
class ChangeLogEntry:
    date: datetime.datetime
    created: bool
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _label(name: str) -> str:
    for lang in LANGUAGES:
        if name.endswith(f"_{lang}"):
            base = Measure._meta.get_field(name[: -len(lang) - 1]).verbose_name
            language = _("in Latvian") if lang == "lv" else _("in English")
            return f"{capfirst(base)} ({language})"
    return str(capfirst(Measure._meta.get_field(name).verbose_name))


def measure_change_log(measure: Measure) -> list[ChangeLogEntry]:
    """Newest first. Versions whose only changes are to staff-only fields are left out."""
    history_model = Measure.history.model
    records = list(Measure.history.filter(id=measure.pk).order_by("history_date", "history_id"))
    if not records:
        return []
    record_ids = [r.history_id for r in records]

    m2m: dict[str, dict[int, frozenset]] = {}
    m2m_models = {}
    for name, target in M2M_FIELDS.items():
        m2m_model = history_model._meta.get_field(f"historicalmeasure_{name}").related_model
        m2m_models[name] = m2m_model
        sets: dict[int, set] = {pk: set() for pk in record_ids}
        for history_id, target_id in m2m_model.objects.filter(history_id__in=record_ids).values_list(
            "history_id", f"{target}_id"
        ):
            sets[history_id].add(target_id)
        m2m[name] = {pk: frozenset(ids) for pk, ids in sets.items()}

    # Everything the history refers to, one query per model (subqueries, so never skipped when empty).
    own_history = history_model.objects.filter(id=measure.pk)
    institutions = {
        i.pk: i
        for i in Institution.objects.filter(
            Q(pk__in=own_history.values("responsible_institution"))
            | Q(
                pk__in=m2m_models["co_responsible_institutions"]
                .objects.filter(history__id=measure.pk)
                .values("institution")
            )
            | Q(pk__in=m2m_models["other_implementers"].objects.filter(history__id=measure.pk).values("institution"))
        ).prefetch_related("former_names")
    }
    commitments = {c.pk: c for c in Commitment.objects.filter(pk__in=own_history.values("commitment"))}
    revisions = {r.pk: r for r in PlanRevision.objects.filter(pk__in=own_history.values("added_by_revision"))}
    funding = {
        f.pk: f
        for f in FundingSource.objects.filter(
            pk__in=m2m_models["funding_sources"].objects.filter(history__id=measure.pk).values("fundingsource")
        )
    }

    def show(name: str, value, on: datetime.date) -> str:
        if value is None or value == "":
            return ""
        if name == "status":
            return status_label(value)
        if name in ("start_date", "due_date"):
            return formatting.long_date(value)
        if name == "special_attention":
            return _("Yes") if value else _("No")
        if name == "progress_percent":
            return formatting.percent(value)
        if name == "responsible_institution":
            return institutions[value].name_on(on) if value in institutions else ""
        if name == "commitment":
            return str(commitments[value]) if value in commitments else ""
        if name == "added_by_revision":
            return revisions[value].title if value in revisions else ""
        return str(value)

    def show_set(name: str, ids: frozenset, on: datetime.date) -> str:
        if name == "funding_sources":
            names = [str(funding[pk]) for pk in ids if pk in funding]
        else:
            names = [institutions[pk].name_on(on) for pk in ids if pk in institutions]
        return "; ".join(sorted(names, key=str.casefold))

    entries = []
    previous = None
    for record in records:
        on = record.history_date.date()
        reason = record.history_change_reason or ""
        if record.history_type == "+" or previous is None:
            entries.append(ChangeLogEntry(date=record.history_date, created=True, reason=reason))
            previous = record
            continue
        delta = record.diff_against(previous, included_fields=SCALAR_FIELDS)
        changes = [
            FieldChange(
                field=c.field,
                label=_label(c.field),
                old=show(c.field, c.old, on),
                new=show(c.field, c.new, on),
                long=c.field in LONG_FIELDS,
                lang=c.field[-2:] if c.field[-3:-2] == "_" and c.field[-2:] in LANGUAGES else "",
            )
            for c in sorted(delta.changes, key=lambda c: SCALAR_FIELDS.index(c.field))
        ]
        for name in M2M_FIELDS:
            old_ids, new_ids = m2m[name][previous.history_id], m2m[name][record.history_id]
            if old_ids != new_ids:
                changes.append(
                    FieldChange(
                        field=name,
                        label=_label(name),
                        old=show_set(name, old_ids, on),
                        new=show_set(name, new_ids, on),
                    )
                )
        if changes:
            entries.append(ChangeLogEntry(date=record.history_date, created=False, reason=reason, changes=changes))
        previous = record
    entries.reverse()
    return entries
