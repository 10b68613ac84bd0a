"""The HTTP side of the page cache: validators (ETag, Last-Modified), Cache-Control and Vary.

A public page's ETag is computed before it is rendered, from what decides its content: the content
generation, its canonical address (scheme, host, path, the query it understands), its language and the
date. A conditional GET that matches is answered 304 by Django's own `get_conditional_response` without
rendering anything, whether or not the page is in the page cache. Last-Modified is sent only when the
time of the generation's bump is known; a page cannot be older than today's start either (it says what is
overdue today), so the later of the two is sent.

Only responses that are the same for every anonymous visitor get the validators and a public
Cache-Control; the rest are private.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

# The page cache's key holds the language and is taken only without a session cookie: a shared cache
# must keep the same apart. Set on hits, misses and 304s alike, so that all three say the same.
VARY = ("Cookie", "Accept-Language")


def _max_age() -> int:
    return getattr(settings, "PUBLIC_MAX_AGE", 60)


def _stale_while_revalidate() -> int:
    return getattr(settings, "PUBLIC_STALE_WHILE_REVALIDATE", 30)


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: int | None

    def not_modified(self, request):
        """A 304 when the request's copy is current (nothing rendered), else None."""
        if "HTTP_IF_NONE_MATCH" not in request.META and "HTTP_IF_MODIFIED_SINCE" not in request.META:
            return None
        response = get_conditional_response(request, etag=self.etag, last_modified=self.last_modified)
        # Only a 304: a 412 (If-Match) is for the view to answer, the page may not even be public.
        return response if response is not None and response.status_code == 304 else None

    def mark_public(self, response) -> None:
        if response.get("ETag", self.etag) == self.etag:
            response["ETag"] = self.etag
            if self.last_modified is not None:
                response["Last-Modified"] = http_date(self.last_modified)
            elif response.has_header("Last-Modified"):
                del response["Last-Modified"]  # a stored page's, from when the time was known
        # else the view's own validators (a published report's digest) say more than ours: kept.
        # Short: the generation retires our own copies at the first write, but a browser's or a proxy's
        # copy is not told, so max-age is how long a visitor may see a page from before an edit. After it,
        # revalidating costs one cache round trip and a 304 with no rendering. stale-while-revalidate lets
        # a shared cache answer from its copy while it revalidates in the background.
        patch_cache_control(response, public=True, max_age=_max_age(), stale_while_revalidate=_stale_while_revalidate())
        patch_vary_headers(response, VARY)


def validators(where: str, generation, changed_at: int | None) -> Validators:
    """The validators of the page at `where` (keys.address()) under `generation`."""
    digest = hashlib.sha256(f"{generation}\n{where}".encode()).hexdigest()[:32]
    last_modified = None
    if changed_at is not None:
        midnight = datetime.datetime.combine(timezone.localdate(), datetime.time(), timezone.get_current_timezone())
        last_modified = max(changed_at, int(midnight.timestamp()))
    # Weak: the same page is sent gzip-, brotli- or un-compressed, equivalent but not byte-equal.
    return Validators(etag=f'W/"{digest}"', last_modified=last_modified)


def mark_private(response) -> None:
    """A response that is not the same for every anonymous visitor: no shared cache may keep it."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True)
    patch_vary_headers(response, ("Cookie",))
    return response
