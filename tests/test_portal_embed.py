"""Progress cards other sites embed (portal/views/embed.py): the framable HTML card, the SVG image and the
"embed this" code on the plan dashboard and the commitment page."""

import datetime
import html
import re
from unittest import mock
from xml.etree import ElementTree

from django.conf import settings
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from commitments.models import MeasureStatus
from tests.factories import make_commitment, make_measure, make_plan

SVG = "{http://www.w3.org/2000/svg}"
TODAY = datetime.date(2025, 6, 1)
today = mock.patch("django.utils.timezone.localdate", return_value=TODAY)
NO_CACHE = override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False)


def url(name: str, *args, lang: str = "lv") -> str:
    with translation.override(lang):
        return reverse(f"portal:{name}", args=args)


class EmbedTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plan = make_plan(slug="piektais", short_name="Piektais plāns", short_name_en="Fifth plan")
        cls.commitment = make_commitment(cls.plan, number=1)
        make_measure(cls.commitment, status=MeasureStatus.COMPLETE, due_date=datetime.date(2024, 12, 31))
        make_measure(cls.commitment, status=MeasureStatus.LIMITED, due_date=datetime.date(2024, 12, 31))
        make_measure(cls.commitment, status=MeasureStatus.NO_INFORMATION)
        # A plan whose measures have no reported status: what is complete is not known, not zero.
        cls.unknown_plan = make_plan(slug="nezinamais")
        cls.unknown_commitment = make_commitment(cls.unknown_plan, number=1)
        for _ in range(2):
            make_measure(cls.unknown_commitment, status=MeasureStatus.NO_INFORMATION)
        cls.hidden_plan = make_plan(slug="slepenais", is_published=False)
        make_measure(make_commitment(cls.hidden_plan, number=1))

    def setUp(self):
        cache.clear()


@today
class HeaderTests(EmbedTestCase):
    def assertFramable(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("X-Frame-Options", response.headers)
        self.assertIn("frame-ancestors *", response["Content-Security-Policy"])
        self.assertNotIn("'none'", response["Content-Security-Policy"].split("frame-ancestors")[1].split(";")[0])

    def assertNotFramable(self, response):
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertIn("frame-ancestors 'none'", response["Content-Security-Policy"])

    def test_the_cards_may_be_framed_by_any_site(self, _):
        for lang in ("lv", "en"):
            self.assertFramable(self.client.get(url("plan_card", "piektais", lang=lang)))
            self.assertFramable(self.client.get(url("commitment_card", "piektais", 1, lang=lang)))

    def test_every_other_page_stays_unframable(self, _):
        for path in (url("plan", "piektais"), url("commitment", "piektais", 1), url("home"), url("plans")):
            self.assertNotFramable(self.client.get(path))
        self.assertNotFramable(self.client.get(url("plan_card_svg", "piektais")))

    def test_a_card_from_the_page_cache_is_still_framable(self, _):
        path = url("plan_card", "piektais")
        self.assertEqual(self.client.get(path)["X-Page-Cache"], "miss")
        cached = self.client.get(path)
        self.assertEqual(cached["X-Page-Cache"], "hit")
        self.assertFramable(cached)
        self.client.get(url("plan", "piektais"))
        page = self.client.get(url("plan", "piektais"))
        self.assertEqual(page["X-Page-Cache"], "hit")
        self.assertNotFramable(page)

    def test_the_image_is_svg_that_browsers_may_keep(self, _):
        response = self.client.get(url("commitment_card_svg", "piektais", 1))
        self.assertEqual(response["Content-Type"], "image/svg+xml; charset=utf-8")
        # Public like every page (the page cache sets it): a shared cache may keep it; an edit shows in a minute.
        self.assertIn("public", response["Cache-Control"])
        self.assertEqual(self.client.get(url("commitment_card_svg", "piektais", 1))["X-Page-Cache"], "hit")


@today
class NotFoundTests(EmbedTestCase):
    def test_an_unpublished_plan_has_no_card(self, _):
        for name in ("plan_card", "plan_card_svg"):
            self.assertEqual(self.client.get(url(name, "slepenais")).status_code, 404, name)
        for name in ("commitment_card", "commitment_card_svg"):
            self.assertEqual(self.client.get(url(name, "slepenais", 1)).status_code, 404, name)
            self.assertEqual(self.client.get(url(name, "piektais", 9)).status_code, 404, name)


@today
class SvgTests(EmbedTestCase):
    def parse(self, path: str) -> ElementTree.Element:
        return ElementTree.fromstring(self.client.get(path).content)

    def test_the_image_is_self_contained_and_accessible(self, _):
        for path in (url("plan_card_svg", "piektais"), url("commitment_card_svg", "piektais", 1, lang="en")):
            root = self.parse(path)
            self.assertEqual(root.tag, f"{SVG}svg")
            self.assertEqual(root.get("role"), "img")
            self.assertTrue(root.get("width") and root.get("height"))
            self.assertTrue(root.find(f"{SVG}title").text)
            elements = list(root.iter())
            self.assertFalse([e for e in elements if e.tag in (f"{SVG}script", f"{SVG}style", f"{SVG}image")])
            attributes = {name for e in elements for name in e.attrib}
            self.assertNotIn("style", attributes)
            self.assertFalse([name for name in attributes if name.endswith("href")])
            self.assertFalse([e for e in elements if e.tag.endswith("foreignObject")])

    def test_the_description_says_the_dashboards_sentence(self, _):
        desc = self.parse(url("plan_card_svg", "piektais", lang="en")).find(f"{SVG}desc").text
        self.assertIn("2 of the 3 measures have a reported status; 1 complete.", desc)
        self.assertIn("No information: 1", desc)

    def test_an_unknown_status_stays_unknown(self, _):
        root = self.parse(url("plan_card_svg", "nezinamais", lang="en"))
        desc = root.find(f"{SVG}desc").text
        self.assertIn("None of the 2 measures has a reported status yet, so how many are complete is not known.", desc)
        text = " ".join(t for e in root.iter(f"{SVG}text") for t in e.itertext())
        self.assertIn("is not known", text)
        self.assertNotIn("complete.", desc.split("known.")[0])

    def test_it_speaks_latvian_by_default(self, _):
        desc = self.parse(url("plan_card_svg", "nezinamais")).find(f"{SVG}desc").text
        self.assertIn("nav zināms", desc)


@today
class CardPageTests(EmbedTestCase):
    def test_it_shows_the_figures_the_chart_and_where_they_come_from(self, _):
        response = self.client.get(url("plan_card", "piektais", lang="en"))
        content = response.content.decode()
        self.assertIn('<html lang="en">', content)
        self.assertIn("2 of the 3 measures have a reported status; 1 complete.", content)
        self.assertIn('id="card-chart-t"', content)
        self.assertIn(
            "1 of the 2 measures with a due date are overdue; the due date of 1 more measure is not known.", content
        )
        self.assertIn("Figures as of 1 June 2025.", content)
        self.assertIn("/static/css/embed.css", content)
        self.assertIn(
            '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license" target="_top">CC-BY-4.0</a>', content
        )
        self.assertNotIn("<script", content)
        self.assertNotIn("style=", content)

    def test_it_loads_nothing_but_its_own_stylesheet(self, _):
        content = self.client.get(url("plan_card", "piektais")).content.decode()
        self.assertEqual(
            re.findall(r"<(?:link|script|img|iframe|object)\b[^>]*>", content),
            ['<link rel="stylesheet" href="/static/css/embed.css">'],
        )
        self.assertNotIn("@import", (settings.BASE_DIR / "static/css/embed.css").read_text())
        self.assertNotIn("url(", (settings.BASE_DIR / "static/css/embed.css").read_text())

    def test_its_links_open_in_the_embedding_pages_top_frame(self, _):
        content = self.client.get(url("commitment_card", "piektais", 1)).content.decode()
        self.assertIn('<html lang="lv">', content)
        self.assertIn('href="http://127.0.0.1:8000/plani/piektais/apnemsanas/1/" target="_top"', content)
        links = re.findall(r"<a [^>]*>", content)
        self.assertTrue(links)
        self.assertTrue(all('target="_top"' in link for link in links), links)

    def test_an_unknown_status_stays_unknown(self, _):
        content = self.client.get(url("plan_card", "nezinamais", lang="en")).content.decode()
        self.assertIn("so how many are complete is not known", content)
        self.assertIn("how many are complete: no status is reported yet", content)
        self.assertIn("is not known: no status is reported", content)

    @NO_CACHE
    def test_it_runs_a_fixed_number_of_queries(self, _):
        cases = [
            (url("plan_card", "piektais"), 3),
            (url("plan_card_svg", "piektais"), 3),
            (url("commitment_card", "piektais", 1), 3),
            (url("commitment_card_svg", "piektais", 1), 3),
        ]
        for path, queries in cases:
            with self.assertNumQueries(queries):
                self.assertEqual(self.client.get(path).status_code, 200)
        for number in (2, 3):
            commitment = make_commitment(self.plan, number=number)
            make_measure(commitment, status=MeasureStatus.SUBSTANTIAL)
            make_measure(commitment)
        for path, queries in cases:
            with self.assertNumQueries(queries):
                self.assertEqual(self.client.get(path).status_code, 200)


@today
@override_settings(SITE_URL="https://portal.example.invalid")
class EmbedCodeTests(EmbedTestCase):
    def code(self, content: str, box: str) -> str:
        found = re.search(rf'<textarea id="{box}" readonly rows="3">(.*?)</textarea>', content, re.S)
        return html.unescape(found.group(1))

    def test_the_dashboard_offers_the_frame_and_the_image(self, _):
        content = self.client.get(url("plan", "piektais", lang="en")).content.decode()
        self.assertIn("<summary>Embed this progress on your site</summary>", content)
        self.assertIn('<label for="embed-frame">', content)
        frame = self.code(content, "embed-frame")
        self.assertEqual(
            frame,
            '<iframe src="https://portal.example.invalid/en/plani/piektais/karte/" width="480" height="760" '
            'title="Progress: Fifth plan · 2022–2025" loading="lazy"></iframe>',
        )
        image = self.code(content, "embed-image")
        self.assertIn('<img src="https://portal.example.invalid/en/plani/piektais/karte.svg" alt="', image)
        self.assertIn('<a href="https://portal.example.invalid/en/plani/piektais/">', image)

    def test_the_commitment_page_offers_its_own_card_in_latvian(self, _):
        content = self.client.get(url("commitment", "piektais", 1)).content.decode()
        self.assertIn("Iegult", content)
        frame = self.code(content, "embed-frame")
        self.assertIn('src="https://portal.example.invalid/plani/piektais/apnemsanas/1/karte/"', frame)
        image = self.code(content, "embed-image")
        self.assertIn('src="https://portal.example.invalid/plani/piektais/apnemsanas/1/karte.svg"', image)

    def test_a_title_with_quotes_cannot_break_the_pasted_code(self, _):
        self.commitment.title_en = 'The "open" data'
        self.commitment.save()
        content = self.client.get(url("commitment", "piektais", 1, lang="en")).content.decode()
        self.assertIn('title="Progress: Commitment 1: The &quot;open&quot; data"', self.code(content, "embed-frame"))
