"""Restart PostgreSQL under load: errors only while it is down, recovery by itself, no acknowledged write lost.

    sudo .venv/bin/python bench/resilience_pg_restart.py [--port 8109] [--duration 25] [--restart-at 8]

Needs root (pg_ctlcluster) and a local PostgreSQL cluster; it restarts the WHOLE cluster once, so
every other user of that server sees a few seconds of refused connections. It waits (at most
--quiet-wait seconds) for a moment when no test database is in use.

What runs, all bounded by --duration and all to 127.0.0.1:
- a production gunicorn (page cache on, Redis) on the 1× bench database (bench/_common.py);
- readers: 3 threads over /healthz (one query), the dashboard (served from the page cache), a plan
  page with a fresh query string (a page cache miss: the view renders the page around its part from
  the part cache) and the measure search with a fresh query (a miss in both caches: rendered from the
  database);
- a writer: a loop that creates one row per transaction through the Django ORM (the same settings as
  the web processes: persistent, health-checked connections) and records every commit PostgreSQL
  acknowledged;
- a probe: pg_isready every 100 ms, which tells when the database was really down.

Then it checks every acknowledged write is in the database, prints when errors happened relative to
the downtime, how long recovery took, and removes the rows it wrote.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, django_env, gunicorn, machine, prepare_database, say  # noqa: E402

DATASET = "1x"


def cluster() -> tuple[str, str]:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return version, "main"


def pg_ready() -> bool:
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], timeout=5).returncode == 0


def wait_for_quiet(max_wait: float) -> None:
    """Restart when no test database has a connection, so that other people's test runs are not cut."""
    import psycopg

    deadline = time.monotonic() + max_wait
    quiet_since = None
    while time.monotonic() < deadline:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            busy = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname LIKE 'test\\_%%' AND pid <> pg_backend_pid()"
            ).fetchone()[0]
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 5:
            return
        time.sleep(1)
    say("no quiet moment found; restarting anyway")


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests: list[tuple[float, str, str, float]] = []  # (start, kind, outcome, end)
        self.acked: list[str] = []
        self.failed_writes: list[tuple[float, str, str]] = []
        self.ready: list[tuple[float, bool]] = []

    def request(self, t: float, kind: str, outcome: str, end: float) -> None:
        with self.lock:
            self.requests.append((t, kind, outcome, end))


def reader(base: str, index: int, stop: threading.Event, rec: Recorder, t0: float, plan_path: str) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        kind = ("healthz", "dashboard", "plan page", "search")[n % 4]
        path = {
            "healthz": "/healthz",
            "dashboard": "/",
            "plan page": f"{plan_path}?r={index}-{n}",
            "search": f"/pasakumi/?q=r{index}x{n}",
        }[kind]
        started = time.monotonic()
        try:
            with urllib.request.urlopen(base + path, timeout=5) as response:
                response.read()
                outcome = str(response.status)
        except urllib.error.HTTPError as exc:
            outcome = str(exc.code)
        except OSError as exc:
            outcome = type(exc).__name__
        rec.request(started - t0, kind, outcome, time.monotonic() - t0)
        time.sleep(max(0.0, 0.033 - (time.monotonic() - started)))


def writer(stop: threading.Event, rec: Recorder, t0: float, run_id: str) -> None:
    from django.db import close_old_connections, transaction

    from institutions.models import Institution, InstitutionKind

    n = 0
    while not stop.is_set():
        n += 1
        slug = f"synthetic-resilience-{run_id}-{n}"
        close_old_connections()  # what Django does at each request's start: drop a dead connection
        try:
            with transaction.atomic():
                Institution.objects.create(
                    slug=slug, name=f"Sintētiska noturības pārbaude {n}", kind=InstitutionKind.OTHER
                )
        except Exception as exc:  # OperationalError/InterfaceError while the server is down
            rec.failed_writes.append((time.monotonic() - t0, slug, type(exc).__name__))
        else:
            rec.acked.append(slug)  # commit returned: PostgreSQL acknowledged it
        time.sleep(0.02)


def probe(stop: threading.Event, rec: Recorder, t0: float) -> None:
    while not stop.is_set():
        rec.ready.append((time.monotonic() - t0, pg_ready()))
        time.sleep(0.1)


def downtime(rec: Recorder) -> tuple[float | None, float | None]:
    down = next((t for t, ok in rec.ready if not ok), None)
    if down is None:
        return None, None
    up = next((t for t, ok in rec.ready if ok and t > down), None)
    return down, up


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8109)
    parser.add_argument("--duration", type=float, default=25.0)
    parser.add_argument("--restart-at", type=float, default=8.0)
    parser.add_argument("--quiet-wait", type=float, default=300.0)
    parser.add_argument("--json", help="also write the raw figures to this file")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("Run as root: pg_ctlcluster restarts the PostgreSQL cluster.", file=sys.stderr)
        return 1

    prepare_database(DATASET)
    env = django_env(DATASET, CONN_MAX_AGE="60")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import close_old_connections

    from institutions.models import Institution

    run_id = uuid.uuid4().hex[:8]
    rec = Recorder()
    version, name = cluster()
    restart: dict[str, float] = {}
    with gunicorn(DATASET, args.port, page_cache=True) as base:
        urllib.request.urlopen(base + "/", timeout=30).read()  # the dashboard is in the page cache
        plan_path = "/plani/synthetic-s1-plan-1/"
        # Warm every worker up (first requests load templates and translations) outside the measurement.
        warm_stop, warm_rec = threading.Event(), Recorder()
        warmers = [
            threading.Thread(target=reader, args=(base, 100 + i, warm_stop, warm_rec, 0.0, plan_path)) for i in range(3)
        ]
        for thread in warmers:
            thread.start()
        time.sleep(5)
        warm_stop.set()
        for thread in warmers:
            thread.join(timeout=30)
        wait_for_quiet(args.quiet_wait)
        stop = threading.Event()
        t0 = time.monotonic()
        threads = [threading.Thread(target=reader, args=(base, i, stop, rec, t0, plan_path)) for i in range(3)]
        threads += [
            threading.Thread(target=writer, args=(stop, rec, t0, run_id)),
            threading.Thread(target=probe, args=(stop, rec, t0)),
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.restart_at)
        say(f"restarting PostgreSQL {version}/{name}")
        restart["start"] = time.monotonic() - t0
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"], check=True, timeout=120
        )
        restart["end"] = time.monotonic() - t0
        time.sleep(max(0.0, args.duration - (time.monotonic() - t0)))
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

    close_old_connections()
    present = set(Institution.objects.filter(slug__in=rec.acked).values_list("slug", flat=True))
    lost = [slug for slug in rec.acked if slug not in present]
    unacked_present = Institution.objects.filter(slug__in=[s for _, s, _ in rec.failed_writes]).count()
    # Clean up what the writer created (and its history rows).
    written = Institution.objects.filter(slug__startswith=f"synthetic-resilience-{run_id}-")
    ids = list(written.values_list("pk", flat=True))
    written.delete()
    Institution.history.filter(id__in=ids).delete()

    down, up = downtime(rec)
    errors = [r for r in rec.requests if r[2] != "200"]
    # The outage: from the restart command (PostgreSQL stops accepting work) until pg_isready answers again.
    window_start = restart["start"]
    window_end = up if up is not None else restart["end"]
    # An error counts as "while the database was down" when the request overlapped the outage (+1 s).
    outside = [r for r in errors if r[3] < window_start or r[0] > window_end + 1.0]
    after = [r[3] for r in rec.requests if r[0] > window_end and r[2] == "200"]
    last_error = max((r[3] for r in errors), default=None)
    by_kind: dict[str, dict[str, int]] = {}
    for _, kind, outcome, _end in rec.requests:
        by_kind.setdefault(kind, {}).setdefault(outcome, 0)
        by_kind[kind][outcome] += 1

    print(f"Machine: {machine()}")
    print(f"PostgreSQL {version}/{name} restart command: {restart['start']:.2f} s → {restart['end']:.2f} s")
    if down is not None:
        print(f"pg_isready failed from {down:.2f} s to {up:.2f} s ({(up or 0) - down:.2f} s down)")
    print(f"Requests: {len(rec.requests)}; by page and answer: {json.dumps(by_kind)}")
    print(f"Errors: {len(errors)}, of which outside the restart window (+1 s): {len(outside)}")
    if last_error is not None:
        print(f"Last error at {last_error:.2f} s: {last_error - window_end:+.2f} s after the database was back")
    if after:
        print(f"First success after the database was back: {min(after) - window_end:+.2f} s")
    print(
        f"Writes: {len(rec.acked)} acknowledged, {len(lost)} of them missing afterwards; "
        f"{len(rec.failed_writes)} failed while the database was down "
        f"({unacked_present} of those are nevertheless in the database)"
    )
    ok = not lost and not outside
    print("Result:", "PASS" if ok else "FAIL")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "restart": restart,
                    "down": down,
                    "up": up,
                    "requests": rec.requests,
                    "acked": len(rec.acked),
                    "lost": lost,
                    "failed_writes": rec.failed_writes,
                },
                indent=1,
            )
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
