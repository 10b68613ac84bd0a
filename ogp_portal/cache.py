"""Whole-page cache for anonymous visitors, invalidated whenever content changes.

Public pages are the same for every anonymous visitor, so a rendered page is stored in the shared
cache (Redis in production) and served from there until the data it shows changes. Instead of
tracking which page shows which rows, every write to a content model bumps one global
"content generation" number; a page stored under an older generation is never served again.
Content is written rarely (staff edits, progress reports) and read often, so a global bump is
both correct and cheap.

What is never cached:
- requests that carry a session cookie (logged-in users, anyone with a session), a messages
  cookie or an Authorization header: their pages may differ from the anonymous page;
- anything but GET/HEAD, anything but 200, streaming responses, and large responses;
- responses that set a cookie (a CSRF or session cookie must never be replayed to others), that
  say `Cache-Control: private/no-cache/no-store` (admin and `never_cache`/`login_required` views)
  or that vary on anything besides Cookie and Accept-Language;
- the URL namespaces in PAGE_CACHE_EXCLUDED_NAMESPACES (admin, council member pages, accounts),
  as a second line of defence behind the rules above.

Writes that bypass model signals (`QuerySet.update()`, `bulk_create()`, raw SQL) must call
`invalidate_public_pages()` themselves.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from functools import lru_cache
from typing import TypeVar

from django.apps import AppConfig
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)
T = TypeVar("T")

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
# Vary values our key already covers: the key is built only for requests without a session
# cookie, and includes the active language.
_HARMLESS_VARY = {"cookie", "accept-language"}
_UNCACHEABLE_CONTROL = {"private", "no-cache", "no-store"}
_MESSAGES_COOKIE = "messages"  # django.contrib.messages CookieStorage.cookie_name


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


class _Breaker:
    """Stops using an unreachable cache for a while, instead of waiting for its timeout on every request.

    When the cache answers again the generation is bumped once: writes made meanwhile could not
    invalidate it, and a cache that kept its data (a restarted Redis, a network split) would otherwise
    serve pages from before them.
    """

    pause = 10.0

    def __init__(self):
        self.down_until = 0.0
        self.was_down = False

    def open(self) -> bool:
        return time.monotonic() < self.down_until

    def failed(self, what: str, exc: Exception) -> None:
        if not self.was_down:
            logger.warning("Cache unreachable (%s: %s); pages are rendered without it for a while", what, exc)
        self.down_until = time.monotonic() + self.pause
        self.was_down = True

    def succeeded(self, found: dict) -> dict:
        """`found` (a get_many() answer), or nothing after an outage: its entries predate the bump."""
        if not self.was_down:
            return found
        self.was_down = False
        logger.warning("Cache reachable again; cached pages invalidated")
        _bump()
        return {}


_breaker = _Breaker()


def _enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def _timeout() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def _max_bytes() -> int:
    return getattr(settings, "PAGE_CACHE_MAX_BYTES", 1_000_000)


def _excluded_namespaces() -> set[str]:
    return set(getattr(settings, "PAGE_CACHE_EXCLUDED_NAMESPACES", ("admin", "council", "accounts")))


# --- invalidation -------------------------------------------------------------------------------


def _bump() -> None:
    cache = _cache()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            # Missing (first write, cache flushed or evicted). Start from the clock, not from 1, so a
            # recreated counter never matches a generation that old pages are still stored under.
            cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception as exc:
        # An unreachable cache must not break a save; the breaker bumps again once it is back.
        _breaker.failed("invalidate", exc)


def invalidate_public_pages(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Make every cached public page stale.

    Bumped now, so that the writing request and tests see the change at once, and again when the
    transaction commits: a page rendered by another request between the two bumps may show the
    old data and would otherwise be stored under the new generation.
    """
    _bump()
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(_bump, using=using)


@lru_cache(maxsize=1)
def _content_app_labels() -> frozenset[str]:
    """Apps holding content: every app with a model whose history django-simple-history keeps.

    Infrastructure (sessions, auth, admin log, task results, login attempts) lives in other apps,
    so logins and background-task bookkeeping do not flush the page cache.
    """
    from simple_history.models import registered_models

    labels = {model._meta.app_label for model in registered_models.values()}
    labels.update(getattr(settings, "PAGE_CACHE_EXTRA_CONTENT_APPS", ()))
    return frozenset(labels)


_deferred = threading.local()


@contextmanager
def bulk_changes(*, using: str = DEFAULT_DB_ALIAS):
    """Invalidate once for a whole batch of writes (imports, data generation) instead of once per row.

    Use it outside the batch's transaction, so that the single bump follows the commit.
    """
    depth = getattr(_deferred, "depth", 0)
    _deferred.depth = depth + 1
    try:
        yield
    finally:
        _deferred.depth = depth
        if depth == 0:
            invalidate_public_pages(using=using)


def _on_content_change(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # loaddata: the loader invalidates once at the end, not per row
    if getattr(_deferred, "depth", 0):
        return  # inside bulk_changes(): bumped once when it ends
    if sender._meta.app_label in _content_app_labels():
        invalidate_public_pages(using=using)


def _on_m2m_change(sender, action, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    if action.startswith("post_"):
        _on_content_change(sender, using=using)


class PageCacheConfig(AppConfig):
    """Connects the invalidation signals in every process that writes (web, worker, commands).

    A signal is used here, against the project's "no logic in signals" rule, because this is
    infrastructure, not business logic: cache invalidation must follow *every* write, whichever
    service, admin action, import or command made it, and the services should not have to know
    that a page cache exists.
    """

    name = "ogp_portal"
    label = "ogp_portal"
    verbose_name = "Open government portal (infrastructure)"

    def ready(self) -> None:
        post_save.connect(_on_content_change, dispatch_uid="page_cache_post_save")
        post_delete.connect(_on_content_change, dispatch_uid="page_cache_post_delete")
        m2m_changed.connect(_on_m2m_change, dispatch_uid="page_cache_m2m_changed")


def _generation(found: dict) -> int | None:
    """The current generation from a get_many() answer, starting a counter when there is none."""
    generation = found.get(GENERATION_KEY)
    if generation is None:
        _bump()
        try:
            generation = _cache().get(GENERATION_KEY)
        except Exception as exc:
            _breaker.failed("generation", exc)
    return generation


# --- values computed from content ---------------------------------------------------------------


_POLL = 0.01


def _single_flight_wait() -> float:
    """How long a request waits for a value another process is computing (0: everyone computes).

    Right after a content change every page's part is missing at once; without waiting, each of the
    requests arriving meanwhile would compute the same part.
    """
    return getattr(settings, "CACHE_SINGLE_FLIGHT_SECONDS", 3.0)


def content_cached(key: str, compute: Callable[[], T], *, timeout: int = 24 * 60 * 60) -> T:
    """`compute()` once per content generation, shared by all processes: reused until any content changes.

    For expensive values derived from the public data that several pages or requests need (e.g. the
    size of an open-data file, the main part of a page). Falls back to computing when the cache is down.
    """
    cache = _cache()
    value_key = f"page-cache:value:{key}"
    if _breaker.open():
        return compute()
    try:
        found = cache.get_many([GENERATION_KEY, value_key])
    except Exception as exc:
        _breaker.failed(key, exc)
        return compute()
    found = _breaker.succeeded(found)
    generation = _generation(found)
    entry = found.get(value_key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry[1]
    wait = _single_flight_wait()
    if generation is None or wait <= 0:
        return compute()
    lock_key = f"{value_key}:computing:{generation}"
    try:
        claimed = cache.add(lock_key, 1, timeout=int(wait) + 1)
    except Exception as exc:
        _breaker.failed(key, exc)
        return compute()
    if not claimed:
        waited = _wait_for(cache, value_key, lock_key, generation, wait)
        if waited is not _MISSING:
            return waited
    try:
        # When compute() fails (a page that does not exist raises Http404) nothing is stored.
        value = compute()
        try:
            cache.set(value_key, (generation, value), timeout)
        except Exception as exc:
            _breaker.failed(key, exc)
    finally:
        if claimed:
            try:
                cache.delete(lock_key)
            except Exception as exc:
                _breaker.failed(key, exc)
    return value


_MISSING = object()


def _wait_for(cache, value_key: str, lock_key: str, generation, wait: float):
    """The value another process is computing, once it is stored; _MISSING if it gave up or took too long."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(_POLL)
        try:
            found = cache.get_many([value_key, lock_key])
        except Exception as exc:
            _breaker.failed(value_key, exc)
            return _MISSING
        entry = found.get(value_key)
        if entry is not None and entry[0] == generation:
            return entry[1]
        if lock_key not in found:
            return _MISSING  # it failed (e.g. Http404) or stored under a newer generation: compute here
    return _MISSING


# --- the middleware -----------------------------------------------------------------------------


def _is_anonymous(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and _MESSAGES_COOKIE not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _page_key(request) -> str:
    # The date is part of the key because pages say what is overdue today.
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page-cache:page:{digest}"


def _storable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False  # SessionMiddleware (outside us) is about to set a session cookie
    control = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if control & _UNCACHEABLE_CONTROL:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if vary - _HARMLESS_VARY:
        return False
    match = getattr(request, "resolver_match", None)
    if match is None or set(match.namespaces) & _excluded_namespaces():
        return False
    return len(response.content) <= _max_bytes()


class PublicPageCacheMiddleware:
    """Serves anonymous GET requests from the shared cache.

    Sits right after LocaleMiddleware (the key needs the active language) and before the CSRF,
    authentication and messages middleware, so that a hit skips them and a miss sees the cookies
    they set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _enabled() or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if not _is_anonymous(request):
            response = self.get_response(request)
            response[HEADER] = "bypass"
            return response

        if _breaker.open():
            response = self.get_response(request)
            response[HEADER] = "bypass"
            return response
        cache = _cache()
        key = _page_key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except Exception as exc:
            _breaker.failed("page", exc)
            response = self.get_response(request)
            response[HEADER] = "bypass"
            return response
        found = _breaker.succeeded(found)
        generation = _generation(found)
        entry = found.get(key)
        if entry is not None and generation is not None and entry[0] == generation:
            _, status, headers, content = entry
            response = HttpResponse(content, status=status, headers=headers)
            response[HEADER] = "hit"
            return response

        response = self.get_response(request)
        if generation is not None and _storable(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() != HEADER.lower()]
            try:
                cache.set(key, (generation, response.status_code, headers, response.content), _timeout())
            except Exception as exc:
                _breaker.failed("store", exc)
            response[HEADER] = "miss"
        else:
            response[HEADER] = "bypass"
        return response
