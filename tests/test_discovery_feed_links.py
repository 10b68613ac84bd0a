"""Atom autodiscovery: every page that has a feed names it in its <head>, in the page's language, and
each advertised feed answers."""

import re

from django.core.cache import cache
from django.test import override_settings

from tests.test_portal_base import PortalTestCase

SITE = ["/dati/plusmas/progress/", "/dati/plusmas/statusi/"]
PLAN = ["/dati/plusmas/progress/plani/piektais/", "/dati/plusmas/statusi/plani/piektais/"]
MINISTRY = ["/dati/plusmas/progress/iestades/varam/", "/dati/plusmas/statusi/iestades/varam/"]
MEETINGS = ["/dati/plusmas/sedes/"]
CONSULTATIONS = ["/dati/plusmas/apspriesanas/"]
REPORTS = ["/atskaites/plusmas/"]
# /dati/ lists every site-wide feed, and names them all.
EVERY_SITE_FEED = SITE + MEETINGS + CONSULTATIONS + REPORTS


def feed_links(response) -> list[tuple[str, str]]:
    head = response.content.decode().split("</head>")[0]
    return re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">', head)


@override_settings(PAGE_CACHE_ENABLED=True, FRAGMENT_CACHE_ENABLED=True)
class FeedLinkTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()

    def pages(self) -> dict[str, list[str]]:
        measure = self.plan.measures.order_by("pk").first()
        return {
            "/": SITE,
            "/plani/": SITE,
            "/pasakumi/": SITE,
            "/dati/": EVERY_SITE_FEED,
            "/padome/": MEETINGS,
            "/apspriesanas/": CONSULTATIONS,
            "/atskaites/": REPORTS,
            "/plani/piektais/": PLAN,
            "/plani/piektais/apnemsanas/1/": PLAN,
            measure.get_absolute_url(): PLAN,
            "/iestades/varam/": MINISTRY,
        }

    def test_each_page_with_a_feed_names_it_in_both_languages(self):
        for path, feeds in self.pages().items():
            for prefix in ("", "/en"):
                with self.subTest(path=prefix + path):
                    links = feed_links(self.client.get(prefix + path))
                    self.assertEqual([href for _title, href in links], [prefix + feed for feed in feeds])

    def test_the_titles_are_in_the_pages_language_and_name_the_scope(self):
        (progress, status) = feed_links(self.client.get("/plani/piektais/"))
        self.assertEqual(progress[0], "Apstiprinātie progresa ziņojumi: Piektais plāns")
        (progress, status) = feed_links(self.client.get("/en/iestades/varam/"))
        self.assertEqual(status[0], "Measure status changes: Ministry of Smart Administration and Regional Development")

    def test_every_advertised_feed_answers_with_atom(self):
        advertised = {href for path in self.pages() for _t, href in feed_links(self.client.get("/en" + path))}
        for href in advertised:
            with self.subTest(href=href):
                response = self.client.get(href)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))

    def test_pages_without_a_feed_name_none(self):
        for path in ("/iestades/", f"/apspriesanas/{self.consultation.pk}/", "/pieklustamiba/"):
            with self.subTest(path=path):
                self.assertEqual(feed_links(self.client.get(path)), [])
