"""ETags, Last-Modified, 304s and Cache-Control of public responses (ogp_portal/cache/validators.py)."""

from unittest import mock

from django.test import override_settings
from django.utils.http import http_date

from commitments.models import MeasureStatus
from ogp_portal.cache import HEADER
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_measure, make_plan

PUBLIC_URLS = [
    "/",  # a page
    "/pasakumi/",  # a list
    "/dati/measures.csv",  # a download
    "/dati/api/plans/",  # the API
    "/dati/plusmas/statusi/",  # an Atom feed
]


def in_both_languages(urls):
    return [url for path in urls for url in (path, "/en" + path)]


class ConditionalGetTests(BaseTestCase):
    def setUp(self):
        commitment = make_commitment(plan=make_plan(slug="current"))
        self.measure = make_measure(commitment=commitment, status=MeasureStatus.LIMITED)

    def test_every_public_response_answers_304_to_its_own_etag(self):
        for url in in_both_languages(PUBLIC_URLS):
            with self.subTest(url=url):
                first = self.client.get(url)
                self.assertEqual(first.status_code, 200)
                self.assertTrue(first["ETag"].startswith('W/"'))

                again = self.client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

                self.assertEqual(again.status_code, 304)
                self.assertEqual(again.content, b"")
                self.assertEqual(again["ETag"], first["ETag"])

    def test_a_304_on_a_page_cache_miss_renders_nothing(self):
        etag = self.client.get("/en/")["ETag"]
        # The stored page is hidden from the middleware: a miss, answered before the view is called.
        with (
            mock.patch("django.core.cache.cache.get_many", wraps=self._without_pages()),
            mock.patch("portal.views.plans.render_part", side_effect=AssertionError("rendered")),
        ):
            response = self.client.get("/en/", HTTP_IF_NONE_MATCH=etag)
        self.assertEqual(response.status_code, 304)

    def _without_pages(self):
        from django.core.cache import cache

        real = cache.get_many

        def get_many(keys):
            return {k: v for k, v in real(keys).items() if not k.startswith("page-cache:page:")}

        return get_many

    def test_the_etag_changes_after_a_content_write(self):
        for url in in_both_languages(PUBLIC_URLS):
            with self.subTest(url=url):
                before = self.client.get(url)["ETag"]
                self.measure.status = (
                    MeasureStatus.COMPLETE if self.measure.status != MeasureStatus.COMPLETE else (MeasureStatus.LIMITED)
                )
                self.measure.save()

                after = self.client.get(url, HTTP_IF_NONE_MATCH=before)

                self.assertEqual(after.status_code, 200)
                self.assertNotEqual(after["ETag"], before)

    def test_the_etag_differs_between_languages_and_addresses(self):
        etags = {url: self.client.get(url)["ETag"] for url in in_both_languages(PUBLIC_URLS)}
        self.assertEqual(len(set(etags.values())), len(etags))

    def test_another_language_or_address_does_not_match(self):
        etag = self.client.get("/pasakumi/")["ETag"]
        self.assertEqual(self.client.get("/en/pasakumi/", HTTP_IF_NONE_MATCH=etag).status_code, 200)
        self.assertEqual(self.client.get("/pasakumi/?page=2", HTTP_IF_NONE_MATCH=etag).status_code, 200)

    def test_parameters_the_page_does_not_understand_keep_the_etag(self):
        etag = self.client.get("/pasakumi/")["ETag"]
        response = self.client.get("/pasakumi/?utm_source=x", HTTP_IF_NONE_MATCH=etag)
        self.assertEqual(response.status_code, 304)

    def test_last_modified_is_the_time_of_the_last_write_and_answers_if_modified_since(self):
        with mock.patch("ogp_portal.cache.generation.time.time", return_value=4_000_000_000.0):
            self.measure.save()  # a write far in the future: later than today's start
        response = self.client.get("/en/")
        self.assertEqual(response["Last-Modified"], http_date(4_000_000_000))

        again = self.client.get("/en/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        self.assertEqual(again.status_code, 304)

    def test_no_last_modified_when_the_time_of_the_write_is_unknown(self):
        from django.core.cache import cache

        from ogp_portal.cache.generation import CHANGED_AT_KEY

        self.client.get("/en/")
        cache.delete(CHANGED_AT_KEY)
        response = self.client.get("/en/")
        self.assertNotIn("Last-Modified", response)
        self.assertIn("ETag", response)

    def test_public_responses_may_be_kept_by_shared_caches_for_a_short_while(self):
        for url in in_both_languages(PUBLIC_URLS):
            with self.subTest(url=url):
                control = self.client.get(url)["Cache-Control"]
                self.assertIn("public", control)
                self.assertIn("max-age=60", control)
                self.assertIn("stale-while-revalidate=", control)

    def test_signed_in_responses_are_private_without_validators(self):
        self.login(self.coordinator)
        for url in ["/en/", "/en/pasakumi/", "/dati/measures.csv", "/admin/"]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn("private", response["Cache-Control"])
                self.assertNotIn("public", response["Cache-Control"])
                self.assertNotIn("ETag", response)

    def test_a_signed_in_user_never_gets_a_304_for_a_public_etag(self):
        etag = self.client.get("/en/")["ETag"]
        self.login(self.public_user)
        self.assertEqual(self.client.get("/en/", HTTP_IF_NONE_MATCH=etag).status_code, 200)

    def test_a_response_setting_a_csrf_cookie_has_no_public_validator(self):
        response = self.client.get("/admin/login/")
        self.assertIn("csrftoken", response.cookies)
        self.assertNotIn("ETag", response)
        self.assertNotIn("public", response["Cache-Control"])

    @override_settings(PAGE_CACHE_ENABLED=False)
    def test_without_the_page_cache_pages_are_private(self):
        response = self.client.get("/en/")
        self.assertNotIn("ETag", response)
        self.assertIn("private", response["Cache-Control"])


class VaryTests(BaseTestCase):
    def setUp(self):
        make_measure(commitment=make_commitment(plan=make_plan(slug="current")))

    def test_vary_is_the_same_on_a_miss_a_hit_and_a_304(self):
        for url in in_both_languages(PUBLIC_URLS):
            with self.subTest(url=url):
                miss = self.client.get(url, HTTP_ACCEPT_ENCODING="gzip")
                hit = self.client.get(url, HTTP_ACCEPT_ENCODING="gzip")
                not_modified = self.client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=miss["ETag"])

                self.assertEqual(miss[HEADER], "miss")
                self.assertEqual(hit[HEADER], "hit")
                self.assertEqual(hit["Vary"], miss["Vary"])
                self.assertEqual(not_modified["Vary"], miss["Vary"])
                self.assertIn("Cookie", miss["Vary"])
                self.assertIn("Accept-Encoding", miss["Vary"])
