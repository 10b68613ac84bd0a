import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils import translation

from ogp_portal.cache.generation import breaker


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in Latvian, whatever language the previous test's requests left active."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _clear_process_caches():
    breaker.reset()
    # Only process-memory caches: a Redis a test points at may be shared, and its tests clean up their own keys.
    for alias in settings.CACHES:
        cache = caches[alias]
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.fixture(autouse=True)
def _empty_caches():
    """The page and part caches are on, as in production: no test sees pages another test stored."""
    _clear_process_caches()
    yield
    _clear_process_caches()
