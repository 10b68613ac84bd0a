"""The public pages' uncached query budget (issue 11, Speed): each query costs the web process more to
compile than the database to answer, so these counts are held as ceilings."""

from unittest import mock

from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from portal.timeline import plan_timeline
from tests.test_portal_base import TODAY, PortalTestCase


@mock.patch("django.utils.timezone.localdate", return_value=TODAY)
@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False)
class QueryBudgetTests(PortalTestCase):
    def setUp(self):
        cache.clear()

    def test_the_plan_timeline_is_one_query(self, _):
        with self.assertNumQueries(1):
            kinds = {event.kind for event in plan_timeline(plan=self.plan)}
        self.assertLessEqual({"phase", "approval", "meeting", "round"}, kinds)

    def test_the_dashboards_run_at_most_eleven_queries(self, _):
        # Nine, and two for the size of the commitments' files (the downloads block), rendered once per
        # content change for every page that links them.
        for url in (reverse("portal:home"), reverse("portal:plan", args=["piektais"])):
            with self.subTest(url=url):
                self.assertLessEqual(self.count_queries(url), 11)

    def test_the_measure_page_runs_at_most_fourteen_queries(self, _):
        # Thirteen, and one for the evidence files of every approved report (however many).
        measure = self.plan.measures.order_by("pk").first()
        self.assertLessEqual(self.count_queries(measure.get_absolute_url()), 14)
