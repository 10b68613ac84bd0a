"""content_cached(): a value computed once per content generation (e.g. open-data file sizes)."""

from unittest import mock

from django.core.cache import cache
from django.test import TestCase

from commitments.models import MeasureStatus
from ogp_portal.cache import _breaker, content_cached
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
        self.addCleanup(setattr, _breaker, "down_until", 0.0)
        self.addCleanup(setattr, _breaker, "was_down", False)
        with mock.patch.object(cache, "get_many", side_effect=ConnectionError("down")):
            self.assertEqual(content_cached("sizes", self.compute)["size"], 1234)
