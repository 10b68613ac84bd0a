"""Small, explicit builders for test data. Each returns a saved object."""

import datetime
import itertools

from commitments.models import Commitment, Measure, MeasureStatus, ProgressEntry, ReviewState
from institutions.models import Institution, InstitutionKind
from plans.models import ActionPlan, PlanStatus, ReportingRound

_seq = itertools.count(1)


def make_institution(**kw) -> Institution:
    n = next(_seq)
    defaults = {
        "slug": f"inst-{n}",
        "name": f"Iestāde {n}",
        "name_en": f"Institution {n}",
        "abbreviation": f"I{n}",
        "kind": InstitutionKind.MINISTRY,
    }
    defaults.update(kw)
    return Institution.objects.create(**defaults)


def make_plan(**kw) -> ActionPlan:
    n = next(_seq)
    defaults = {
        "slug": f"plan-{n}",
        "title": f"Rīcības plāns {n}",
        "title_en": f"Action plan {n}",
        "short_name": f"Plāns {n}",
        "period_start": datetime.date(2022, 1, 1),
        "period_end": datetime.date(2025, 12, 31),
        "status": PlanStatus.IMPLEMENTATION,
    }
    defaults.update(kw)
    return ActionPlan.objects.create(**defaults)


def make_commitment(plan=None, **kw) -> Commitment:
    plan = plan or make_plan()
    number = kw.pop("number", None) or (plan.commitments.count() + 1)
    defaults = {"title": f"Apņemšanās {number}", "title_en": f"Commitment {number}"}
    defaults.update(kw)
    return Commitment.objects.create(plan=plan, number=number, **defaults)


def make_measure(commitment=None, **kw) -> Measure:
    commitment = commitment or make_commitment()
    n = commitment.measures.count() + 1
    defaults = {
        "number": f"{commitment.number}.{n}",
        "order": n,
        "title": f"Pasākums {commitment.number}.{n}",
        "title_en": f"Measure {commitment.number}.{n}",
        "status": MeasureStatus.LIMITED,
    }
    defaults.update(kw)
    return Measure.objects.create(plan=commitment.plan, commitment=commitment, **defaults)


def make_round(plan=None, **kw) -> ReportingRound:
    plan = plan or make_plan()
    n = next(_seq)
    defaults = {
        "title": f"Kārta {n}",
        "period_start": datetime.date(2000 + n % 50, 1, 1),
        "period_end": datetime.date(2000 + n % 50, 12, 31),
        "deadline": datetime.date(2001 + n % 50, 3, 1),
    }
    defaults.update(kw)
    return ReportingRound.objects.create(plan=plan, **defaults)


def make_entry(measure=None, reporting_round=None, **kw) -> ProgressEntry:
    measure = measure or make_measure()
    reporting_round = reporting_round or make_round(plan=measure.plan)
    defaults = {
        "status": MeasureStatus.SUBSTANTIAL,
        "narrative": "Paveikts darbs.",
        "review_state": ReviewState.APPROVED,
    }
    defaults.update(kw)
    return ProgressEntry.objects.create(measure=measure, reporting_round=reporting_round, **defaults)


def make_evidence(entry, *, content: bytes = b"%PDF-1.4\n%%EOF\n", name: str = "pierādījums.pdf", **kw):
    """A stored evidence file, bypassing the upload checks (those are tested through the service)."""
    from django.core.files.base import ContentFile

    from commitments.models import EvidenceFile

    defaults = {"original_name": name, "content_type": "application/pdf", "size": len(content), "sha256": "0" * 64}
    defaults.update(kw)
    evidence = EvidenceFile(entry=entry, **defaults)
    evidence.file.save("upload", ContentFile(content), save=False)
    evidence.save()
    return evidence
