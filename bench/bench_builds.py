"""Report and meeting-pack build time and peak memory at 1× and 10× data (PostgreSQL bench databases).

    .venv/bin/python bench/bench_builds.py [--scales 1x,10x] [--lang lv]

Each build runs in a fresh process, so its peak memory (ru_maxrss) is the build's own; CPU
seconds are the process's own too, so they mean something on a busy machine where wall time does not. Builds the
final report of the real plan and of synthetic plan 1, and the meeting pack of the real council
meeting with an agenda and of a synthetic one. The plans and meetings are the same at every scale, so
the figures show whether builds slow down as the rest of the database grows; bench/bench_reports.py
(by the reports module) measures a single plan ten times the real size.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, ROOT, SEED, collectstatic, django_env, machine, prepare_database  # noqa: E402

_BUILD_CODE = r"""
import json, resource, sys, time, django
django.setup()
from django.utils import timezone
what, ref, language = sys.argv[1:4]
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
started, cpu_started = time.perf_counter(), cpu()
if what == "report":
    from plans.models import ActionPlan
    from reports.rendering import render_report
    plan = ActionPlan.objects.get(slug=ref)
    rendered = render_report(plan=plan, kind="final", language=language, as_of=timezone.localdate())
    size, pages = len(rendered.pdf), rendered.pages
else:
    from council.models import Meeting
    from council.pack import build_meeting_pack
    meeting = Meeting.objects.get(pk=int(ref))
    pdf = build_meeting_pack(meeting, language=language)
    size, pages = len(pdf), None
seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("RESULT " + json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mib": peak, "bytes": size,
                              "pages": pages}))
"""

_TARGETS_CODE = r"""
import json, django
django.setup()
from council.models import Meeting
from plans.models import ActionPlan
real = ActionPlan.objects.current()
real_meeting = Meeting.objects.exclude(council__plan__slug__startswith="synthetic-").filter(
    agenda_items__isnull=False).distinct().order_by("-date").first()
synthetic_meeting = Meeting.objects.filter(council__plan__slug="synthetic-s%(seed)d-plan-1").order_by("date").first()
targets = []
if real:
    targets.append(("report", real.slug, "final report, real plan"))
targets.append(("report", "synthetic-s%(seed)d-plan-1", "final report, synthetic plan 1"))
if real_meeting:
    targets.append(("pack", str(real_meeting.pk), "meeting pack, real meeting " + str(real_meeting.date)))
targets.append(("pack", str(synthetic_meeting.pk), "meeting pack, synthetic meeting"))
print(json.dumps(targets))
"""


def run_code(name: str, code: str, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "-c", code, *args], cwd=ROOT, env=django_env(name), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1x,10x")
    parser.add_argument("--lang", default="lv")
    args = parser.parse_args()
    scales = args.scales.split(",")
    rows = []
    for name in scales:
        prepare_database(name)
    collectstatic()
    for name in scales:
        targets = json.loads(run_code(name, _TARGETS_CODE % {"seed": SEED}).strip().splitlines()[-1])
        for what, ref, label in targets:
            try:
                out = run_code(name, _BUILD_CODE, what, ref, args.lang)
                result = json.loads(next(x for x in out.splitlines() if x.startswith("RESULT "))[7:])
            except RuntimeError as exc:
                result = {"error": str(exc).strip().splitlines()[-1]}
            rows.append({"scale": name, "label": label, **result})
            print(f"  {name} {label}: {result}", file=sys.stderr)

    print(f"Machine: {machine()}\n")
    print("| data | build | wall s | CPU s | peak MiB | pages | PDF KiB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in rows:
        if "error" in r:
            print(f"| {r['scale']} | {r['label']} | failed: {r['error']} | | | | |")
            continue
        pages = r["pages"] if r["pages"] is not None else "–"
        print(
            f"| {r['scale']} | {r['label']} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {r['peak_mib']:.0f} "
            f"| {pages} | {r['bytes'] / 1024:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
