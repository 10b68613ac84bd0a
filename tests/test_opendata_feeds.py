"""Atom feeds of approved progress reports and measure status changes."""

import xml.etree.ElementTree as ET

from django.template import Context, Template
from django.test import TestCase, override_settings

from commitments.models import MeasureStatus
from opendata.testing import change_status, make_public_plan, make_world
from tests.factories import make_institution

ATOM = "{http://www.w3.org/2005/Atom}"


@override_settings(PAGE_CACHE_ENABLED=False)
class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world()

    def entries(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        feed = ET.fromstring(response.content)
        return feed, [
            {
                "title": e.findtext(f"{ATOM}title"),
                "summary": e.findtext(f"{ATOM}summary") or "",
                "link": e.find(f"{ATOM}link").get("href"),
                "author": e.findtext(f"{ATOM}author/{ATOM}name"),
            }
            for e in feed.findall(f"{ATOM}entry")
        ]

    def test_status_feed_shows_the_change_and_its_reason(self):
        feed, entries = self.entries("/en/dati/plusmas/statusi/")
        self.assertEqual(feed.findtext(f"{ATOM}title"), "Measure status changes")
        self.assertEqual(feed.get("{http://www.w3.org/XML/1998/namespace}lang"), "en")
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries[0]["title"], "1.1 Measure 1.1: Limited → Complete")
        self.assertIn("Pabeigts, pieņemts MK", entries[0]["summary"])
        self.assertIsNone(entries[0]["author"])

    def test_status_feed_titles_are_latvian_at_the_root(self):
        _feed, entries = self.entries("/dati/plusmas/statusi/")
        self.assertTrue(entries[0]["title"].startswith("1.1 Pasākums 1.1: "), entries[0]["title"])

    def test_edits_that_keep_the_status_are_not_status_changes(self):
        measure = self.world["measure"]
        measure.title = "Jauns nosaukums"
        measure.save()
        change_status(measure, MeasureStatus.WITHDRAWN, "Atsaukts")
        _feed, entries = self.entries("/en/dati/plusmas/statusi/")
        self.assertEqual(len(entries), 2)
        self.assertTrue(entries[0]["title"].endswith("Complete → Withdrawn"))
        self.assertIn("Atsaukts", entries[0]["summary"])
        self.assertNotEqual(entries[0]["link"], entries[1]["link"])

    def test_status_feeds_narrow_to_a_plan_and_an_institution(self):
        institution = make_institution()
        other_plan, (other_measure,) = make_public_plan(1, institution=institution)
        change_status(other_measure, MeasureStatus.NOT_STARTED, "Cits plāns")
        _feed, everything = self.entries("/dati/plusmas/statusi/")
        self.assertEqual(len(everything), 2)
        _feed, plan_only = self.entries(f"/dati/plusmas/statusi/plani/{other_plan.slug}/")
        self.assertEqual([e["summary"] for e in plan_only], ["<p>Cits plāns</p>"])
        _feed, institution_only = self.entries(f"/dati/plusmas/statusi/iestades/{institution.slug}/")
        self.assertEqual([e["summary"] for e in institution_only], ["<p>Cits plāns</p>"])
        _feed, original = self.entries(f"/dati/plusmas/statusi/iestades/{self.world['institution'].slug}/")
        self.assertEqual(len(original), 1)

    def test_progress_feed_lists_approved_reports_newest_first(self):
        feed, entries = self.entries("/en/dati/plusmas/progress/")
        self.assertEqual(feed.findtext(f"{ATOM}title"), "Approved progress reports")
        self.assertEqual(len(entries), 3)
        self.assertIn("Approved report", entries[0]["summary"])
        self.assertEqual(entries[0]["author"], "State Chancellery")
        self.assertIn(f"#progress-{self.world['approved_entry'].pk}", entries[0]["link"])

    def test_progress_feeds_narrow_to_a_plan_and_an_institution(self):
        institution = make_institution()
        other_plan, _measures = make_public_plan(2, institution=institution)
        _feed, by_plan = self.entries(f"/dati/plusmas/progress/plani/{other_plan.slug}/")
        self.assertEqual(len(by_plan), 2)
        _feed, by_institution = self.entries(f"/dati/plusmas/progress/iestades/{institution.slug}/")
        self.assertEqual(len(by_institution), 2)
        _feed, site = self.entries("/dati/plusmas/progress/")
        self.assertEqual(len(site), 5)

    def test_unknown_scopes_are_not_found(self):
        for url in ("/dati/plusmas/progress/plani/nav/", "/dati/plusmas/statusi/iestades/nav/"):
            self.assertEqual(self.client.get(url).status_code, 404)

    def test_feed_queries_are_fixed(self):
        plan = self.world["plan"].slug
        urls = {
            "/dati/plusmas/progress/": 1,
            "/dati/plusmas/statusi/": 1,
            f"/dati/plusmas/progress/plani/{plan}/": 2,
            f"/dati/plusmas/statusi/plani/{plan}/": 2,
        }
        for url, queries in urls.items():
            with self.assertNumQueries(queries):
                self.client.get(url)
        for _ in range(3):
            _plan, measures = make_public_plan(3)
            for measure in measures:
                change_status(measure, MeasureStatus.COMPLETE, "Gatavs")
        for url, queries in urls.items():
            with self.assertNumQueries(queries):
                self.client.get(url)


@override_settings(PAGE_CACHE_ENABLED=False)
class FeedLinkTagTests(TestCase):
    def test_it_renders_alternate_links_for_a_plan(self):
        plan, _measures = make_public_plan(1)
        html = Template("{% load opendata %}{% opendata_feed_links plan=plan %}").render(Context({"plan": plan}))
        self.assertIn('rel="alternate" type="application/atom+xml"', html)
        self.assertIn(f'href="/dati/plusmas/progress/plani/{plan.slug}/"', html)
        self.assertIn(f'href="/dati/plusmas/statusi/plani/{plan.slug}/"', html)

    def test_it_renders_site_and_institution_links(self):
        institution = make_institution()
        html = Template("{% load opendata %}{% opendata_feed_links %}").render(Context({}))
        self.assertIn('href="/dati/plusmas/progress/"', html)
        template = Template("{% load opendata %}{% opendata_feed_links institution=i %}")
        html = template.render(Context({"i": institution}))
        self.assertIn(f'href="/dati/plusmas/statusi/iestades/{institution.slug}/"', html)

    def test_it_renders_the_named_site_feeds(self):
        html = Template('{% load opendata %}{% opendata_feed_links "meetings" "reports" %}').render(Context({}))
        self.assertIn('title="Uzraudzības padomes sēdes" href="/dati/plusmas/sedes/"', html)
        self.assertIn('title="Publicētie ziņojumi" href="/atskaites/plusmas/"', html)
        self.assertNotIn("/dati/plusmas/progress/", html)
