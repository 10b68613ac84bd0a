"""Visitors choose query strings, not how much the caches hold (ogp_portal/cache/keys.py, bounds.py)."""

import uuid

from django.core.cache import cache
from django.test import override_settings

from ogp_portal.cache import HEADER
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_measure, make_plan

CANONICAL_PAGES = ["/", "/en/", "/plani/", "/pasakumi/", "/en/pasakumi/", "/iestades/", "/dati/"]


def stored_keys() -> set[str]:
    return set(cache._cache)  # LocMemCache, the test suite's and development's backend


def page_keys() -> set[str]:
    # Made keys are "<prefix>:<version>:<key>".
    return {key for key in stored_keys() if key.split(":", 2)[2].startswith("page-cache:page:")}


class CacheBoundsTests(BaseTestCase):
    def setUp(self):
        commitment = make_commitment(plan=make_plan(slug="current"))
        for _ in range(3):
            make_measure(commitment=commitment)

    def test_unknown_parameters_add_no_key(self):
        for url in CANONICAL_PAGES:
            self.client.get(url)
        before = stored_keys()

        for number in range(50):
            url = CANONICAL_PAGES[number % len(CANONICAL_PAGES)]
            response = self.client.get(f"{url}?utm_source={uuid.uuid4()}&{uuid.uuid4().hex}=1")
            self.assertEqual(response[HEADER], "hit")

        self.assertEqual(stored_keys() - before, set())
        self.assertEqual(len(page_keys()), len(CANONICAL_PAGES))

    def test_a_page_with_unknown_parameters_is_the_canonical_page(self):
        tracked = self.client.get("/pasakumi/?status=limited&utm_source=news&status=limited&page=1")
        canonical = self.client.get("/pasakumi/?status=limited")

        self.assertEqual(tracked[HEADER], "miss")
        self.assertEqual(canonical[HEADER], "hit")
        self.assertEqual(canonical.content, tracked.content)
        self.assertNotIn(b"utm_source", tracked.content)

    def test_the_view_sees_only_what_it_understands(self):
        response = self.client.get("/en/plani/?utm_source=news&page=1")
        self.assertEqual(response.wsgi_request.META["QUERY_STRING"], "")
        self.assertNotIn(b"utm_source", response.content)

    def test_free_text_searches_are_not_stored_as_pages(self):
        self.client.get("/pasakumi/")
        before = page_keys()
        for _ in range(10):
            self.assertEqual(self.client.get(f"/pasakumi/?q={uuid.uuid4()}")[HEADER], "bypass")
        self.assertEqual(page_keys(), before)

    @override_settings(PART_CACHE_MAX_VARIANTS=3)
    def test_search_parts_are_bounded(self):
        self.client.get("/pasakumi/")
        before = stored_keys()
        for _ in range(10):
            self.assertEqual(self.client.get(f"/pasakumi/?q={uuid.uuid4()}").status_code, 200)
        parts = {key for key in stored_keys() - before if "part:v2:measures" in key}
        self.assertEqual(len(parts), 3)

    @override_settings(PAGE_CACHE_MAX_VARIANTS=4, PART_CACHE_MAX_VARIANTS=4)
    def test_page_numbers_are_bounded(self):
        self.client.get("/plani/")
        before = page_keys()
        for number in range(2, 22):
            self.assertEqual(self.client.get(f"/plani/?page={number}").status_code, 200)
        self.assertEqual(len(page_keys() - before), 4)
        parts = {key for key in stored_keys() if "part:v2:plans" in key}
        self.assertLessEqual(len(parts), 1 + 4)

    @override_settings(PAGE_CACHE_MAX_VARIANTS=4)
    def test_junk_on_addresses_that_declare_nothing_is_bounded(self):
        for _ in range(20):
            self.assertEqual(self.client.get(f"/dati/api/plans/?utm={uuid.uuid4()}").status_code, 200)
        self.assertEqual(len(page_keys()), 4)

    def test_a_page_past_zero_is_the_first_page(self):
        first = self.client.get("/en/plani/")
        for junk in ("0", "-1", "00", "abc"):
            with self.subTest(page=junk):
                response = self.client.get(f"/en/plani/?page={junk}")
                self.assertEqual(response[HEADER], "hit")
                self.assertEqual(response.content, first.content)
