"""content_cached(): a value computed once per content generation (e.g. open-data file sizes)."""

import threading
from unittest import mock

from django.core.cache import cache
from django.http import Http404
from django.test import TestCase

from commitments.models import MeasureStatus
from ogp_portal.cache import GENERATION_KEY, content_cached, invalidate_public_pages
from ogp_portal.cache.generation import breaker
from tests.factories import make_measure


class ContentCachedTests(TestCase):
    def setUp(self):
        cache.clear()
        self.calls = 0

    def compute(self):
        self.calls += 1
        return {"size": 1234, "call": self.calls}

    def test_it_computes_once_while_the_content_stays_the_same(self):
        first = content_cached("sizes", self.compute)
        second = content_cached("sizes", self.compute)

        self.assertEqual(first, second)
        self.assertEqual(self.calls, 1)

    def test_it_computes_again_after_any_content_change(self):
        content_cached("sizes", self.compute)
        measure = make_measure(status=MeasureStatus.LIMITED)
        measure.status = MeasureStatus.COMPLETE
        measure.save()

        self.assertEqual(content_cached("sizes", self.compute)["call"], 2)

    def test_keys_are_separate(self):
        content_cached("a", self.compute)
        content_cached("b", self.compute)

        self.assertEqual(self.calls, 2)

    def test_it_still_answers_when_the_cache_is_down(self):
        self.addCleanup(breaker.reset)
        with mock.patch.object(cache, "get_many", side_effect=ConnectionError("down")):
            self.assertEqual(content_cached("sizes", self.compute)["size"], 1234)


class SingleFlightTests(TestCase):
    """Right after a change every part is missing at once: one request computes, the others wait for it."""

    def setUp(self):
        cache.clear()
        invalidate_public_pages()
        self.generation = cache.get(GENERATION_KEY)
        self.value_key = "page-cache:value:part"
        self.lock_key = f"{self.value_key}:computing:{self.generation}"
        self.calls = 0

    def compute(self):
        self.calls += 1
        return "computed here"

    def later(self, action):
        timer = threading.Timer(0.05, action)
        timer.start()
        self.addCleanup(timer.join)

    def test_it_waits_for_the_value_another_process_is_computing(self):
        cache.add(self.lock_key, 1)

        def other_process_finishes():
            cache.set(self.value_key, (self.generation, "computed there"))
            cache.delete(self.lock_key)

        self.later(other_process_finishes)

        self.assertEqual(content_cached("part", self.compute), "computed there")
        self.assertEqual(self.calls, 0)

    def test_it_computes_itself_when_the_other_gives_up(self):
        cache.add(self.lock_key, 1)
        self.later(lambda: cache.delete(self.lock_key))

        self.assertEqual(content_cached("part", self.compute), "computed here")
        self.assertEqual(self.calls, 1)

    def test_it_stops_waiting_after_the_limit(self):
        cache.add(self.lock_key, 1)
        with self.settings(CACHE_SINGLE_FLIGHT_SECONDS=0.05):
            self.assertEqual(content_cached("part", self.compute), "computed here")

    def test_a_failed_computation_stores_nothing_and_frees_the_claim(self):
        def missing():
            raise Http404

        with self.assertRaises(Http404):
            content_cached("part", missing)

        self.assertIsNone(cache.get(self.lock_key))
        self.assertIsNone(cache.get(self.value_key))
        self.assertEqual(content_cached("part", self.compute), "computed here")

    def test_with_no_wait_everyone_computes(self):
        cache.add(self.lock_key, 1)
        with self.settings(CACHE_SINGLE_FLIGHT_SECONDS=0):
            self.assertEqual(content_cached("part", self.compute), "computed here")

    def test_the_one_who_computes_stores_the_value_and_frees_the_claim(self):
        content_cached("part", self.compute)

        self.assertEqual(cache.get(self.value_key), (self.generation, "computed here"))
        self.assertIsNone(cache.get(self.lock_key))
