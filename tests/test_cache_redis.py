"""The page cache against a real Redis server, as production runs it (skipped when none answers locally).

The generation counter relies on Redis' atomic INCR; the process-memory cache of the other tests
cannot show that two processes agree on it.
"""

import socket
import uuid

import pytest
import redis
from django.core.cache import caches
from django.test import TestCase, override_settings

from commitments.models import Measure, MeasureStatus
from ogp_portal.cache import GENERATION_KEY, HEADER, invalidate_public_pages
from tests.factories import make_commitment, make_measure, make_plan


def redis_answers() -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex(("127.0.0.1", 6379)) == 0


def redis_cache_settings():
    # A key prefix of our own: never flush a Redis database other processes may be using.
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }


@pytest.mark.skipif(not redis_answers(), reason="no Redis server on 127.0.0.1:6379")
class RedisPageCacheTests(TestCase):
    def setUp(self):
        override = override_settings(CACHES=redis_cache_settings(), PAGE_CACHE_ENABLED=True)
        override.enable()
        self.addCleanup(override.disable)
        self.addCleanup(self.forget_keys)
        commitment = make_commitment(plan=make_plan(slug="current"))
        self.measure = make_measure(commitment=commitment, status=MeasureStatus.LIMITED)

    def forget_keys(self):
        prefix = caches["default"].key_prefix
        client = redis.Redis.from_url("redis://127.0.0.1:6379/15")
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)

    def test_a_saved_change_shows_on_the_next_anonymous_request(self):
        self.assertContains(self.client.get("/en/"), "1 of the 1 measure has a reported status; 0 complete.")
        self.assertEqual(self.client.get("/en/")[HEADER], "hit")

        self.measure.status = MeasureStatus.COMPLETE
        self.measure.save()

        self.assertContains(self.client.get("/en/"), "1 of the 1 measure has a reported status; 1 complete.")

    def test_the_generation_is_one_shared_counter(self):
        invalidate_public_pages()
        before = caches["default"].get(GENERATION_KEY)

        invalidate_public_pages()

        self.assertEqual(caches["default"].get(GENERATION_KEY), before + 1)

    def test_pages_stored_before_a_change_are_not_served_after_it(self):
        self.client.get("/en/")
        Measure.objects.filter(pk=self.measure.pk).update(status=MeasureStatus.COMPLETE)

        invalidate_public_pages()

        self.assertContains(self.client.get("/en/"), "1 of the 1 measure has a reported status; 1 complete.")
