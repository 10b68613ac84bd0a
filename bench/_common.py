"""Shared by the serving benchmarks: scratch PostgreSQL databases at 1×, 10× and 100×, a gunicorn server.

Nothing here touches the development database: each data set lives in its own database
(ogp_bench_1x, ...) on the PostgreSQL server of BENCH_PG_URL (default: the local one), and all traffic
goes to 127.0.0.1.
"""

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
SEED = 1
# "1×" is the real data plus one synthetic plan, so that the pages measured (a synthetic plan, its
# commitments and measures, a synthetic institution) exist at every scale with the same content.
SCALES = {"1x": 1, "10x": 10, "100x": 100}
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", "/tmp/ogp_bench_static"))


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def database_url(name: str) -> str:
    parts = urlsplit(PG_URL)
    return urlunsplit(parts._replace(path=f"/ogp_bench_{name}"))


def _psycopg_url(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def django_env(name: str, **extra: str) -> dict[str, str]:
    """The production settings against the bench database, plain http on the loopback."""
    env = {k: v for k, v in os.environ.items() if k not in ("PAGE_CACHE_ENABLED", "CONN_MAX_AGE")}
    env.update(
        DJANGO_SETTINGS_MODULE="ogp_portal.settings_production",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        DATABASE_URL=database_url(name),
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        SECURE_COOKIES="false",
        STATIC_ROOT=str(STATIC_ROOT),
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout if capture else ""


def prepare_database(name: str, *, rebuild: bool = False) -> None:
    """Create ogp_bench_<name> with the real data and `generate_synthetic --scale N` (once; reused after)."""
    import psycopg
    from psycopg import sql

    scale = SCALES[name]
    db = f"ogp_bench_{name}"
    with psycopg.connect(_psycopg_url(PG_URL), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone()
        if exists and not rebuild:
            with psycopg.connect(_psycopg_url(database_url(name))) as bench:
                try:
                    done = bench.execute(
                        "SELECT count(*) FROM plans_actionplan WHERE slug LIKE %s", [f"synthetic-s{SEED}-%"]
                    ).fetchone()[0]
                except psycopg.Error:
                    done = 0
            if done == scale:
                return
        if exists:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(db)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db)))
    env = django_env(name)
    say(f"[{name}] migrate, load_real_data, generate_synthetic --scale {scale}")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_real_data", capture=True)
    started = time.perf_counter()
    manage(env, "generate_synthetic", "--scale", str(scale), "--seed", str(SEED), capture=True)
    say(f"[{name}] generate_synthetic took {time.perf_counter() - started:.1f} s")
    with psycopg.connect(_psycopg_url(database_url(name)), autocommit=True) as bench:
        bench.execute("VACUUM ANALYZE")


def collectstatic() -> None:
    """Hashed, compressed static files as production serves them (again each run: the code moves on)."""
    say("collectstatic")
    manage(django_env("1x"), "collectstatic", "--noinput", "--verbosity", "0")


_URLS_CODE = r"""
import json, django
django.setup()
from django.urls import NoReverseMatch, reverse
from commitments.models import Commitment, Measure
from institutions.models import Institution
from plans.models import ActionPlan

plan = ActionPlan.objects.get(slug="synthetic-s%(seed)d-plan-1")
commitment = Commitment.objects.get(plan=plan, number=1)
measure = Measure.objects.filter(plan=plan).order_by("commitment__number", "order").first()
institution = Institution.objects.get(slug="synthetic-s%(seed)d-institution-1")
real = ActionPlan.objects.current()
wanted = [
    ("dashboard", "portal:home", {}),
    ("plan list", "portal:plans", {}),
    ("plan dashboard", "portal:plan", {"slug": plan.slug}),
    ("commitment", "portal:commitment", {"slug": plan.slug, "number": commitment.number}),
    ("measure", "portal:measure", {"slug": plan.slug, "pk": measure.pk}),
    ("measure list", "portal:measures", {}),
    ("institution list", "portal:institutions", {}),
    ("institution", "portal:institution", {"slug": institution.slug}),
    ("consultations", "portal:consultations", {}),
    ("open data", "opendata:index", {}),
    ("reports", "reports:list", {}),
]
urls = {}
for label, name, kwargs in wanted:
    try:
        urls[label] = reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        pass
if "dashboard" in urls:
    urls["dashboard (en)"] = "/en" + urls["dashboard"]
if real is not None and "measure list" in urls:
    urls["measure list, filtered"] = urls["measure list"] + "?plan=" + real.slug + "&status=complete"
print(json.dumps(urls))
"""


def public_urls(name: str) -> dict[str, str]:
    """The public pages to measure, by label, as this database resolves them."""
    out = subprocess.run(
        [PYTHON, "-c", _URLS_CODE % {"seed": SEED}],
        cwd=ROOT,
        env=django_env(name),
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def get(url: str, timeout: float = 10.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@contextmanager
def gunicorn(name: str, port: int, *, page_cache: bool, workers: int | None = None, extra_env=None):
    """A production gunicorn on 127.0.0.1:port against the bench database; stopped on exit."""
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    extra_env = dict(extra_env or {})
    prefix = extra_env.pop("CACHE_KEY_PREFIX", f"ogp-bench-{secrets.token_hex(4)}")
    env = django_env(
        name,
        PORT=str(port),
        HOST="127.0.0.1",
        REDIS_URL=redis_url,
        # A key prefix per run: never serve a page cached by an earlier run or by another process.
        CACHE_KEY_PREFIX=prefix,
        PAGE_CACHE_ENABLED="true" if page_cache else "false",
        **extra_env,
    )
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    log = open(f"/tmp/ogp_bench_gunicorn_{port}.log", "w")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "ogp_portal.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see /tmp/ogp_bench_gunicorn_{port}.log")
            try:
                if get(base + "/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer /healthz within 60 s")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        forget_cache_prefix(redis_url, prefix)


def forget_cache_prefix(redis_url: str, prefix: str) -> None:
    """Delete this run's keys (the generation counter never expires by itself)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


def machine() -> str:
    cpus = os.cpu_count()
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        model = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    except (OSError, StopIteration):
        model = "unknown CPU"
    load = os.getloadavg()
    return f"{cpus} cores ({model}), load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
