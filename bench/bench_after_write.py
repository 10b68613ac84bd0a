"""Latency of the public pages while content keeps changing, with and without single-flight computing.

    .venv/bin/python bench/bench_after_write.py [--scale 100x] [--duration 10] [--every 1.0] [--port 8109]

Every content write makes every cached page and part stale at once, so the requests that arrive next
all miss together. This runs the production server (page cache on, Redis) on the bench database,
drives the dashboard and a measure page with wrk at 32 connections, and meanwhile invalidates the
content every `every` seconds from another process, as a staff edit does. Twice: with the default
single flight (one request computes a missing part, the others wait for it) and with
CACHE_SINGLE_FLIGHT_SECONDS=0 (every request that misses computes it). Prints requests/s,
p50/p95/p99 and errors for each.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, ROOT, collectstatic, django_env, gunicorn, machine, prepare_database, public_urls  # noqa: E402
from bench_serving import WRK_REPORT, drain, wrk  # noqa: E402

_WRITER_CODE = r"""
import sys, time, django
django.setup()
from ogp_portal.cache import invalidate_public_pages
every, until = float(sys.argv[1]), time.monotonic() + float(sys.argv[2])
n = 0
while time.monotonic() < until:
    time.sleep(every)
    invalidate_public_pages()
    n += 1
print(n)
"""


def writer(env: dict, every: float, duration: float, result: list) -> None:
    out = subprocess.run(
        [PYTHON, "-c", _WRITER_CODE, str(every), str(duration)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result.append(int(out.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="100x")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--every", type=float, default=1.0, help="seconds between content changes")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=8109)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk).", file=sys.stderr)
        return 1
    prepare_database(args.scale)
    collectstatic()
    urls = public_urls(args.scale)
    pages = {"dashboard": urls["dashboard"], "measure": urls["measure"]}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    print(f"Machine: {machine()}")
    print(
        f"\n{args.scale} data, wrk -t2 -c{args.connections} -d{args.duration}s per page, "
        f"a content change every {args.every} s\n"
    )
    print("| single flight | page | changes | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    rows = []
    for label, wait in (("on (3 s)", "3"), ("off", "0")):
        prefix = f"ogp-bench-{secrets.token_hex(4)}"
        extra = {"CACHE_KEY_PREFIX": prefix, "CACHE_SINGLE_FLIGHT_SECONDS": wait}
        writer_env = django_env(args.scale, REDIS_URL=redis_url, CACHE_KEY_PREFIX=prefix)
        with gunicorn(args.scale, args.port, page_cache=True, extra_env=extra) as base:
            for page, path in pages.items():
                changes: list[int] = []
                thread = threading.Thread(target=writer, args=(writer_env, args.every, args.duration, changes))
                thread.start()
                result = wrk(
                    base + path, duration=args.duration, connections=args.connections, threads=2, script=script.name
                )
                thread.join()
                drain(base)
                row = {"single_flight": label, "page": page, "changes": changes[0] if changes else 0, **result}
                rows.append(row)
                print(
                    f"| {label} | {page} | {row['changes']} | {row['rps']:.0f} | {row['p50_ms']:.1f} "
                    f"| {row['p95_ms']:.1f} | {row['p99_ms']:.1f} | {row['errors']} |",
                    flush=True,
                )
    print("\nRESULT " + json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
