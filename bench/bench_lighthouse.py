"""Lighthouse (mobile preset) on four public pages served as in production; fails below the targets.

    .venv/bin/python bench/bench_lighthouse.py [--port 8152] [--runs 1] [--rebuild] [--keep-reports DIR]

Needs Chromium (CHROME_PATH, default /usr/bin/chromium), Redis (BENCH_REDIS_URL) and Lighthouse from
package.json (`npm ci`). The data is the real data only (`migrate` and `load_real_data` into a scratch
SQLite database, BENCH_LH_DB, made once and reused); the server is the production one: gunicorn with
settings_production (DEBUG off, whitenoise serving hashed, compressed static files with far-future
caching, the page cache on), on 127.0.0.1 only. Each page is requested once before it is measured, so
Lighthouse sees the cached page a visitor gets.

Pages: the home page, a measure page, the measure search and the English dashboard. For each it prints
performance, cumulative layout shift (CLS), SEO, accessibility and best practices; with --runs N the
median run by performance is kept. Exits 1 if any page has performance < 95, CLS >= 0.05 or SEO < 100,
naming what failed. Figures go into docs/performance.md ("Lighthouse").
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, ROOT, get, gunicorn, machine, say  # noqa: E402

DB_PATH = Path(os.environ.get("BENCH_LH_DB", "/tmp/ogp_bench_lighthouse.sqlite3"))
STATIC_ROOT = Path(os.environ.get("BENCH_LH_STATIC_ROOT", "/tmp/ogp_bench_lighthouse_static"))
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "seo": 100}
CLS_LIMIT = 0.05

_URLS_CODE = r"""
import json, django
django.setup()
from django.urls import reverse
from django.utils import translation
from commitments.models import Measure
from plans.models import ActionPlan

plan = ActionPlan.objects.current()
measure = Measure.objects.published().filter(plan=plan).order_by("commitment__number", "order").first()
with translation.override("lv"):
    urls = {
        "home": reverse("portal:home"),
        "measure": reverse("portal:measure", args=[plan.slug, measure.pk]),
        "measure search": reverse("portal:measures") + "?q=dokuments",
    }
with translation.override("en"):
    urls["dashboard (en)"] = reverse("portal:home")
print(json.dumps(urls))
"""


def server_env() -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{DB_PATH}",
        "STATIC_ROOT": str(STATIC_ROOT),
        "WEB_CONCURRENCY": "2",
    }


def run_manage(*args: str, capture: bool = False) -> str:
    from _common import django_env

    env = django_env("1x", **server_env())
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout


def prepare(rebuild: bool) -> None:
    if rebuild or not DB_PATH.exists():
        DB_PATH.unlink(missing_ok=True)
        say(f"migrate and load_real_data into {DB_PATH}")
        run_manage("migrate", "--noinput", "--verbosity", "0")
        run_manage("load_real_data", capture=True)
    say("collectstatic")
    run_manage("collectstatic", "--noinput", "--verbosity", "0")


def page_urls() -> dict[str, str]:
    out = run_manage("shell", "-c", _URLS_CODE, capture=True)
    return json.loads(out.strip().splitlines()[-1])


def lighthouse(url: str, report_dir: Path, label: str, run: int) -> dict:
    """One Lighthouse run (its default mobile preset and simulated throttling); the figures it scored."""
    target = report_dir / f"{label.replace(' ', '_').replace('(', '').replace(')', '')}-{run}.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={target}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROME},
        timeout=300,
    )
    report = json.loads(target.read_text(encoding="utf-8"))
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = report["audits"]
    scores["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    scores["lcp_ms"] = audits["largest-contentful-paint"]["numericValue"]
    scores["tbt_ms"] = audits["total-blocking-time"]["numericValue"]
    scores["failed"] = sorted(
        audit_id
        for name in ("seo", "accessibility", "best-practices")
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] > 0 and (audit_id := ref["id"]) and audits[audit_id]["score"] not in (None, 1)
    )
    return scores


def failures(label: str, scores: dict) -> list[str]:
    problems = [f"{label}: {name} {scores[name]} < {limit}" for name, limit in TARGETS.items() if scores[name] < limit]
    if scores["cls"] >= CLS_LIMIT:
        problems.append(f"{label}: CLS {scores['cls']:.3f} >= {CLS_LIMIT}")
    return problems


def print_table(results: dict[str, dict]) -> None:
    print("| page | performance | CLS | LCP (ms) | TBT (ms) | SEO | accessibility | best practices |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, s in results.items():
        print(
            f"| {label} | {s['performance']} | {s['cls']:.3f} | {s['lcp_ms']:.0f} | {s['tbt_ms']:.0f} "
            f"| {s['seo']} | {s['accessibility']} | {s['best-practices']} |"
        )
    for label, s in results.items():
        if s["failed"]:
            print(f"{label}: audits not passed: {', '.join(s['failed'])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8152)
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median by performance is kept")
    parser.add_argument("--rebuild", action="store_true", help="load the real data again")
    parser.add_argument("--keep-reports", type=Path, help="keep Lighthouse's JSON reports in this folder")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        say("Lighthouse is missing: run `npm ci` at the repository root")
        return 2
    if not shutil.which(CHROME) and not Path(CHROME).exists():
        say(f"Chromium is missing at {CHROME} (set CHROME_PATH)")
        return 2
    prepare(args.rebuild)
    urls = page_urls()
    report_dir = args.keep_reports or Path(tempfile.mkdtemp(prefix="ogp-lighthouse-"))
    report_dir.mkdir(parents=True, exist_ok=True)
    results = {}
    with gunicorn("lighthouse", args.port, page_cache=True, extra_env=server_env()) as base:
        for label, path in urls.items():
            status, _ = get(base + path)
            if status != 200:
                say(f"{label}: {path} answered {status}")
                return 2
            say(f"lighthouse {label}: {path}")
            runs = [lighthouse(base + path, report_dir, label, n) for n in range(args.runs)]
            results[label] = sorted(runs, key=lambda s: s["performance"])[len(runs) // 2]
            results[label]["performance_all"] = [s["performance"] for s in runs]
    if not args.keep_reports:
        shutil.rmtree(report_dir, ignore_errors=True)
    print(f"Lighthouse {lighthouse_version()}, mobile preset, {machine()}")
    print_table(results)
    if args.runs > 1:
        for label, s in results.items():
            median = statistics.median(s["performance_all"])
            print(f"{label}: performance of each run {s['performance_all']}, median {median}")
    problems = [p for label, s in results.items() for p in failures(label, s)]
    for problem in problems:
        print("FAIL", problem)
    return 1 if problems else 0


def lighthouse_version() -> str:
    return subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
