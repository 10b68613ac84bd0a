"""Throughput and latency of the public pages under gunicorn on PostgreSQL, against the trivial /healthz view.

    .venv/bin/python bench/bench_serving.py [--scales 1x,100x] [--duration 10] [--connections 32] [--port 8108]

For each data set (see bench/_common.py) and each mode it starts a production gunicorn on 127.0.0.1
and drives every public page with wrk (apt-get install wrk) for `duration` seconds at `connections`
concurrent connections, /healthz first and last:

- warm: the page cache on (Redis), each page requested once before measuring;
- cold: the page cache off, every request runs the view and renders the page; the main part of the
  page comes from the part cache (ui/parts.py), as for signed-in users and new query strings;
- uncached: both caches off: every request runs every query and renders everything, as the first
  request after a content change does.

Prints one table per run: requests/s, the ratio to /healthz in the same run, p50/p95/p99 latency and
errors (socket errors and non-2xx answers), then the targets. Traffic goes to 127.0.0.1 only and each
measurement is bounded by `duration`. Figures go into docs/performance.md ("Serving and load").
"""

import argparse
import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import collectstatic, get, gunicorn, machine, prepare_database, public_urls, say  # noqa: E402

WRK_REPORT = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nRESULT {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d,'
    .. ' "status": %d, "timeout": %d, "p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
"""


def wrk(url: str, *, duration: int, connections: int, threads: int, script: str) -> dict:
    out = subprocess.run(
        # A generous timeout: wrk abandons a slow request by reconnecting, which would pile dead requests
        # up in gunicorn's queue; a request slower than 30 s is gunicorn's own timeout anyway.
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-s", script, url],
        check=True,
        capture_output=True,
        text=True,
        timeout=duration + 60,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    result = json.loads(line[len("RESULT ") :])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    # Socket errors and non-2xx/3xx answers. (A sync gunicorn worker closes each connection after its
    # answer; wrk counts nothing for that, so "read" errors are real failures.)
    result["errors"] = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    return result


def drain(base: str, limit: float = 180.0) -> None:
    """Wait until the requests wrk left queued are done: /healthz answers fast again."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            get(base + "/healthz", timeout=limit)
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.2)
    say("  (the server did not drain its queue in time)")


def run(name: str, mode: str, port: int, args, script: str) -> list[dict]:
    urls = public_urls(name)
    if args.pages:
        urls = {label: path for label, path in urls.items() if label in args.pages.split(",")}
    extra = dict(item.split("=", 1) for item in args.env)
    rows = []
    if mode == "uncached":
        extra = {"FRAGMENT_CACHE_ENABLED": "false", **extra}
    with gunicorn(name, port, page_cache=(mode == "warm"), extra_env=extra) as base:
        for label, path in urls.items():
            status, _ = get(base + path, timeout=30)  # warms the page cache and the worker
            if status != 200:
                say(f"  {label} {path}: HTTP {status}; measured anyway")
        plan = [("healthz", "/healthz"), *urls.items(), ("healthz (again)", "/healthz")]
        for label, path in plan:
            result = wrk(
                base + path,
                duration=args.duration,
                connections=args.connections,
                threads=args.threads,
                script=script,
            )
            result.update(scale=name, mode=mode, page=label, path=path)
            rows.append(result)
            drain(base)
            say(
                f"  {name} {mode:4} {label:24} {result['rps']:8.0f} req/s  p95 {result['p95_ms']:7.1f} ms"
                f"  errors {result['errors']}"
            )
    trivial = [r["rps"] for r in rows if r["page"].startswith("healthz")]
    baseline = sum(trivial) / len(trivial)
    for row in rows:
        row["ratio"] = row["rps"] / baseline
    return rows


def print_table(rows: list[dict]) -> None:
    print("| data | cache | page | req/s | × /healthz | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['scale']} | {r['mode']} | {r['page']} | {r['rps']:.0f} | {r['ratio']:.2f} | {r['p50_ms']:.1f} "
            f"| {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} |"
        )


def print_targets(rows: list[dict]) -> None:
    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    pages = [r for r in rows if not r["page"].startswith("healthz")]
    for scale in sorted({r["scale"] for r in rows}):
        warm = [r for r in pages if r["scale"] == scale and r["mode"] == "warm"]
        cold = [r for r in pages if r["scale"] == scale and r["mode"] == "cold"]
        uncached = [r for r in pages if r["scale"] == scale and r["mode"] == "uncached"]
        for label, group, target in (
            ("warm", warm, 0.8),
            ("cold", cold, 0.25),
            ("uncached", uncached, 0.25),
        ):
            for page in ("dashboard", "measure"):
                found = [r for r in group if r["page"] == page]
                if found:
                    print(
                        f"- {scale}: {label} {page} at {found[0]['ratio']:.2f} of /healthz (target ≥ {target}): "
                        f"{verdict(found[0]['ratio'] >= target)}"
                    )
        for mode, group in (("warm", warm), ("cold", cold), ("uncached", uncached)):
            if group:
                worst = max(group, key=lambda r: r["p95_ms"])
                print(
                    f"- {scale} {mode}: worst p95 {worst['p95_ms']:.1f} ms ({worst['page']}) (target < 100 ms): "
                    f"{verdict(worst['p95_ms'] < 100)}"
                )
    errors = sum(r["errors"] for r in rows)
    print(f"- errors: {errors} (target 0): {verdict(errors == 0)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1x,100x")
    parser.add_argument("--modes", default="warm,cold")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page (default 10)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--port", type=int, default=8108)
    parser.add_argument("--pages", default="", help="comma-separated page labels (default: all)")
    parser.add_argument(
        "--env", action="append", default=[], help="KEY=VALUE for the server, e.g. WEB_CONCURRENCY=3 (repeatable)"
    )
    parser.add_argument("--json", help="also write the raw figures to this file")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk).", file=sys.stderr)
        return 1
    scales = args.scales.split(",")
    for name in scales:
        prepare_database(name)
    collectstatic()
    rows = []
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    print(f"Machine: {machine()}")
    for name in scales:
        for mode in args.modes.split(","):
            rows += run(name, mode, args.port, args, script.name)
    server = " ".join(args.env) or "defaults of gunicorn.conf.py"
    print(f"\nwrk -t{args.threads} -c{args.connections} -d{args.duration}s per page; server: {server}")
    print(f"machine after: {machine()}\n")
    print_table(rows)
    print()
    print_targets(rows)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
