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
  as a second line of defence behind the rules above;
- free-text searches (PAGE_CACHE_UNSTORED_PARAMS) and query variants past the bound (bounds.py).

Exactly the responses that could be stored (whatever their size or query) are public: they get the
validators and a public Cache-Control (validators.py); every other response is private.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from . import bounds, keys
from .generation import CHANGED_AT_KEY, GENERATION_KEY, breaker, changed_at, current, store
from .validators import mark_private, validators

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


def _unstored_params() -> set[str]:
    return set(getattr(settings, "PAGE_CACHE_UNSTORED_PARAMS", ("q",)))


def is_anonymous(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and _MESSAGES_COOKIE not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _excluded(match) -> bool:
    return match is None or bool(set(match.namespaces) & _excluded_namespaces())


def _public(request, response, match) -> bool:
    """The response is the same for every anonymous visitor of this address (in this generation)."""
    if response.status_code != 200 or response.cookies or _excluded(match):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False  # SessionMiddleware (outside us) is about to set a session cookie
    control = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if control & _UNCACHEABLE_CONTROL:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return not vary - _HARMLESS_VARY


def _storable(request, response, pairs) -> bool:
    if request.method != "GET" or response.streaming or len(response.content) > _max_bytes():
        return False
    # Free-text search: every visitor's words would be a page of their own; its part is still cached.
    return not {name for name, _ in pairs} & _unstored_params()


class PublicPageCacheMiddleware:
    """Serves anonymous GET requests from the shared cache, answers their conditional GETs, and says which
    responses a shared cache may keep.

    Sits right after LocaleMiddleware (the key needs the active language) and before the CSRF,
    authentication and messages middleware, so that a hit skips them and a miss sees the cookies
    they set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)  # a POST's response is never stored by anyone
        match = keys.resolved(request)
        pairs = keys.canonicalize(request, match)
        with bounds.variant(bool(pairs)):
            if _enabled() and is_anonymous(request) and not breaker.open():
                return self._anonymous(request, match, pairs)
            return mark_private(self._bypass(request))

    def _anonymous(self, request, match, pairs):
        cache = store()
        where = keys.address(request, pairs)
        key = keys.page_key(where)
        try:
            found = cache.get_many([GENERATION_KEY, CHANGED_AT_KEY, key])
        except Exception as exc:
            breaker.failed("page", exc)
            return mark_private(self._bypass(request))
        found = breaker.succeeded(found)
        generation = current(found)
        if generation is None:
            return mark_private(self._bypass(request))
        checks = validators(where, generation, changed_at(found, generation))
        if not _excluded(match) and (not_modified := checks.not_modified(request)) is not None:
            checks.mark_public(not_modified)
            not_modified[HEADER] = "not-modified"
            return not_modified
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            _, status, headers, content = entry
            response = HttpResponse(content, status=status, headers=headers)
            checks.mark_public(response)
            response[HEADER] = "hit"
            return response

        response = self.get_response(request)
        if not _public(request, response, match):
            response[HEADER] = "bypass"
            return mark_private(response)
        checks.mark_public(response)
        if _storable(request, response, pairs) and self._admit(request, where, generation, pairs):
            headers = [(k, v) for k, v in response.items() if k.lower() != HEADER.lower()]
            try:
                cache.set(key, (generation, response.status_code, headers, response.content), _timeout())
            except Exception as exc:
                breaker.failed("store", exc)
            response[HEADER] = "miss"
        else:
            response[HEADER] = "bypass"
        return response

    @staticmethod
    def _admit(request, where: str, generation, pairs) -> bool:
        """The canonical page always; a query variant while its page has room (bounds.py)."""
        if not pairs:
            return True
        family = "page:" + keys.page_key(keys.address(request, []))
        return bounds.admit(family, generation, limit=bounds.page_limit(), timeout=_timeout())

    def _bypass(self, request):
        response = self.get_response(request)
        response[HEADER] = "bypass"
        return response
