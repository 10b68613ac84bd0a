"""The "Open data" page and the download-link helpers other pages use."""

import re

from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory, TestCase, override_settings
from django.utils import translation

from opendata.downloads import download_link, human_size
from opendata.exports import EXPORTS
from opendata.testing import make_public_plan, make_world
from tests.test_opendata_exports import EXPORT_QUERIES


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False)
class OpenDataPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world()

    def setUp(self):
        cache.clear()  # the file sizes are cached between requests

    def test_it_lists_every_dataset_in_every_format_with_its_true_size(self):
        html = self.client.get("/dati/").content.decode()
        for dataset in EXPORTS:
            self.assertIn(f'id="dataset-{dataset}"', html)
            # Screen readers list links out of context: each says which dataset it downloads.
            self.assertEqual(html.count(f'aria-describedby="dataset-{dataset}-title"'), 3)
            for fmt in ("csv", "xlsx", "json"):
                match = re.search(rf'href="/dati/{dataset}\.{fmt}"[^>]*>Lejupielādēt {fmt.upper()} \(([^)]*)\)<', html)
                self.assertIsNotNone(match, (dataset, fmt))
                size = len(self.client.get(f"/dati/{dataset}.{fmt}").content)
                if fmt != "xlsx":  # an XLSX file records when it was made, so its size may differ by a byte
                    self.assertEqual(match.group(1), human_size(size), (dataset, fmt))

    def test_it_is_english_under_en(self):
        html = self.client.get("/en/dati/").content.decode()
        self.assertIn('<html lang="en">', html)
        self.assertIn("Download CSV (", html)
        self.assertIn('href="/en/dati/measures.csv"', html)
        self.assertIn("/en/dati/api/", html)

    def test_it_documents_the_api_and_the_feeds(self):
        html = self.client.get("/dati/").content.decode()
        self.assertIn('href="/dati/api/openapi.json"', html)
        self.assertIn('href="/dati/api/docs/"', html)
        self.assertIn("/dati/api/progress-entries/", html)
        self.assertIn('<link rel="alternate" type="application/atom+xml"', html)
        self.assertIn(f'href="/dati/plusmas/progress/plani/{self.world["plan"].slug}/"', html)
        self.assertIn("/dati/plusmas/statusi/iestades/", html)

    def test_the_licence_defaults_to_cc_by_4_in_both_languages(self):
        html = self.client.get("/dati/").content.decode()
        self.assertIn(
            '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">'
            "Creative Commons Attiecinājums 4.0 Starptautiskā publiskā licence</a> (CC-BY-4.0)",
            html,
        )
        html = self.client.get("/en/dati/").content.decode()
        self.assertIn(
            '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">'
            "Creative Commons Attribution 4.0 International</a> (CC-BY-4.0)",
            html,
        )

    @override_settings(OPENDATA_LICENCE_ID="CC0-1.0", OPENDATA_LICENCE_URL="https://example.invalid/licence")
    def test_the_licence_is_a_setting(self):
        html = self.client.get("/en/dati/").content.decode()
        self.assertIn(
            '<a href="https://example.invalid/licence" rel="license">Creative Commons CC0 1.0 Universal</a>', html
        )
        licence = self.client.get("/dati/measures.json").json()["licence"]
        self.assertEqual(licence["id"], "CC0-1.0")
        self.assertEqual(licence["url"], "https://example.invalid/licence")

    def test_it_links_the_data_package_and_the_catalogue(self):
        html = self.client.get("/dati/").content.decode()
        for path, mimetype in (
            ("/dati/datapackage.json", "application/json"),
            ("/dati/catalog.ttl", "text/turtle"),
            ("/dati/catalog.jsonld", "application/ld+json"),
        ):
            with self.subTest(path=path):
                self.assertIn(f'<link rel="alternate" type="{mimetype}" href="{path}"', html)
                self.assertIn(f'<a href="{path}"', html)
        self.assertIn('href="/en/dati/datapackage.json"', self.client.get("/en/dati/").content.decode())

    def test_sizes_are_kept_until_the_content_changes(self):
        expected = 1 + sum(EXPORT_QUERIES.values())
        with self.assertNumQueries(expected):
            first = self.client.get("/dati/").content.decode()
        with self.assertNumQueries(1):  # the plan list of the feeds section only
            self.assertEqual(self.client.get("/dati/").content.decode(), first)
        with self.assertNumQueries(expected):  # another language, other files
            self.client.get("/en/dati/")
        measure = self.world["measure"]
        measure.description_lv = "Garš apraksts. " * 200
        measure.save()
        with self.assertNumQueries(expected):
            changed = self.client.get("/dati/").content.decode()
        self.assertNotEqual(changed, first)

    def test_it_answers_only_reads(self):
        self.assertEqual(self.client.post("/dati/").status_code, 405)
        self.assertEqual(self.client.head("/dati/").status_code, 200)

    def test_the_page_takes_the_same_queries_for_more_data(self):
        # Every dataset rendered once for its three sizes: the exports' queries plus the plan list.
        expected = 1 + sum(EXPORT_QUERIES.values())
        with self.assertNumQueries(expected):
            self.client.get("/dati/")
        for _ in range(3):
            make_public_plan(4)
        with self.assertNumQueries(expected):
            self.client.get("/dati/")


@override_settings(PAGE_CACHE_ENABLED=False)
class DownloadLinkTests(TestCase):
    def setUp(self):
        cache.clear()

    def test_human_sizes_in_both_languages(self):
        self.assertEqual(human_size(900), "900 B")
        self.assertEqual(human_size(12 * 1024 + 100), "12 KB")
        with translation.override("lv"):
            self.assertEqual(human_size(3 * 1024 * 1024 + 200 * 1024), "3,2 MB")
        with translation.override("en"):
            self.assertEqual(human_size(3 * 1024 * 1024 + 200 * 1024), "3.2 MB")

    def test_link_keeps_the_filter_and_sizes_the_filtered_file(self):
        plan, _measures = make_public_plan(3)
        make_public_plan(5)
        request = RequestFactory().get("/pasakumi/", {"plan": plan.slug})
        link = download_link("measures", "csv", request=request, params=request.GET)
        self.assertEqual(link.url, f"/dati/measures.csv?plan={plan.slug}")
        size = len(self.client.get(link.url).content)
        self.assertEqual(link.size, size)
        self.assertEqual(link.text, f"Lejupielādēt CSV ({human_size(size)})")
        with translation.override("en"):
            self.assertEqual(link.text, f"Download CSV ({human_size(size)})")

    def test_a_page_can_skip_the_size(self):
        with self.assertNumQueries(0):
            link = download_link("measures", "xlsx", size=False)
        self.assertEqual(link.text, "Lejupielādēt XLSX")

    def test_one_request_renders_a_dataset_once_for_all_formats(self):
        make_public_plan(2)
        request = RequestFactory().get("/")
        template = Template('{% load opendata %}{% opendata_download_links "measures" %}')
        with self.assertNumQueries(4):
            html = template.render(Context({"request": request}))
        self.assertEqual(html.count("<a "), 3)
        with self.assertNumQueries(0):
            template.render(Context({"request": request}))

    def test_single_link_tag(self):
        template = Template('{% load opendata %}{% opendata_download_link "plans" "json" size=False as l %}{{ l.url }}')
        self.assertEqual(template.render(Context({})), "/dati/plans.json")
