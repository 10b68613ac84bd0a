"""The part cache (ui/parts.py): what visitors who miss the page cache get."""

import datetime
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import TestCase, override_settings

from commitments.models import MeasureStatus
from tests.base import login
from tests.factories import make_commitment, make_institution, make_measure, make_plan

PARTS_ONLY = override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=True)


@PARTS_ONLY
class PartCacheTests(TestCase):
    def setUp(self):
        cache.clear()
        self.plan = make_plan(slug="current", short_name="Piektais plāns", short_name_en="Fifth plan")
        self.commitment = make_commitment(plan=self.plan)
        self.measure = make_measure(commitment=self.commitment, status=MeasureStatus.LIMITED)
        make_measure(commitment=self.commitment, status=MeasureStatus.LIMITED)

    def pages(self):
        return [
            "/en/",
            "/en/plani/current/",
            "/en/plani/",
            f"/en/plani/current/apnemsanas/{self.commitment.number}/",
            self.measure.get_absolute_url().replace("/plani/", "/en/plani/", 1),
            "/en/pasakumi/?status=limited",
            "/en/iestades/",
            "/en/apspriesanas/",
            "/en/dati/",
            "/en/atskaites/",
        ]

    def test_a_page_whose_part_is_cached_runs_no_query(self):
        for url in self.pages():
            with self.subTest(url=url):
                first = self.client.get(url)
                self.assertEqual(first.status_code, 200)
                with self.assertNumQueries(0):
                    second = self.client.get(url)
                self.assertEqual(second.content, first.content)

    def test_the_title_and_breadcrumbs_come_with_the_part(self):
        self.client.get("/en/plani/current/")
        with self.assertNumQueries(0):
            response = self.client.get("/en/plani/current/")
        self.assertContains(response, "<title>Fifth plan –")
        self.assertContains(response, 'class="breadcrumbs')
        self.assertContains(response, "Action plans</a>")

    def test_a_status_change_shows_at_once_for_signed_in_users(self):
        self.client.force_login(get_user_model().objects.create_user("reader", password="x" * 12))
        self.assertContains(self.client.get("/en/"), "2 of the 2 measures have a reported status; 0 complete.")

        self.measure.status = MeasureStatus.COMPLETE
        self.measure.save()

        self.assertContains(self.client.get("/en/"), "2 of the 2 measures have a reported status; 1 complete.")

    def test_each_language_has_its_own_part(self):
        self.client.get("/en/plani/current/")
        latvian = self.client.get("/plani/current/")
        self.assertContains(latvian, "<title>Piektais plāns –")
        self.assertNotContains(latvian, "Fifth plan")

    def test_the_date_is_part_of_the_key(self):
        self.measure.due_date = datetime.date(2025, 6, 30)
        self.measure.save()
        url = self.measure.get_absolute_url().replace("/plani/", "/en/plani/", 1)
        with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2025, 6, 30)):
            self.assertNotContains(self.client.get(url), "has passed")
        with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2025, 7, 1)):
            self.assertContains(self.client.get(url), "has passed and the measure is not complete")

    def test_a_missing_page_is_not_stored(self):
        self.assertEqual(self.client.get("/en/plani/later/").status_code, 404)
        with self.assertNumQueries(1):
            self.assertEqual(self.client.get("/en/plani/later/").status_code, 404)

    def test_the_same_filters_in_another_order_share_one_part(self):
        self.client.get(f"/en/pasakumi/?status=limited&plan={self.plan.slug}")
        with self.assertNumQueries(0):
            response = self.client.get(f"/en/pasakumi/?plan={self.plan.slug}&status=limited")
        self.assertContains(response, "2 measures found")

    def test_a_part_holds_nothing_of_the_visitor(self):
        staff = get_user_model().objects.create_user("staffer", password="x" * 12, is_staff=True)
        login(self.client, staff)
        self.client.get("/en/plani/current/")
        self.client.logout()

        with self.assertNumQueries(0):
            response = self.client.get("/en/plani/current/")
        self.assertNotContains(response, "staffer")
        self.assertNotContains(response, "csrfmiddlewaretoken")


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False)
class PartCacheOffTests(TestCase):
    def test_with_the_part_cache_off_every_request_asks_the_database(self):
        make_measure(commitment=make_commitment(plan=make_plan(slug="current")))
        self.client.get("/en/plani/current/")
        response = self.client.get("/en/plani/current/")
        self.assertGreater(len(response.context["summary"].commitments), 0)


@PARTS_ONLY
class FrameTests(TestCase):
    """The navigation is kept per process and view: each page must still mark its own section."""

    def setUp(self):
        cache.clear()
        make_institution(slug="vk", name="Valsts kanceleja", name_en="State Chancellery")

    def test_the_navigation_marks_the_current_section_on_each_page(self):
        expected = {
            "/en/plani/": 'href="/en/plani/" aria-current="page"',
            "/en/iestades/": 'href="/en/iestades/" aria-current="page"',
            "/en/iestades/vk/": 'href="/en/iestades/" aria-current="true"',
            "/en/pasakumi/": 'href="/en/pasakumi/" aria-current="page"',
        }
        for _round in range(2):
            for url, marker in expected.items():
                with self.subTest(url=url, round=_round):
                    response = self.client.get(url)
                    self.assertContains(response, marker)
                    html = response.content.decode()
                    nav = html[
                        html.index('<nav class="site-nav"') : html.index("</nav>", html.index('class="site-nav"'))
                    ]
                    self.assertEqual(nav.count("aria-current"), 1)

    def test_the_language_switch_points_at_the_same_page(self):
        self.client.get("/en/plani/")
        response = self.client.get("/en/iestades/")
        self.assertContains(response, 'href="/iestades/" lang="lv"')
