"""gunicorn settings for production: `gunicorn ogp_portal.wsgi` picks this file up from the working directory.

Everything is read from the environment, like ogp_portal/settings.py:

    WEB_CONCURRENCY   worker processes (default: 2 × CPU cores + 1)
    GUNICORN_THREADS  threads per worker (default 1: sync workers; >1 switches to gthread)
    HOST, PORT        address to bind (default 127.0.0.1:8000); GUNICORN_BIND overrides both
    GUNICORN_TIMEOUT  seconds before a stuck worker is killed and replaced (default 30)
    ACCESS_LOG        "1" to log every request to stdout
"""

import multiprocessing
import os

# gunicorn is how production runs: the production settings unless told otherwise.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogp_portal.settings_production")

bind = os.environ.get("GUNICORN_BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak (PDF rendering, fonts) cannot grow without bound;
# the jitter keeps them from all restarting at once. Rare enough not to show in latency under load.
max_requests = 20000
max_requests_jitter = 2000
# Load Django once in the master: workers fork with the code already imported (faster start, shared memory).
preload_app = True
# The heartbeat file gunicorn touches on every request: keep it off the disk (stateless, container friendly).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# No runtime control socket (gunicorn ≥ 25): one fixed path per user would clash between instances.
control_socket_disable = True
accesslog = "-" if os.environ.get("ACCESS_LOG") in ("1", "true", "yes") else None
errorlog = "-"

# One persistent, health-checked database connection per worker instead of one per request
# (settings.py reads CONN_MAX_AGE; conn_health_checks replaces a connection PostgreSQL has dropped).
os.environ.setdefault("CONN_MAX_AGE", "60")

# Without Redis every worker would keep its own page and part caches, and a change saved through one
# worker would not invalidate what the others keep: turn both off rather than serve stale pages.
if workers > 1 and not os.environ.get("REDIS_URL"):
    os.environ.setdefault("PAGE_CACHE_ENABLED", "false")
    os.environ.setdefault("FRAGMENT_CACHE_ENABLED", "false")


def on_starting(server):
    """A (re)deployment may change templates: start with no cached page from the previous code."""
    import django

    django.setup()
    from django.conf import settings

    from ogp_portal.cache import invalidate_public_pages

    invalidate_public_pages()
    _warm_up()
    server.log.info(
        "ogp_portal: %s workers × %s threads, database %s, cache %s, page and part caches %s",
        workers,
        threads,
        settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "on" if settings.PAGE_CACHE_ENABLED else "off (set REDIS_URL to share them between workers)",
    )


def _warm_up() -> None:
    """Compile every template, load every translation catalogue and the URL patterns once, in the master.

    Workers fork from the master (preload_app), so they start with all of it in memory: a new or
    recycled worker answers its first requests as fast as the others instead of taking a second or two.
    """
    from pathlib import Path

    from django.conf import settings
    from django.template import TemplateSyntaxError, engines
    from django.urls import get_resolver
    from django.utils import translation

    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")
    get_resolver().url_patterns  # noqa: B018 (imports every URLconf and view module)
    for engine in engines.all():
        for directory in getattr(engine, "template_dirs", ()):
            for path in Path(directory).rglob("*.html"):
                try:
                    engine.get_template(str(path.relative_to(directory)))
                except (TemplateSyntaxError, UnicodeDecodeError, LookupError, ImportError):
                    continue  # a template of some other engine or for a library we do not use
