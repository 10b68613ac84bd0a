"""Atom feeds of council meetings, public consultations and reports: only what is published, in both languages."""

import datetime
import xml.etree.ElementTree as ET

from django.test import TestCase, override_settings
from django.utils import timezone

from consultations.models import Consultation
from council.models import Meeting, MeetingStatus
from opendata.testing import SECRET, make_public_plan, make_world
from tests.test_published import make_report

ATOM = "{http://www.w3.org/2005/Atom}"
MEETINGS, CONSULTATIONS, REPORTS = "/dati/plusmas/sedes/", "/dati/plusmas/apspriesanas/", "/atskaites/plusmas/"


@override_settings(PAGE_CACHE_ENABLED=False)
class PublicationFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world()
        user = cls.world["user"]
        cls.report = make_report(cls.world["plan"], version=1, published_by=user)
        make_report(cls.world["plan"], version=2)  # built, never published
        make_report(cls.world["hidden_plan"], version=3, published_by=user)  # its plan is not public

    def entries(self, url) -> list[dict]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(SECRET, response.content.decode())
        return [
            {
                "id": e.findtext(f"{ATOM}id"),
                "title": e.findtext(f"{ATOM}title"),
                "link": e.find(f"{ATOM}link").get("href"),
                "updated": e.findtext(f"{ATOM}updated"),
                "published": e.findtext(f"{ATOM}published"),
            }
            for e in ET.fromstring(response.content).findall(f"{ATOM}entry")
        ]

    def test_the_meetings_feed_lists_published_meetings_only(self):
        meeting = self.world["meeting"]
        (entry,) = self.entries("/en" + MEETINGS)
        self.assertEqual(entry["title"], "Meeting No. 5, 7 November 2024")
        self.assertEqual(entry["link"], f"http://testserver/en/padome/sedes/{meeting.pk}/")
        self.assertTrue(entry["id"].endswith(f":meeting/{meeting.pk}"))
        (latvian,) = self.entries(MEETINGS)
        self.assertTrue(latvian["title"].startswith("Sēde Nr. 5, 2024"), latvian["title"])

    def test_a_meeting_is_dated_by_its_publication_else_by_its_day(self):
        self.assertTrue(self.entries(MEETINGS)[0]["updated"].startswith("2024-11-0"))
        published_at = datetime.datetime(2024, 11, 20, 9, 30, tzinfo=datetime.UTC)
        Meeting.objects.filter(pk=self.world["meeting"].pk).update(published_at=published_at)
        (entry,) = self.entries(MEETINGS)
        self.assertEqual(entry["updated"], published_at.isoformat())
        self.assertEqual(entry["published"], published_at.isoformat())

    def test_a_meeting_is_in_the_feed_once_published(self):
        draft = self.world["meeting"].council.meetings.get(status=MeetingStatus.DRAFT)
        draft.summary = "Publiska sēde"
        draft.status = MeetingStatus.PUBLISHED
        draft.published_at = timezone.now()
        draft.save()
        titles = [e["title"] for e in self.entries("/en" + MEETINGS)]
        self.assertEqual(titles, ["Meeting No. 6, 1 March 2025", "Meeting No. 5, 7 November 2024"])

    def test_the_consultations_feed_lists_consultations_of_public_plans(self):
        consultation = Consultation.objects.get(plan=self.world["plan"])
        (entry,) = self.entries("/en" + CONSULTATIONS)
        self.assertTrue(entry["title"].startswith(consultation.title), entry["title"])
        self.assertEqual(entry["link"], f"http://testserver/en/apspriesanas/{consultation.pk}/")
        self.assertTrue(entry["id"].endswith(f":consultation/{consultation.pk}"))
        self.assertTrue(entry["published"].startswith("2024-07-0"), entry["published"])

    def test_a_consultation_is_updated_when_its_record_changes(self):
        consultation = Consultation.objects.get(plan=self.world["plan"])
        consultation.description = "Atbildes uz priekšlikumiem"
        consultation.save()
        (entry,) = self.entries(CONSULTATIONS)
        self.assertEqual(entry["updated"], consultation.history.latest().history_date.isoformat())
        self.assertGreater(entry["updated"], entry["published"])

    def test_the_reports_feed_lists_published_reports_of_public_plans(self):
        # make_world publishes a mid-term report of its own; this test's report is the final one.
        (entry,) = [e for e in self.entries("/en" + REPORTS) if "Final report" in e["title"]]
        self.assertEqual(entry["title"], f"{self.world['plan']} — Final report (Latvian)")
        self.assertEqual(entry["link"], f"http://testserver/en/atskaites/{self.report.pk}/lejupieladet/")
        self.assertTrue(entry["id"].endswith(f":report/{self.report.pk}"))
        self.assertEqual(entry["updated"], self.report.published_at.isoformat())

    def test_the_feeds_queries_are_fixed(self):
        feeds = (MEETINGS, CONSULTATIONS, REPORTS)
        for url in feeds:
            with self.assertNumQueries(1):
                self.client.get(url)
        for version in (4, 5, 6):
            plan, _measures = make_public_plan(1)
            make_report(plan, version=version, published_by=self.world["user"])
            Meeting.objects.create(
                council=self.world["meeting"].council,
                number=10 + version,
                date=datetime.date(2025, 1, version),
                status=MeetingStatus.PUBLISHED,
            )
        # make_world's own published report is the reports feed's fifth entry.
        expected = {MEETINGS: 4, CONSULTATIONS: 4, REPORTS: 5}
        for url in feeds:
            with self.subTest(url=url), self.assertNumQueries(1):
                self.assertEqual(len(self.entries(url)), expected[url])
