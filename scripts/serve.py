"""`make serve`: the production configuration, run locally.

PostgreSQL, DEBUG off, hashed and compressed static files, gunicorn (gunicorn.conf.py), the shared Redis
cache when a Redis server answers on the default local port, and the background-task worker. Prepares
the database first: create it if missing, migrate, collectstatic, load the real plan data.

Every setting can be overridden from the environment (see README and gunicorn.conf.py).
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ogp_portal"
LOCAL_REDIS = ("127.0.0.1", 6379)
# The cache's Redis holds only what can be recomputed: bounded, evicting the least recently used key of
# any kind when full (a lost generation counter restarts from the clock, which only invalidates pages).
REDIS_MAXMEMORY = "256mb"
REDIS_POLICY = "allkeys-lru"


def say(message: str) -> None:
    print(f"serve: {message}", flush=True)


def _answers(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def prepare_environment(env: dict[str, str]) -> dict[str, str]:
    env = dict(env)
    env.setdefault("DJANGO_SETTINGS_MODULE", "ogp_portal.settings_production")
    env.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    env.setdefault("DEBUG", "false")
    if not env.get("SECRET_KEY"):
        # Local runs only: a fresh key each start (sessions do not survive a restart). Production sets it.
        env["SECRET_KEY"] = secrets.token_urlsafe(50)
        say("SECRET_KEY is not set: generated a random one for this run.")
    host = env.get("HOST", "127.0.0.1")
    if host in ("127.0.0.1", "localhost"):
        # Plain http on the loopback, no TLS proxy in front: no redirect to https, no HSTS. (Browsers
        # accept Secure cookies from 127.0.0.1 and localhost, so the admin login still works.)
        env.setdefault("SECURE_SSL_REDIRECT", "false")
        env.setdefault("SECURE_HSTS_SECONDS", "0")
        env.setdefault("SECURE_COOKIES", "false")
    if not env.get("REDIS_URL") and _answers(*LOCAL_REDIS):
        env["REDIS_URL"] = "redis://{}:{}/0".format(*LOCAL_REDIS)
        say(f"using the Redis server on {LOCAL_REDIS[0]}:{LOCAL_REDIS[1]} as the shared cache (REDIS_URL).")
    return env


def configure_redis(redis_url: str, maxmemory: str = REDIS_MAXMEMORY) -> None:
    """Give the cache's Redis a memory limit and LRU eviction (CONFIG SET), unless it already has a limit.

    A Redis where CONFIG is disabled (managed services) is left alone: set the same in its redis.conf.
    """
    import redis

    client = redis.Redis.from_url(redis_url, socket_connect_timeout=1, socket_timeout=1)
    try:
        if int(client.config_get("maxmemory").get("maxmemory", 0)) == 0:
            client.config_set("maxmemory", maxmemory)
        client.config_set("maxmemory-policy", REDIS_POLICY)
        limit = client.config_get("maxmemory").get("maxmemory")
        say(f"Redis: maxmemory {limit} bytes, maxmemory-policy {REDIS_POLICY}.")
    except redis.RedisError as exc:
        say(f"cannot configure Redis ({exc}); put these lines in its redis.conf:")
        say(f"  maxmemory {maxmemory}")
        say(f"  maxmemory-policy {REDIS_POLICY}")
    finally:
        client.close()


def ensure_database(database_url: str) -> None:
    """Create the PostgreSQL database named in DATABASE_URL when it does not exist yet."""
    parts = urlsplit(database_url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            say(f"created database {name}.")


def manage(env: dict[str, str], *args: str) -> None:
    say("manage.py " + " ".join(args))
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def main() -> int:
    env = prepare_environment(dict(os.environ))
    try:
        ensure_database(env["DATABASE_URL"])
    except Exception as exc:  # psycopg.OperationalError and friends: say what to do, not a traceback
        say(f"cannot reach PostgreSQL at {env['DATABASE_URL']}: {exc}")
        say("start PostgreSQL or set DATABASE_URL.")
        return 1
    if env.get("REDIS_URL"):
        configure_redis(env["REDIS_URL"], env.get("REDIS_MAXMEMORY", REDIS_MAXMEMORY))
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "load_real_data")

    worker = subprocess.Popen([PYTHON, "manage.py", "worker"], cwd=ROOT, env=env)
    say(f"background-task worker started (manage.py worker, pid {worker.pid}).")
    gunicorn = [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "ogp_portal.wsgi"]
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=env)

    def stop(signum, frame):
        for proc in (server, worker):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = server.wait()
    stop(None, None)
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
    return code


if __name__ == "__main__":
    sys.exit(main())
