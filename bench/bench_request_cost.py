"""CPU cost of one request to each public page, in-process: page cache hit, render, uncached render, /healthz.

- hit: an anonymous visitor served from the whole-page cache;
- render: the page cache off (a signed-in user, a new query string): the view runs and renders the
  page around its main part, which comes from the part cache (ui/parts.py);
- uncached: both caches off: what the first request after a content change costs.

    .venv/bin/python bench/bench_request_cost.py [--scales 1x,100x] [--requests 200] [--modes uncached]

Wall-clock throughput (bench_serving.py) depends on everything else the machine runs; the CPU time
a process spends per request does much less, so this is the steadier way to compare a page with the
trivial view on a shared machine. Django's test client drives the full middleware stack with the
production settings and the Redis cache; the PostgreSQL server's own CPU is not counted (small for
these queries, see the SQL time column).
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    PYTHON,
    ROOT,
    collectstatic,
    django_env,
    forget_cache_prefix,
    machine,
    prepare_database,
    public_urls,
)

_COST_CODE = r"""
import json, resource, sys, time, django
django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from ogp_portal.cache import invalidate_public_pages

urls, n, modes = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split(",")

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

sql_time = [0.0]
def timed(execute, sql, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        sql_time[0] += time.perf_counter() - started

def cost(path, *, cached, parts=True):
    client = Client()
    with override_settings(PAGE_CACHE_ENABLED=cached, FRAGMENT_CACHE_ENABLED=parts):
        client.get(path)
        client.get(path)
        sql_time[0] = 0.0
        wall, started = time.perf_counter(), cpu()
        with connection.execute_wrapper(timed):
            for _ in range(n):
                client.get(path)
    return {
        "cpu_ms": (cpu() - started) / n * 1000,
        "wall_ms": (time.perf_counter() - wall) / n * 1000,
        "sql_ms": sql_time[0] / n * 1000,
    }

invalidate_public_pages()
result = {"healthz": cost("/healthz", cached=False)}
for label, path in urls.items():
    how = {"hit": {"cached": True}, "render": {"cached": False}, "uncached": {"cached": False, "parts": False}}
    result[label] = {mode: cost(path, **how[mode]) for mode in modes}
print("RESULT " + json.dumps(result))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1x,100x")
    parser.add_argument("--requests", type=int, default=200, help="requests per page and mode")
    parser.add_argument("--modes", default="hit,render,uncached", help="a subset of hit,render,uncached")
    parser.add_argument("--pages", default="", help="only these page labels (comma-separated)")
    args = parser.parse_args()
    scales = args.scales.split(",")
    for name in scales:
        prepare_database(name)
    collectstatic()
    print(f"Machine: {machine()}\n")
    print(
        "| data | page | hit CPU ms | render CPU ms | uncached CPU ms | uncached SQL ms "
        "| /healthz ÷ hit | /healthz ÷ render | /healthz ÷ uncached |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in scales:
        env = django_env(
            name,
            REDIS_URL="redis://127.0.0.1:6379/14",
            CACHE_KEY_PREFIX=f"ogp-bench-cost-{name}",
            PAGE_CACHE_ENABLED="true",
            CONN_MAX_AGE="60",
            ALLOWED_HOSTS="testserver",
        )
        urls = public_urls(name)
        if args.pages:
            urls = {label: url for label, url in urls.items() if label in args.pages.split(",")}
        out = subprocess.run(
            [PYTHON, "-c", _COST_CODE, json.dumps(urls), str(args.requests), args.modes],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        forget_cache_prefix(env["REDIS_URL"], env["CACHE_KEY_PREFIX"])
        if out.returncode != 0:
            raise SystemExit(out.stderr[-3000:])
        result = json.loads(next(x for x in out.stdout.splitlines() if x.startswith("RESULT "))[7:])
        trivial = result.pop("healthz")
        print(f"| {name} | /healthz | | {trivial['cpu_ms']:.2f} | | {trivial['sql_ms']:.2f} | 1.00 | 1.00 | 1.00 |")
        for label, r in result.items():
            cpu = {mode: f"{r[mode]['cpu_ms']:.2f}" if mode in r else "" for mode in ("hit", "render", "uncached")}
            ratio = {mode: f"{trivial['cpu_ms'] / r[mode]['cpu_ms']:.2f}" if mode in r else "" for mode in cpu}
            sql = f"{r['uncached']['sql_ms']:.2f}" if "uncached" in r else ""
            print(
                f"| {name} | {label} | {cpu['hit']} | {cpu['render']} | {cpu['uncached']} | {sql} "
                f"| {ratio['hit']} | {ratio['render']} | {ratio['uncached']} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
