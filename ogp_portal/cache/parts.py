"""Values computed from content, kept until any content changes, computed once when missing (single flight)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings

from . import bounds
from .generation import GENERATION_KEY, breaker, current, store

T = TypeVar("T")

_POLL = 0.01
_MISSING = object()


def _single_flight_wait() -> float:
    """How long a request waits for a value another process is computing (0: everyone computes).

    Right after a content change every page's part is missing at once; without waiting, each of the
    requests arriving meanwhile would compute the same part.
    """
    return getattr(settings, "CACHE_SINGLE_FLIGHT_SECONDS", 3.0)


def content_cached(key: str, compute: Callable[[], T], *, timeout: int = 24 * 60 * 60, family: str = "") -> T:
    """`compute()` once per content generation, shared by all processes: reused until any content changes.

    For expensive values derived from the public data that several pages or requests need (e.g. the
    size of an open-data file, the main part of a page). Falls back to computing when the cache is down.
    `family` names what the key is a variant of (a part's name): computed for a request with a query
    string, at most PART_CACHE_MAX_VARIANTS values of one family are stored per generation (bounds.py).
    """
    cache = store()
    value_key = f"page-cache:value:{key}"
    if breaker.open():
        return compute()
    try:
        found = cache.get_many([GENERATION_KEY, value_key])
    except Exception as exc:
        breaker.failed(key, exc)
        return compute()
    found = breaker.succeeded(found)
    generation = current(found)
    entry = found.get(value_key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry[1]
    if generation is None:
        return compute()
    bounded = family and bounds.in_variant()
    if bounded and not bounds.admit(f"part:{family}", generation, limit=bounds.part_limit(), timeout=timeout):
        return compute()
    wait = _single_flight_wait()
    if wait <= 0:
        return compute()
    lock_key = f"{value_key}:computing:{generation}"
    try:
        claimed = cache.add(lock_key, 1, timeout=int(wait) + 1)
    except Exception as exc:
        breaker.failed(key, exc)
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
            breaker.failed(key, exc)
    finally:
        if claimed:
            try:
                cache.delete(lock_key)
            except Exception as exc:
                breaker.failed(key, exc)
    return value


def _wait_for(cache, value_key: str, lock_key: str, generation, wait: float):
    """The value another process is computing, once it is stored; _MISSING if it gave up or took too long."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(_POLL)
        try:
            found = cache.get_many([value_key, lock_key])
        except Exception as exc:
            breaker.failed(value_key, exc)
            return _MISSING
        entry = found.get(value_key)
        if entry is not None and entry[0] == generation:
            return entry[1]
        if lock_key not in found:
            return _MISSING  # it failed (e.g. Http404) or stored under a newer generation: compute here
    return _MISSING
