"""Benchmark: build the final report PDF for the real plan and for a synthetic plan ten times larger.

    .venv/bin/python bench/bench_reports.py [--scale 10] [--lang lv] [--keep DIR]

Runs in a scratch SQLite database (a temporary file, migrated here), so it never touches the
development or production data. Prints, per plan: measures, seconds, pages, pages per second,
PDF size and the process's peak memory (ru_maxrss) after the build. Not a test: the figures go
into docs/performance.md.
"""

import argparse
import datetime
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOREM = (
    "Institūcija organizēja darba grupas sanāksmes, apkopoja priekšlikumus un sagatavoja dokumenta projektu. "
    "Notika konsultācijas ar nevalstiskajām organizācijām un pašvaldībām; rezultāti publicēti tīmekļvietnē. "
)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def build_synthetic_plan(scale: int):
    """One plan `scale` times the real plan: scale×6 commitments with the real plan's measure counts."""
    from commitments.models import Commitment, Measure, MeasureStatus, ProgressEntry, ReviewState
    from consultations.models import Consultation, Proposal, ProposalOutcome
    from institutions.models import Institution, InstitutionKind
    from plans.models import ActionPlan, FundingAmount, FundingSource, PlanRevision, PlanStatus, ReportingRound

    per_commitment = (4, 3, 3, 3, 5, 4)
    statuses = [s for s in MeasureStatus if s != MeasureStatus.WITHDRAWN]
    institutions = [
        Institution.objects.create(
            slug=f"bench-inst-{i}",
            name=f"Sintētiska iestāde {i}",
            name_en=f"Synthetic institution {i}",
            kind=InstitutionKind.MINISTRY,
        )
        for i in range(22)
    ]
    plan = ActionPlan.objects.create(
        slug=f"bench-x{scale}",
        title=f"Sintētisks rīcības plāns ×{scale}",
        title_en=f"Synthetic action plan ×{scale}",
        short_name=f"Sintētisks ×{scale}",
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        status=PlanStatus.IMPLEMENTATION,
        coordinator=institutions[0],
    )
    rounds = [
        ReportingRound.objects.create(
            plan=plan,
            title="2022.–2023.",
            period_start=datetime.date(2022, 1, 1),
            period_end=datetime.date(2023, 12, 31),
            deadline=datetime.date(2024, 3, 1),
        ),
        ReportingRound.objects.create(
            plan=plan,
            title="2024.–2025.",
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2025, 12, 31),
            deadline=datetime.date(2026, 3, 1),
        ),
    ]
    revision = PlanRevision.objects.create(plan=plan, title="Aktualizācija", decided_on=datetime.date(2024, 4, 30))
    source = FundingSource.objects.create(plan=plan, programme="Valsts budžets", title="Prioritārais pasākums")
    for year, amount in ((2023, 90000), (2024, 117000), (2025, 95000)):
        FundingAmount.objects.create(source=source, year=year, amount=amount)

    measures = []
    for c in range(6 * scale):
        commitment = Commitment.objects.create(
            plan=plan,
            number=c + 1,
            title=f"Sintētiska apņemšanās {c + 1}",
            title_en=f"Synthetic commitment {c + 1}",
            description=LOREM,
            ogp_id=f"XX{c:04d}",
            value_civic_participation=True,
            special_attention=c % 6 == 5,
        )
        commitment.lead_institutions.add(institutions[c % 22])
        for m in range(per_commitment[c % 6]):
            added = c % 6 == 4 and m >= 2
            measures.append(
                Measure(
                    plan=plan,
                    commitment=commitment,
                    number="" if added else f"{c + 1}.{m + 1}",
                    order=m,
                    title=f"Sintētisks pasākums {c + 1}.{m + 1}",
                    title_en=f"Synthetic measure {c + 1}.{m + 1}",
                    description=LOREM,
                    expected_result="Sagatavots un publicēts dokuments.",
                    responsible_institution=institutions[(c + m) % 22],
                    start_date=datetime.date(2022, 3, 1),
                    due_date=datetime.date(2023 + m % 3, 12, 31),
                    status=statuses[(c + m) % len(statuses)],
                    special_attention=m == 0 and c % 3 == 0,
                    added_by_revision=revision if added else None,
                )
            )
    measures = Measure.objects.bulk_create(measures)
    ProgressEntry.objects.bulk_create(
        ProgressEntry(
            measure=m,
            reporting_round=r,
            status=statuses[(i + j) % len(statuses)],
            narrative=LOREM * 2,
            evidence_links="https://example.invalid/a\nhttps://example.invalid/b",
            challenges="Trūka resursu." if i % 3 == 0 else "",
            review_state=ReviewState.APPROVED,
        )
        for i, m in enumerate(measures)
        for j, r in enumerate(rounds)
    )
    consultation = Consultation.objects.create(
        plan=plan,
        revision=revision,
        title="Apspriešana",
        period_start=datetime.date(2024, 7, 2),
        period_end=datetime.date(2024, 7, 16),
    )
    for i in range(4 * scale):
        Proposal.objects.create(
            consultation=consultation,
            order=i + 1,
            author_institution=institutions[i % 22],
            essence=LOREM,
            response="Ņemts vērā.",
            outcome=ProposalOutcome.ACCEPTED,
        )
    return plan


def run(plan, lang: str, keep: Path | None) -> dict:
    from reports.models import ReportKind
    from reports.rendering import render_report

    start, cpu_start = time.perf_counter(), time.process_time()
    rendered = render_report(plan=plan, kind=ReportKind.FINAL, language=lang, as_of=plan.period_end)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    if keep:
        (keep / f"{plan.slug}-final-{lang}.pdf").write_bytes(rendered.pdf)
    return {
        "plan": plan.slug,
        "measures": plan.measures.count(),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "pages": rendered.pages,
        "pages_per_second": rendered.pages / seconds,
        "bytes": len(rendered.pdf),
        "peak_rss_mib": peak_rss_mib(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--lang", default="lv", choices=["lv", "en"])
    parser.add_argument("--keep", type=Path, help="folder to write the PDFs to")
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="bench-reports-")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{scratch}/media"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogp_portal.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from plans.models import ActionPlan

    call_command("migrate", verbosity=0)
    call_command("load_real_data", verbosity=0, stdout=io.StringIO())
    real = ActionPlan.objects.get(slug="lv-nap5-2022-2025")
    synthetic = build_synthetic_plan(args.scale)

    # Wall-clock seconds depend on what else the machine runs; CPU seconds are this process's own.
    print(
        f"{'plan':24} {'measures':>8} {'seconds':>8} {'CPU s':>6} {'pages':>6} {'pages/s':>8} "
        f"{'pages/CPU s':>11} {'PDF KiB':>8} {'peak RSS MiB':>12}"
    )
    for plan in (real, synthetic):
        row = run(plan, args.lang, args.keep)
        print(
            f"{row['plan']:24} {row['measures']:>8} {row['seconds']:>8.1f} {row['cpu_seconds']:>6.1f} "
            f"{row['pages']:>6} {row['pages_per_second']:>8.1f} {row['pages'] / row['cpu_seconds']:>11.1f} "
            f"{row['bytes'] / 1024:>8.0f} {row['peak_rss_mib']:>12.0f}"
        )


if __name__ == "__main__":
    main()
