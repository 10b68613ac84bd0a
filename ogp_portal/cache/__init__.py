"""The page and part caches, invalidated whenever content changes.

- generation.py: the content generation every cached value is stored under, and the breaker that keeps
  pages up while the cache is unreachable;
- pages.py: whole public pages for anonymous visitors (PublicPageCacheMiddleware);
- keys.py: what a page is stored under, its query reduced to what its view understands;
- bounds.py: at most so many query variants of one page or part per generation;
- validators.py: ETags, Last-Modified and 304s computed before rendering, public/private Cache-Control;
- parts.py: `content_cached()`, a value computed once per generation (single flight);
- invalidation.py: which writes bump the generation (settings.CACHE_CONTENT_MODELS), `bulk_changes()`;
- checks.py: the system check that keeps the content list complete.
- compiled.py: `compiled_list()`, querysets compiled to SQL once per process (no content kept), for the
  public pages' fixed-shape queries.

Other modules import the public names from here.
"""

from .generation import GENERATION_KEY, invalidate_public_pages
from .invalidation import bulk_changes
from .pages import HEADER, PublicPageCacheMiddleware
from .parts import content_cached

__all__ = [
    "GENERATION_KEY",
    "HEADER",
    "PublicPageCacheMiddleware",
    "bulk_changes",
    "content_cached",
    "invalidate_public_pages",
]
