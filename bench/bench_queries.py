"""SQL queries and in-process render time per public page at 1× and 100× data: the counts must be equal.

    .venv/bin/python bench/bench_queries.py [--scales 1x,100x] [--repeat 5] [--profile PAGE]

Each data set is rendered in its own process with Django's test client (page cache and part cache off, so every
request renders), counting the queries it executes. Exits 1 when a page's query count
differs between the data sets: a count that grows with the data is an N+1 query. `--profile PAGE`
writes a pyinstrument HTML profile of that page at the largest scale to /tmp/ogp_bench_profile.html.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, ROOT, collectstatic, django_env, machine, prepare_database, public_urls  # noqa: E402

_MEASURE_CODE = r"""
import json, statistics, sys, time, django
django.setup()
from django.db import connection
from django.test import Client

urls, repeat, profile = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
client = Client()
result = {}
for label, path in urls.items():
    client.get(path)  # first request: imports, template loading, translations
    timings = []
    queries = []
    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)
    with connection.execute_wrapper(count):
        response = client.get(path)
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    result[label] = {
        "status": response.status_code,
        "queries": len(queries),
        "bytes": len(response.content),
        "median_ms": statistics.median(timings),
        "sql": [q[:300] for q in queries],
    }
    if label == profile:
        from pyinstrument import Profiler
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(repeat):
                client.get(path)
        open("/tmp/ogp_bench_profile.html", "w").write(profiler.output_html())
        print(profiler.output_text(unicode=True, color=False, show_all=False), file=sys.stderr)
print("RESULT " + json.dumps(result))
"""


def measure(name: str, urls: dict[str, str], repeat: int, profile: str) -> dict:
    out = subprocess.run(
        [PYTHON, "-c", _MEASURE_CODE, json.dumps(urls), str(repeat), profile],
        cwd=ROOT,
        env=django_env(
            name, PAGE_CACHE_ENABLED="false", FRAGMENT_CACHE_ENABLED="false", ALLOWED_HOSTS="testserver,127.0.0.1"
        ),
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"rendering failed at {name}:\n{out.stderr[-3000:]}")
    if out.stderr.strip() and profile:
        print(out.stderr, file=sys.stderr)
    line = next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1x,100x")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", default="", help="page label to profile at the last scale")
    parser.add_argument("--show-sql", action="store_true", help="print the queries of pages whose counts differ")
    args = parser.parse_args()
    scales = args.scales.split(",")
    results = {}
    for name in scales:
        prepare_database(name)
    collectstatic()
    for name in scales:
        urls = public_urls(name)
        results[name] = measure(name, urls, args.repeat, args.profile if name == scales[-1] else "")

    print(f"Machine: {machine()}\n")
    header = " | ".join(f"queries {s} | ms {s}" for s in scales)
    print(f"| page | {header} | equal |")
    print("|---|" + "---:|---:|" * len(scales) + "---|")
    unequal = []
    for label in results[scales[0]]:
        cells, counts = [], []
        for name in scales:
            r = results[name].get(label)
            if r is None:
                cells.append("– | –")
                continue
            counts.append(r["queries"])
            status = "" if r["status"] == 200 else f" (HTTP {r['status']})"
            cells.append(f"{r['queries']}{status} | {r['median_ms']:.0f}")
        equal = len(set(counts)) == 1
        if not equal:
            unequal.append(label)
        print(f"| {label} | {' | '.join(cells)} | {'yes' if equal else 'NO'} |")
    if unequal:
        print(f"\nQuery counts grow with the data on: {', '.join(unequal)}")
        if args.show_sql:
            for label in unequal:
                for name in scales:
                    print(f"\n--- {label} at {name}")
                    print("\n".join(results[name][label]["sql"]))
        return 1
    print("\nQuery counts are the same at every scale.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
