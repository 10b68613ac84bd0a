"""Every Atom feed, in both languages, read as feed readers read it (feedparser) and held to the W3C feed
validator's main rules and RFC 4287: its own id, an author, `updated` in RFC 3339, a typed self link
equal to its address; entries with tag-URI ids that do not change with the language or the host."""

import re
import xml.etree.ElementTree as ET

import feedparser
from django.contrib.syndication.views import Feed
from django.test import TestCase, override_settings
from django.urls import URLResolver, get_resolver, resolve, reverse

from institutions.models import Institution
from ogp_portal.feeds import content_epoch
from opendata.testing import make_world
from tests.factories import make_institution
from tests.test_published import make_report

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
# RFC 4151: tag:<DNS name or e-mail>,<YYYY[-MM[-DD]]>:<specific>
TAG_URI = re.compile(
    r"^tag:[A-Za-z0-9]([A-Za-z0-9.@-]*[A-Za-z0-9])?,\d{4}(-\d{2}(-\d{2})?)?:[\w\-./?:@!$&'()*+,;=~%]+$"
)
OTHER_HOST = "portal.example"


def feed_url_names() -> set[str]:
    """Every URL name whose view is a syndication Feed, walking the whole URL tree."""
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern.callback, Feed):
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns, "")
    return names


def one(parent, tag) -> ET.Element:
    found = parent.findall(f"{ATOM}{tag}")
    assert len(found) == 1, f"{len(found)} <{tag}> in <{parent.tag}>"
    return found[0]


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False, ALLOWED_HOSTS=["testserver", OTHER_HOST])
class FeedValidityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world()
        make_report(cls.world["plan"], version=1, published_by=cls.world["user"])
        cls.idle = make_institution(slug="bez-pasakumiem")  # its feeds are empty

    def feed_paths(self) -> list[str]:
        """The feeds /dati/ lists (site-wide and per plan) and every institution's, in Latvian."""
        html = self.client.get("/dati/").content.decode()
        body = html.split("</head>")[1]
        paths = set(re.findall(r'href="(/[^"]*plusmas/[^"]*)"', body))
        for institution in Institution.objects.all():
            for name in ("opendata:feed-progress-institution", "opendata:feed-status-institution"):
                paths.add(reverse(name, kwargs={"slug": institution.slug}))
        return sorted(paths)

    def read(self, path: str, **headers) -> ET.Element:
        response = self.client.get(path, **headers)
        self.assertEqual(response.status_code, 200, path)
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        parsed = feedparser.parse(response.content)
        self.assertFalse(parsed.bozo, f"{path}: {parsed.get('bozo_exception')}")
        self.assertTrue(parsed.feed.get("id") and parsed.feed.get("author") and parsed.feed.get("updated"), path)
        return ET.fromstring(response.content)

    def check_w3c_rules(self, feed: ET.Element, url: str):
        self.assertEqual(feed.tag, f"{ATOM}feed")
        self.assertRegex(one(feed, "id").text, IRI)
        self.assertRegex(one(feed, "id").text, TAG_URI)
        self.assertTrue(one(feed, "title").text)
        self.assertRegex(one(feed, "updated").text, RFC3339)
        author = one(feed, "author")
        self.assertTrue(one(author, "name").text)
        self.assertRegex(one(author, "uri").text, r"^https?://")
        links = feed.findall(f"{ATOM}link")
        self.assertEqual(len([link for link in links if link.get("rel", "alternate") == "alternate"]), 1)
        (self_link,) = [link for link in links if link.get("rel") == "self"]
        self.assertEqual(self_link.get("type"), "application/atom+xml")
        self.assertEqual(self_link.get("href"), url)
        entry_ids = []
        for entry in feed.findall(f"{ATOM}entry"):
            entry_ids.append(one(entry, "id").text)
            self.assertRegex(entry_ids[-1], TAG_URI)
            self.assertTrue(one(entry, "title").text)
            self.assertRegex(one(entry, "updated").text, RFC3339)
            for published in entry.findall(f"{ATOM}published"):
                self.assertRegex(published.text, RFC3339)
                self.assertLessEqual(published.text, one(entry, "updated").text)
            self.assertTrue([link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"])
        self.assertEqual(len(entry_ids), len(set(entry_ids)), "entry ids repeat within a feed")

    def test_every_feed_is_listed_for_reading(self):
        listed = {resolve(path).view_name for path in self.feed_paths()}
        self.assertEqual(listed, feed_url_names())
        self.assertEqual(len(listed), 9)

    def test_every_feed_in_both_languages_keeps_the_rules(self):
        for path in self.feed_paths():
            for prefix in ("", "/en"):
                with self.subTest(path=prefix + path):
                    feed = self.read(prefix + path)
                    self.check_w3c_rules(feed, f"http://testserver{prefix}{path}")
                    self.assertEqual(feed.get("{http://www.w3.org/XML/1998/namespace}lang"), prefix[1:] or "lv")

    def test_each_feed_has_its_own_id(self):
        ids = [one(self.read(prefix + path), "id").text for path in self.feed_paths() for prefix in ("", "/en")]
        self.assertEqual(len(ids), len(set(ids)), ids)
        plan = self.world["plan"]
        self.assertIn(f":feed/status/plan/{plan.pk}/lv", " ".join(ids))

    def test_entry_ids_are_the_same_in_both_languages_and_under_any_host(self):
        seen = 0
        for path in self.feed_paths():
            with self.subTest(path=path):
                ids = [e.findtext(f"{ATOM}id") for e in self.read(path).findall(f"{ATOM}entry")]
                english = [e.findtext(f"{ATOM}id") for e in self.read("/en" + path).findall(f"{ATOM}entry")]
                elsewhere = self.read(path, HTTP_HOST=OTHER_HOST)
                self.assertEqual(ids, english)
                self.assertEqual(ids, [e.findtext(f"{ATOM}id") for e in elsewhere.findall(f"{ATOM}entry")])
                self.assertEqual(one(elsewhere, "id").text, one(self.read(path), "id").text)
                self.check_w3c_rules(elsewhere, f"http://{OTHER_HOST}{path}")
                seen += len(ids)
        self.assertGreater(seen, 0)

    @override_settings(FEED_TAG_AUTHORITY="vk.example", FEED_TAG_DATE="2025-02-03")
    def test_the_tag_authority_and_date_are_settings(self):
        feed = self.read("/dati/plusmas/sedes/")
        self.assertEqual(one(feed, "id").text, "tag:vk.example,2025-02-03:feed/meetings/lv")
        self.assertEqual(
            one(one(feed, "entry"), "id").text, f"tag:vk.example,2025-02-03:meeting/{self.world['meeting'].pk}"
        )

    def test_the_tag_authority_is_the_sites_domain_else_the_portals_name(self):
        for site_url, authority in (
            ("https://atvertaparvaldiba.example/", "atvertaparvaldiba.example"),
            ("http://127.0.0.1:8000", "ogp-portal"),
            ("http://localhost:8000", "ogp-portal"),
        ):
            with self.subTest(site_url=site_url), self.settings(SITE_URL=site_url, FEED_TAG_AUTHORITY=""):
                self.assertEqual(
                    one(self.read("/dati/plusmas/sedes/"), "id").text, f"tag:{authority},2026-01-01:feed/meetings/lv"
                )

    def test_the_feed_is_as_new_as_its_newest_entry(self):
        feed = self.read("/dati/plusmas/statusi/")
        newest = max(entry.findtext(f"{ATOM}updated") for entry in feed.findall(f"{ATOM}entry"))
        self.assertEqual(one(feed, "updated").text, newest)

    def test_an_empty_feed_is_dated_by_its_scope_not_by_the_request(self):
        path = f"/dati/plusmas/statusi/iestades/{self.idle.slug}/"
        last_change = self.idle.history.latest().history_date
        first, second = self.read(path), self.read("/en" + path)
        self.assertEqual(first.findall(f"{ATOM}entry"), [])
        self.assertEqual(one(first, "updated").text, last_change.isoformat())
        self.assertEqual(one(second, "updated").text, one(first, "updated").text)
        self.assertEqual(self.client.get(path)["Last-Modified"], self.client.get(path)["Last-Modified"])

    def test_an_empty_site_feed_is_dated_by_the_content_epoch(self):
        self.world["meeting"].council.meetings.all().delete()
        feed = self.read("/dati/plusmas/sedes/")
        self.assertEqual(feed.findall(f"{ATOM}entry"), [])
        self.assertEqual(one(feed, "updated").text, content_epoch().isoformat())

    def test_the_publisher_and_the_rights_are_named(self):
        feed = self.read("/dati/plusmas/progress/")
        self.assertEqual(one(one(feed, "author"), "name").text, "Valsts kanceleja")
        self.assertEqual(one(one(self.read("/en/dati/plusmas/progress/"), "author"), "name").text, "State Chancellery")
        self.assertEqual(
            one(feed, "rights").text,
            "Creative Commons Attiecinājums 4.0 Starptautiskā publiskā licence (CC-BY-4.0) "
            "https://creativecommons.org/licenses/by/4.0/",
        )
        with self.settings(OPENDATA_LICENCE_ID="CC0-1.0", OPENDATA_LICENCE_URL="https://example.invalid/cc0"):
            rights = one(self.read("/en/dati/plusmas/statusi/"), "rights").text
            self.assertIn("(CC0-1.0) https://example.invalid/cc0", rights)
