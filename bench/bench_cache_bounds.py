"""How much 1,000 anonymous requests with random query strings add to the page and part caches.

Starts from an empty cache and requests the public pages (HTML, API, downloads, feeds) through Django's
test Client with random query strings: tracking parameters (`?utm_source=<uuid>`), free-text searches
(`?q=<uuid>`), page numbers, unknown parameter names. Prints the keys and bytes added, by kind, next to
the bound the caches promise (ogp_portal/cache/bounds.py): unknown parameters add nothing, each page keeps
at most PAGE_CACHE_MAX_VARIANTS query variants and each part PART_CACHE_MAX_VARIANTS.

    DATABASE_URL=postgres://... [REDIS_URL=redis://127.0.0.1:6379/0] .venv/bin/python bench/bench_cache_bounds.py

With REDIS_URL the configured Redis is used, but in its own database (BENCH_REDIS_DB, default 9), which
is emptied first; without it, process memory (LocMemCache). The database needs the real data
(`manage.py load_real_data`).
"""

import collections
import os
import random
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "1000"))


def _bench_redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return ""
    db = os.environ.get("BENCH_REDIS_DB", "9")
    return urlunsplit(urlsplit(url)._replace(path=f"/{db}"))


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogp_portal.settings")
    os.environ["REDIS_URL"] = _bench_redis_url()
    os.environ["PAGE_CACHE_ENABLED"] = "true"
    os.environ["FRAGMENT_CACHE_ENABLED"] = "true"
    import django

    django.setup()


def _kind(key: str) -> str:
    key = key.split(":", 2)[2] if key.count(":") >= 2 and key.split(":")[1].isdigit() else key
    for prefix, kind in (
        ("page-cache:page:", "page"),
        ("page-cache:variants:", "variant counter"),
        ("page-cache:value:part:", "part"),
        ("page-cache:value:", "other value"),
    ):
        if key.startswith(prefix):
            return kind
    return "generation"


def _contents():
    """{key: bytes} of everything in the cache."""
    from django.core.cache import cache

    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # LocMemCache
        return {key: len(value) for key, value in cache._cache.items()}
    client = cache._cache.get_client(write=False)
    return {key.decode(): client.memory_usage(key) or 0 for key in client.scan_iter(count=1000)}


def _empty():
    from django.core.cache import cache

    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):
        cache.clear()
    else:
        cache._cache.get_client(write=True).flushdb()  # the bench's own Redis database only


def _pages() -> list[str]:
    from commitments.models import Measure
    from institutions.models import Institution
    from plans.models import ActionPlan

    plan = ActionPlan.objects.published().order_by("pk").first()
    measure = Measure.objects.published().order_by("pk").first()
    institution = Institution.objects.order_by("pk").first()
    paths = ["/", "/plani/", "/pasakumi/", "/iestades/", "/apspriesanas/", "/dati/", "/atskaites/"]
    paths += ["/dati/api/plans/", "/dati/api/measures/", "/dati/measures.csv", "/dati/plusmas/statusi/"]
    paths += [p for p in (plan and plan.get_absolute_url(), measure and measure.get_absolute_url()) if p]
    if institution:
        paths.append(f"/iestades/{institution.slug}/")
    return paths + ["/en" + path for path in paths]


def _junk(rng: random.Random) -> str:
    choice = rng.randrange(6)
    if choice == 0:
        return f"utm_source={uuid.uuid4()}"
    if choice == 1:
        return f"q={uuid.uuid4()}"
    if choice == 2:
        return f"page={rng.randrange(0, 10_000)}"
    if choice == 3:
        return f"{uuid.uuid4().hex}=1"
    if choice == 4:
        return f"status={rng.choice(['complete', 'limited', 'not_started', uuid.uuid4().hex])}"
    return f"fbclid={uuid.uuid4()}&page={rng.randrange(1, 5)}"


def main() -> int:
    _setup()
    import logging

    from django.conf import settings

    logging.disable(logging.WARNING)  # the API's 422s for junk values are expected
    from django.test import Client

    _empty()
    pages = _pages()
    client = Client()
    rng = random.Random(1)
    outcomes = collections.Counter()
    statuses = collections.Counter()
    for _ in range(REQUESTS):
        response = client.get(f"{rng.choice(pages)}?{_junk(rng)}", HTTP_ACCEPT_ENCODING="br, gzip")
        outcomes[response.get("X-Page-Cache", "-")] += 1
        statuses[response.status_code] += 1
    added = _contents()
    by_kind = collections.defaultdict(lambda: [0, 0])
    for key, size in added.items():
        by_kind[_kind(key)][0] += 1
        by_kind[_kind(key)][1] += size
    backend = "Redis db " + os.environ["REDIS_URL"].rsplit("/", 1)[-1] if os.environ["REDIS_URL"] else "LocMemCache"
    print(f"{REQUESTS} anonymous requests with random query strings over {len(pages)} public addresses ({backend})")
    print("responses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    print("page cache: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(f"{'kind':<16} {'keys':>6} {'bytes':>12}")
    for kind, (count, size) in sorted(by_kind.items()):
        print(f"{kind:<16} {count:>6} {size:>12,}")
    print(f"{'total':<16} {len(added):>6} {sum(added.values()):>12,}")
    page_bound = len(pages) * (1 + settings.PAGE_CACHE_MAX_VARIANTS)
    print(
        f"bound: pages <= {len(pages)} addresses x (1 + PAGE_CACHE_MAX_VARIANTS {settings.PAGE_CACHE_MAX_VARIANTS})"
        f" = {page_bound}; parts <= PART_CACHE_MAX_VARIANTS {settings.PART_CACHE_MAX_VARIANTS} per part"
        " with a query, per generation"
    )
    if os.environ["REDIS_URL"]:
        _empty()  # leave the bench's Redis database as it was found
    return 0


if __name__ == "__main__":
    sys.exit(main())
