"""The production configuration: cache, media storage, static files, gunicorn and `make serve` settings.

Settings are read once at import, so each case runs in a fresh interpreter with its own environment.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from scripts import serve

ROOT = Path(__file__).resolve().parent.parent
SERVING_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "DATABASE_URL",
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "PAGE_CACHE_ENABLED",
    "FRAGMENT_CACHE_ENABLED",
    "CONN_MAX_AGE",
}
PRODUCTION = {"DJANGO_SETTINGS_MODULE": "ogp_portal.settings_production", "SECRET_KEY": "k" * 60}


def run_python(code: str, **env) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in SERVING_VARIABLES}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def django_value(expression: str, **env) -> str:
    return run_python(f"import django; django.setup(); from django.conf import settings; print({expression})", **env)


def test_the_cache_is_redis_when_redis_url_is_set():
    backend = django_value(
        "settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION']",
        REDIS_URL="redis://127.0.0.1:6379/3",
        DJANGO_SETTINGS_MODULE="ogp_portal.settings",
    )
    assert backend == "django.core.cache.backends.redis.RedisCache redis://127.0.0.1:6379/3"


def test_the_cache_is_process_memory_without_redis():
    backend = django_value("settings.CACHES['default']['BACKEND']", DJANGO_SETTINGS_MODULE="ogp_portal.settings")
    assert backend == "django.core.cache.backends.locmem.LocMemCache"


def test_media_go_to_private_s3_compatible_storage_when_a_bucket_is_set():
    code = (
        "import django; django.setup()\n"
        "from django.core.files.storage import storages; s = storages['default']\n"
        "print(type(s).__name__); print(s.url('reports/final.pdf'))"
    )
    out = run_python(
        code,
        **PRODUCTION,
        AWS_STORAGE_BUCKET_NAME="ogp-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.invalid",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        AWS_S3_REGION_NAME="eu-north-1",
    ).splitlines()
    assert out[0] == "S3Storage"
    # Private objects: the address is signed and expires.
    assert "ogp-media" in out[1] and "media/reports/final.pdf" in out[1]
    assert "X-Amz-Signature=" in out[1] or "Signature=" in out[1]


def test_media_stay_on_the_file_system_without_a_bucket():
    backend = django_value("settings.STORAGES['default']['BACKEND']", **PRODUCTION)
    assert backend == "django.core.files.storage.FileSystemStorage"


def test_collectstatic_builds_hashed_compressed_files_in_production(tmp_path):
    env = {**os.environ, **PRODUCTION, "STATIC_ROOT": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/portal.css"]
    assert hashed != "css/portal.css"
    assert (tmp_path / f"{hashed}.gz").exists()
    url = django_value("__import__('django.templatetags.static').templatetags.static.static('css/portal.css')", **env)
    assert url == f"/static/{hashed}"


def gunicorn_config(**env) -> dict:
    code = (
        "import json, os, runpy\n"
        "c = runpy.run_path('gunicorn.conf.py')\n"
        "print(json.dumps({k: c[k] for k in ('workers', 'threads', 'worker_class', 'bind', 'preload_app')}"
        " | {'page_cache': os.environ.get('PAGE_CACHE_ENABLED'), 'conn_max_age': os.environ.get('CONN_MAX_AGE'),"
        " 'part_cache': os.environ.get('FRAGMENT_CACHE_ENABLED'),"
        " 'settings': os.environ['DJANGO_SETTINGS_MODULE']}))"
    )
    return json.loads(run_python(code, **env))


def test_gunicorn_takes_its_workers_from_web_concurrency():
    config = gunicorn_config(WEB_CONCURRENCY="3", REDIS_URL="redis://127.0.0.1:6379/0", PORT="8123")

    assert config["workers"] == 3
    assert config["worker_class"] == "sync"
    assert config["bind"] == "127.0.0.1:8123"
    assert config["page_cache"] is None  # on, shared through Redis
    assert config["conn_max_age"] == "60"  # persistent connections
    assert config["settings"] == "ogp_portal.settings_production"


def test_gunicorn_switches_to_threads_when_asked():
    config = gunicorn_config(WEB_CONCURRENCY="2", GUNICORN_THREADS="4", REDIS_URL="redis://127.0.0.1:6379/0")
    assert (config["threads"], config["worker_class"]) == (4, "gthread")


def test_several_workers_without_redis_turn_the_page_and_part_caches_off():
    # Each process would keep its own cache and miss the others' invalidations.
    several = gunicorn_config(WEB_CONCURRENCY="3")
    assert (several["page_cache"], several["part_cache"]) == ("false", "false")
    one = gunicorn_config(WEB_CONCURRENCY="1")
    assert (one["page_cache"], one["part_cache"]) == (None, None)
    shared = gunicorn_config(WEB_CONCURRENCY="3", REDIS_URL="redis://127.0.0.1:6379/0")
    assert (shared["page_cache"], shared["part_cache"]) == (None, None)


def test_serve_generates_a_secret_key_when_none_is_set(monkeypatch):
    monkeypatch.setattr(serve, "_answers", lambda host, port: False)

    env = serve.prepare_environment({})

    assert len(env["SECRET_KEY"]) >= 50
    assert serve.prepare_environment({})["SECRET_KEY"] != env["SECRET_KEY"]
    assert env["DATABASE_URL"] == "postgres://postgres@127.0.0.1:5432/ogp_portal"
    assert env["DJANGO_SETTINGS_MODULE"] == "ogp_portal.settings_production"
    assert "REDIS_URL" not in env


def test_serve_keeps_what_the_environment_says(monkeypatch):
    monkeypatch.setattr(serve, "_answers", lambda host, port: True)
    given = {"SECRET_KEY": "mine", "DATABASE_URL": "postgres://db/x", "REDIS_URL": "redis://cache:6379/1"}

    env = serve.prepare_environment(given)

    assert {k: env[k] for k in given} == given


def test_serve_uses_the_local_redis_when_it_answers(monkeypatch):
    monkeypatch.setattr(serve, "_answers", lambda host, port: (host, port) == ("127.0.0.1", 6379))
    assert serve.prepare_environment({})["REDIS_URL"] == "redis://127.0.0.1:6379/0"


def test_serve_on_the_loopback_does_not_redirect_to_https(monkeypatch):
    monkeypatch.setattr(serve, "_answers", lambda host, port: False)
    assert serve.prepare_environment({})["SECURE_SSL_REDIRECT"] == "false"
    assert "SECURE_SSL_REDIRECT" not in serve.prepare_environment({"HOST": "0.0.0.0"})


def test_healthz_is_exempt_from_the_https_redirect():
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "c = Client(SERVER_NAME='127.0.0.1', raise_request_exception=False)\n"
        "print(c.get('/plani/').status_code, c.get('/healthz').status_code)"
    )
    # /plani/ redirects to https; /healthz answers (500 here: no database in this process, not a redirect).
    first, second = run_python(code, **PRODUCTION, DATABASE_URL="postgres://nobody@127.0.0.1:1/none").split()
    assert first == "301"
    assert second != "301"


def test_gunicorn_warms_templates_up_before_forking_workers():
    code = (
        "import runpy, types\n"
        "c = runpy.run_path('gunicorn.conf.py')\n"
        "server = types.SimpleNamespace(log=types.SimpleNamespace(info=lambda *a: print('LOG', a[0] % a[1:])))\n"
        "c['on_starting'](server)\n"
        "from django.template import engines\n"
        "loader = engines['django'].engine.template_loaders[0]\n"
        "print('templates', len(loader.get_template_cache))\n"
    )
    out = run_python(code, DJANGO_SETTINGS_MODULE="ogp_portal.settings", WEB_CONCURRENCY="1")
    compiled = int(out.splitlines()[-1].split()[1])
    assert compiled > 20  # every template of the project and the admin, not just one
    assert "page and part caches on" in out


class FakeRedis:
    def __init__(self, config=None, refuse=False):
        self.config = {"maxmemory": "0", "maxmemory-policy": "noeviction", **(config or {})}
        self.refuse = refuse

    def config_get(self, name):
        import redis

        if self.refuse:
            raise redis.ResponseError("unknown command 'CONFIG'")
        return {name: self.config[name]}

    def config_set(self, name, value):
        self.config[name] = str(value)

    def close(self):
        pass


def test_serve_bounds_the_cache_redis_with_lru_eviction(monkeypatch):
    import redis

    fake = FakeRedis()
    monkeypatch.setattr(redis.Redis, "from_url", lambda *a, **kw: fake)
    serve.configure_redis("redis://127.0.0.1:6379/0")
    assert fake.config == {"maxmemory": "256mb", "maxmemory-policy": "allkeys-lru"}

    # A limit somebody set is kept.
    fake = FakeRedis({"maxmemory": "1073741824"})
    serve.configure_redis("redis://127.0.0.1:6379/0")
    assert fake.config["maxmemory"] == "1073741824"


def test_serve_says_the_redis_conf_lines_when_config_is_refused(monkeypatch, capsys):
    import redis

    monkeypatch.setattr(redis.Redis, "from_url", lambda *a, **kw: FakeRedis(refuse=True))
    serve.configure_redis("redis://127.0.0.1:6379/0")
    out = capsys.readouterr().out
    assert "maxmemory 256mb" in out
    assert "maxmemory-policy allkeys-lru" in out
