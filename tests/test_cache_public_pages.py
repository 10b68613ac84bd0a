"""The anonymous page cache (ogp_portal/cache/pages.py): what it serves, what it never stores, when it forgets.

These tests use a tiny URLconf of their own so that they do not depend on how the public pages look;
tests/test_cache_dashboard.py checks the real dashboard.
"""

from unittest import mock

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.http import HttpResponse
from django.test import TestCase, override_settings
from django.urls import include, path
from django.utils import translation
from django.views.decorators.cache import never_cache

from commitments.models import Measure, MeasureStatus
from ogp_portal.cache import GENERATION_KEY, HEADER
from ogp_portal.cache.generation import breaker
from tests.factories import make_institution, make_measure


def complete_count(request):
    count = Measure.objects.filter(status=MeasureStatus.COMPLETE).count()
    return HttpResponse(f"complete={count} lang={translation.get_language()}")


def sets_a_cookie(request):
    response = complete_count(request)
    response.set_cookie("tracking", "1")
    return response


def writes_the_session(request):
    request.session["seen"] = True
    return complete_count(request)


@never_cache
def private_page(request):
    return complete_count(request)


def varies_on_accept(request):
    response = complete_count(request)
    response["Vary"] = "Accept"
    return response


def not_found(request):
    return HttpResponse("nothing", status=404)


urlpatterns = [
    path("page/", complete_count),
    path("cookie/", sets_a_cookie),
    path("session/", writes_the_session),
    path("private/", private_page),
    path("accept/", varies_on_accept),
    path("missing/", not_found),
    path("padome/", include(([path("page/", complete_count)], "council"))),
]


@override_settings(ROOT_URLCONF=__name__, PAGE_CACHE_ENABLED=True)
class PageCacheTests(TestCase):
    def setUp(self):
        cache.clear()
        self.measure = make_measure(status=MeasureStatus.LIMITED)

    def get(self, url="/page/", **extra):
        return self.client.get(url, **extra)

    def change_without_signals(self):
        """A write the cache cannot see, to tell a cached page from a fresh one."""
        Measure.objects.filter(pk=self.measure.pk).update(status=MeasureStatus.COMPLETE)

    def test_it_serves_the_second_anonymous_request_from_the_cache(self):
        first = self.get()
        self.change_without_signals()
        second = self.get()

        self.assertEqual(first[HEADER], "miss")
        self.assertEqual(second[HEADER], "hit")
        self.assertEqual(second.content, first.content)
        self.assertContains(second, "complete=0")

    def test_a_saved_change_shows_on_the_next_anonymous_request(self):
        self.assertContains(self.get(), "complete=0")

        self.measure.status = MeasureStatus.COMPLETE
        self.measure.save()

        self.assertContains(self.get(), "complete=1")

    def test_a_deletion_shows_on_the_next_anonymous_request(self):
        complete = make_measure(status=MeasureStatus.COMPLETE)
        self.assertContains(self.get(), "complete=1")

        complete.delete()

        self.assertContains(self.get(), "complete=0")

    def test_a_many_to_many_change_invalidates_the_cache(self):
        self.get()
        self.change_without_signals()

        self.measure.co_responsible_institutions.add(make_institution())

        self.assertContains(self.get(), "complete=1")

    def test_a_change_outside_the_content_apps_keeps_the_cache(self):
        self.get()
        self.change_without_signals()

        get_user_model().objects.create_user("someone", password="x" * 12)

        response = self.get()
        self.assertEqual(response[HEADER], "hit")
        self.assertContains(response, "complete=0")

    def test_a_page_rendered_before_commit_is_not_served_after_it(self):
        # Another request may render between the save and the commit; the commit-time bump retires it.
        with self.captureOnCommitCallbacks(execute=True):
            self.measure.status = MeasureStatus.SUBSTANTIAL
            self.measure.save()
            self.get()
        self.change_without_signals()

        response = self.get()
        self.assertEqual(response[HEADER], "miss")
        self.assertContains(response, "complete=1")

    def test_a_lost_generation_counter_never_revives_old_pages(self):
        self.get()
        cache.delete(GENERATION_KEY)
        self.change_without_signals()

        self.assertContains(self.get(), "complete=1")

    def test_logged_in_users_never_get_a_cached_page(self):
        self.get()
        self.change_without_signals()
        self.client.force_login(get_user_model().objects.create_user("reader", password="x" * 12))

        response = self.get()

        self.assertEqual(response[HEADER], "bypass")
        self.assertContains(response, "complete=1")

    def test_logged_in_pages_are_not_stored_for_anonymous_visitors(self):
        self.client.force_login(get_user_model().objects.create_user("reader", password="x" * 12))
        self.get()
        self.client.logout()
        self.client.cookies.clear()

        self.assertEqual(self.get()[HEADER], "miss")

    def test_a_session_cookie_alone_bypasses_the_cache(self):
        self.get()
        self.change_without_signals()
        self.client.cookies["sessionid"] = "unknown"

        self.assertContains(self.get(), "complete=1")

    def test_pending_messages_bypass_the_cache(self):
        self.get()
        self.change_without_signals()
        self.client.cookies["messages"] = "anything"

        self.assertContains(self.get(), "complete=1")

    def test_languages_are_cached_separately(self):
        latvian = self.get(HTTP_ACCEPT_LANGUAGE="lv")
        english = self.get(HTTP_ACCEPT_LANGUAGE="en")

        self.assertContains(latvian, "lang=lv")
        self.assertContains(english, "lang=en")
        self.assertContains(self.get(HTTP_ACCEPT_LANGUAGE="en"), "lang=en")

    def test_query_strings_are_cached_separately(self):
        self.get("/page/?status=complete")
        self.change_without_signals()

        self.assertContains(self.get("/page/?status=limited"), "complete=1")

    def test_it_never_stores_a_response_that_sets_a_cookie(self):
        self.get("/cookie/")
        self.change_without_signals()

        response = self.get("/cookie/")
        self.assertEqual(response[HEADER], "bypass")
        self.assertContains(response, "complete=1")
        self.assertIn("tracking", response.cookies)

    def test_it_never_stores_a_response_that_starts_a_session(self):
        self.get("/session/")
        self.change_without_signals()

        self.assertContains(self.get("/session/"), "complete=1")

    def test_it_never_stores_never_cache_views(self):
        self.get("/private/")
        self.change_without_signals()

        self.assertContains(self.get("/private/"), "complete=1")

    def test_it_never_stores_responses_varying_on_other_headers(self):
        self.get("/accept/")
        self.change_without_signals()

        self.assertContains(self.get("/accept/"), "complete=1")

    def test_it_never_stores_errors(self):
        self.get("/missing/")
        self.assertEqual(self.get("/missing/")[HEADER], "bypass")

    def test_it_never_stores_council_pages(self):
        self.get("/padome/page/")
        self.change_without_signals()

        self.assertContains(self.get("/padome/page/"), "complete=1")

    def test_it_never_stores_posts(self):
        self.client.post("/page/")
        self.change_without_signals()

        self.assertContains(self.get(), "complete=1")

    @override_settings(PAGE_CACHE_ENABLED=False)
    def test_it_can_be_switched_off(self):
        self.get()
        self.change_without_signals()

        self.assertContains(self.get(), "complete=1")


@override_settings(PAGE_CACHE_ENABLED=True)
class AdminIsNeverCachedTests(TestCase):
    def setUp(self):
        cache.clear()

    def test_the_admin_login_page_is_rendered_every_time(self):
        for _ in range(2):
            response = self.client.get("/admin/login/")
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response[HEADER], "bypass")
            self.assertIn("csrftoken", response.cookies)
            self.client.cookies.clear()

    def test_the_health_check_is_never_cached(self):
        self.client.get("/healthz")
        response = self.client.get("/healthz")
        self.assertEqual(response[HEADER], "bypass")
        self.assertIn("no-cache", response["Cache-Control"])


@override_settings(ROOT_URLCONF=__name__, PAGE_CACHE_ENABLED=True)
class UnreachableCacheTests(TestCase):
    """A dead Redis slows nothing down for long and breaks nothing; its return retires old pages."""

    def setUp(self):
        cache.clear()
        self.measure = make_measure(status=MeasureStatus.LIMITED)
        self.addCleanup(breaker.reset)

    def test_pages_render_while_the_cache_is_down(self):
        with mock.patch.object(cache, "get_many", side_effect=ConnectionError("down")) as get_many:
            first = self.client.get("/page/")
            second = self.client.get("/page/")

        self.assertContains(first, "complete=0")
        self.assertEqual(second[HEADER], "bypass")
        # The second request did not wait for the dead cache again.
        self.assertEqual(get_many.call_count, 1)

    def test_saves_succeed_while_the_cache_is_down(self):
        with mock.patch.object(cache, "incr", side_effect=ConnectionError("down")):
            self.measure.status = MeasureStatus.COMPLETE
            self.measure.save()

        self.measure.refresh_from_db()
        self.assertEqual(self.measure.status, MeasureStatus.COMPLETE)

    def test_pages_cached_before_an_outage_are_not_served_after_it(self):
        self.client.get("/page/")
        # Saved while the cache could not be told.
        with mock.patch.object(cache, "incr", side_effect=ConnectionError("down")):
            self.measure.status = MeasureStatus.COMPLETE
            self.measure.save()
        breaker.down_until = 0.0  # the pause is over, the cache answers again

        self.assertContains(self.client.get("/page/"), "complete=1")
