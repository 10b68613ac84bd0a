"""How many variants of one page the caches keep: visitors choose query strings, not how much is stored.

The canonical page (no query string it understands) is always stored. A variant (a filter, a page number,
a search) is stored only while fewer than a limit of variants of the same page were stored in the current
content generation; past it, it is rendered and not stored. The counters live in the shared cache next to
what they count and expire with it, so at any time at most about twice the limit of variants of a page are
held (one lot ageing out, one counting up), whatever a crawler or an attacker adds to the URL.

The page cache middleware says, for each request, whether its page is a variant (`variant()`); the part
cache then bounds the parts rendered for that request the same way.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

from .generation import breaker, store

_VARIANT: ContextVar[bool] = ContextVar("cache_query_variant", default=False)


def page_limit() -> int:
    return getattr(settings, "PAGE_CACHE_MAX_VARIANTS", 100)


def part_limit() -> int:
    return getattr(settings, "PART_CACHE_MAX_VARIANTS", 200)


@contextmanager
def variant(is_variant: bool):
    """While serving a request whose page is a query variant: parts computed meanwhile are bounded."""
    token = _VARIANT.set(is_variant)
    try:
        yield
    finally:
        _VARIANT.reset(token)


def in_variant() -> bool:
    return _VARIANT.get()


def admit(family: str, generation, *, limit: int, timeout: int) -> bool:
    """Whether one more variant of `family` may be stored under `generation` (counts it if so)."""
    cache = store()
    key = f"page-cache:variants:{generation}:{family}"
    try:
        cache.add(key, 0, timeout)
        return cache.incr(key) <= limit
    except ValueError:
        return False  # evicted between add and incr: do not store, the next request counts again
    except Exception as exc:
        breaker.failed("variants", exc)
        return False
