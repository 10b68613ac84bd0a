"""The content generation: one number every cached page and part is stored under, bumped by every content write.

Instead of tracking which page shows which rows, every write to a content model bumps one global number; a
value stored under an older generation is never served again. Content is written rarely (staff edits,
progress reports) and read often, so a global bump is both correct and cheap.

The breaker lives here too: the generation is what has to be bumped once an unreachable cache answers again.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, transaction

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# (generation, Unix time of the bump that made it): the Last-Modified of every page of that generation.
CHANGED_AT_KEY = "page-cache:generation-changed-at"


def store():
    """The shared cache that holds the generation, the pages and the parts."""
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


class Breaker:
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
        bump()
        return {}

    def reset(self) -> None:
        """Forget any outage (tests that simulate one)."""
        self.down_until = 0.0
        self.was_down = False


breaker = Breaker()


def bump() -> None:
    cache = store()
    try:
        try:
            generation = cache.incr(GENERATION_KEY)
        except ValueError:
            # Missing (first write, cache flushed or evicted). Start from the clock, not from 1, so a
            # recreated counter never matches a generation that old pages are still stored under.
            generation = time.time_ns()
            cache.set(GENERATION_KEY, generation, timeout=None)
        # Stored with its generation: when two bumps race, the pair that loses names an older generation
        # and pages get no Last-Modified rather than a wrong one.
        cache.set(CHANGED_AT_KEY, (generation, int(time.time())), timeout=None)
    except Exception as exc:
        # An unreachable cache must not break a save; the breaker bumps again once it is back.
        breaker.failed("invalidate", exc)


def invalidate_public_pages(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Make every cached public page and part stale.

    Bumped now, so that the writing request and tests see the change at once, and again when the
    transaction commits: a page rendered by another request between the two bumps may show the
    old data and would otherwise be stored under the new generation.
    """
    bump()
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(bump, using=using)


def changed_at(found: dict, generation) -> int | None:
    """When `generation` began (Unix seconds) from a get_many() answer; None when not known."""
    entry = found.get(CHANGED_AT_KEY)
    return entry[1] if entry is not None and entry[0] == generation else None


def current(found: dict) -> int | None:
    """The current generation from a get_many() answer, starting a counter when there is none."""
    generation = found.get(GENERATION_KEY)
    if generation is None:
        bump()
        try:
            generation = store().get(GENERATION_KEY)
        except Exception as exc:
            breaker.failed("generation", exc)
    return generation
