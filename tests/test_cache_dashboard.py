"""The real dashboard through the page cache: a change shows at once, logged-in users bypass it."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import TestCase, override_settings

from commitments.models import Measure, MeasureStatus
from ogp_portal.cache import HEADER
from tests.factories import make_commitment, make_measure, make_plan


@override_settings(PAGE_CACHE_ENABLED=True)
class DashboardCacheTests(TestCase):
    def setUp(self):
        cache.clear()
        commitment = make_commitment(plan=make_plan(slug="current"))
        self.measure = make_measure(commitment=commitment, status=MeasureStatus.LIMITED)
        make_measure(commitment=commitment, status=MeasureStatus.LIMITED)

    def test_a_status_change_shows_on_the_next_anonymous_request(self):
        self.assertContains(self.client.get("/en/"), "2 of the 2 measures have a reported status; 0 complete.")
        self.assertEqual(self.client.get("/en/")[HEADER], "hit")

        self.measure.status = MeasureStatus.COMPLETE
        self.measure.save()

        self.assertContains(self.client.get("/en/"), "2 of the 2 measures have a reported status; 1 complete.")

    def test_the_latvian_and_english_dashboards_are_both_refreshed(self):
        latvian_before = self.client.get("/").content
        self.client.get("/en/")

        self.measure.status = MeasureStatus.COMPLETE
        self.measure.save()

        self.assertNotEqual(self.client.get("/").content, latvian_before)
        self.assertContains(self.client.get("/en/"), "2 of the 2 measures have a reported status; 1 complete.")

    # The part cache would keep the unsignalled write out for everyone; this test is about the page cache.
    @override_settings(FRAGMENT_CACHE_ENABLED=False)
    def test_logged_in_users_never_get_a_cached_dashboard(self):
        self.client.get("/en/")
        # A write the cache cannot see (no signal), so only a fresh render shows it.
        Measure.objects.filter(pk=self.measure.pk).update(status=MeasureStatus.COMPLETE)
        self.assertContains(self.client.get("/en/"), "2 of the 2 measures have a reported status; 0 complete.")

        self.client.force_login(get_user_model().objects.create_user("reader", password="x" * 12))
        response = self.client.get("/en/")

        self.assertEqual(response[HEADER], "bypass")
        self.assertContains(response, "2 of the 2 measures have a reported status; 1 complete.")
