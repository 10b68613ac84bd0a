"""/sitemap.xml: every public page in both languages with hreflang alternates, and nothing unpublished."""

import datetime
import xml.etree.ElementTree as ET

from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from commitments.models import Measure, ReviewState
from consultations.models import Consultation
from council.models import Meeting
from tests.factories import make_institution, make_measure
from tests.test_portal_base import SECRET, PortalTestCase

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
HOST = "http://testserver"


@override_settings(FRAGMENT_CACHE_ENABLED=False)
class SitemapTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()

    def entries(self) -> dict[str, dict]:
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(SECRET, response.content.decode())
        root = ET.fromstring(response.content)  # well-formed XML, or this raises
        self.assertEqual(root.tag, f"{{{NS['s']}}}urlset")
        entries = {}
        for url in root.findall("s:url", NS):
            links = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
            lastmod = url.find("s:lastmod", NS)
            entries[url.find("s:loc", NS).text] = {
                "alternates": links,
                "lastmod": None if lastmod is None else lastmod.text,
            }
        return entries

    def test_every_page_is_listed_in_both_languages_with_its_alternates(self):
        entries = self.entries()
        measure = self.plan.measures.order_by("pk").first()
        meeting = Meeting.objects.published().first()
        paths = [
            "/",
            "/plani/",
            "/pasakumi/",
            "/iestades/",
            "/apspriesanas/",
            "/padome/",
            "/atskaites/",
            "/dati/",
            "/pieklustamiba/",
            "/plani/piektais/",
            "/plani/piektais/apnemsanas/1/",
            measure.get_absolute_url(),
            "/iestades/varam/",
            "/iestades/vk/",
            "/iestades/providus/",
            f"/apspriesanas/{self.consultation.pk}/",
            meeting.get_absolute_url(),
        ]
        for path in paths:
            lv, en = HOST + path, HOST + "/en" + path
            for loc in (lv, en):
                with self.subTest(loc=loc):
                    self.assertIn(loc, entries)
                    self.assertEqual(entries[loc]["alternates"], {"lv": lv, "en": en, "x-default": lv})

    def test_nothing_unpublished_is_listed(self):
        only_in_draft = make_institution(slug="tikai-melnraksta", name="Tikai melnraksta iestāde")
        make_measure(self.draft_measure.commitment, title=f"{SECRET} other", responsible_institution=only_in_draft)
        locs = "\n".join(self.entries())
        self.assertNotIn("/plani/slepenais/", locs)
        self.assertNotIn(f"/pasakumi/{self.draft_measure.pk}/", locs)
        self.assertNotIn("/iestades/tikai-melnraksta/", locs)
        self.assertNotIn(f"/padome/sedes/{self.draft_meeting.pk}/", locs)
        draft_consultation = Consultation.objects.get(plan=self.draft_plan)
        self.assertNotIn(f"/apspriesanas/{draft_consultation.pk}/", locs)
        self.assertEqual(locs.count("/pasakumi/") - 2, 2 * Measure.objects.published().count())

    def test_a_measure_says_when_it_last_changed(self):
        measure = self.plan.measures.order_by("pk").first()
        newest = measure.history.order_by("-history_date").first().history_date
        entry = self.entries()[HOST + measure.get_absolute_url()]
        self.assertEqual(datetime.date.fromisoformat(entry["lastmod"]), timezone.localtime(newest).date())

    def test_a_measure_approved_report_newer_than_its_history_is_its_lastmod(self):
        measure = self.plan.measures.order_by("pk").first()
        reviewed = datetime.datetime(2031, 5, 4, 12, tzinfo=datetime.UTC)
        measure.progress_entries.filter(review_state=ReviewState.APPROVED).update(reviewed_at=reviewed)
        entry = self.entries()[HOST + measure.get_absolute_url()]
        self.assertEqual(entry["lastmod"], "2031-05-04")

    def test_its_queries_do_not_grow_with_the_data(self):
        # One query a section: plans, commitments, measures (with lastmod), institutions, consultations, meetings.
        with self.assertNumQueries(6):
            self.client.get("/sitemap.xml")
        self.build(2)
        with self.assertNumQueries(6):
            self.client.get("/sitemap.xml")
