"""Whole public pages for anonymous visitors, served from the shared cache until any content changes.

Public pages are the same for every anonymous visitor, so a rendered page is stored in the shared
cache (Redis in production) under the current content generation (generation.py).

What is never cached:
- requests that carry a session cookie (logged-in users, anyone with a session), a messages
  cookie or an Authorization header: their pages may differ from the anonymous page;
- anything but GET/HEAD, anything but 200, streaming responses, and large responses;
- responses that set a cookie (a CSRF or session cookie must never be replayed to others), that
  say `Cache-Control: private/no-cache/no-store` (admin and `never_cache`/`login_required` views)
  or that vary on anything besides Cookie and Accept-Language;
- the URL namespaces in PAGE_CACHE_EXCLUDED_NAMESPACES (admin, council member pages, accounts),
  as a second line of defence behind the rules above.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re

from .generation import GENERATION_KEY, breaker, current, store

HEADER = "X-Page-Cache"
# Vary values our key already covers: the key is built only for requests without a session
# cookie, and includes the active language.
_HARMLESS_VARY = {"cookie", "accept-language"}
_UNCACHEABLE_CONTROL = {"private", "no-cache", "no-store"}
_MESSAGES_COOKIE = "messages"  # django.contrib.messages CookieStorage.cookie_name


def _enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def _timeout() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def _max_bytes() -> int:
    return getattr(settings, "PAGE_CACHE_MAX_BYTES", 1_000_000)


def _excluded_namespaces() -> set[str]:
    return set(getattr(settings, "PAGE_CACHE_EXCLUDED_NAMESPACES", ("admin", "council", "accounts")))


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
        if not _is_anonymous(request) or breaker.open():
            return self._bypass(request)
        cache = store()
        key = _page_key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except Exception as exc:
            breaker.failed("page", exc)
            return self._bypass(request)
        found = breaker.succeeded(found)
        generation = current(found)
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
                breaker.failed("store", exc)
            response[HEADER] = "miss"
        else:
            response[HEADER] = "bypass"
        return response

    def _bypass(self, request):
        response = self.get_response(request)
        response[HEADER] = "bypass"
        return response
