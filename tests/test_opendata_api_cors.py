"""Cross-origin reads: the API, its schema and its docs carry the downloads' CORS header and answer preflights."""

import json

from django.test import override_settings

from opendata.cors import SAFE_REQUEST_HEADERS
from opendata.testing import make_world
from tests.opendata_api_case import ApiTestCase

ORIGIN = "https://reader.example"


class ApiCorsTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        world = make_world(n_measures=1)
        cls.values = {"id": world["measure"].pk, "slug": world["plan"].slug, "ogp_id": "XX0001"}

    def addresses(self, prefix):
        schema = json.loads(self.client.get(f"{prefix}openapi.json").content)
        paths = [path.format(**self.values) for path in schema["paths"]]
        self.assertGreaterEqual(len(paths), 20)
        return [*paths, f"{prefix}openapi.json", f"{prefix}docs/"]

    def preflight(self, url, headers="Accept-Language, X-Custom-Token"):
        return self.client.options(
            url,
            HTTP_ORIGIN=ORIGIN,
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
        )

    def test_every_address_answers_a_preflight(self):
        for prefix in ("/dati/api/", "/en/dati/api/"):
            for url in self.addresses(prefix):
                with self.subTest(url=url):
                    response = self.preflight(url)
                    self.assertIn(response.status_code, (200, 204))
                    self.assertEqual(response["Access-Control-Allow-Origin"], "*")
                    self.assertEqual(response["Access-Control-Allow-Methods"], "GET, HEAD, OPTIONS")
                    # What was asked, within the safe list only.
                    self.assertEqual(response["Access-Control-Allow-Headers"], "accept-language")
                    self.assertEqual(response["Access-Control-Max-Age"], "86400")

    def test_a_preflight_asking_only_unsafe_headers_is_allowed_none(self):
        response = self.preflight("/dati/api/measures/", headers="Authorization, Cookie")
        self.assertEqual(response.status_code, 204)
        self.assertNotIn("Access-Control-Allow-Headers", response)

    def test_a_preflight_asking_no_headers_gets_the_safe_list(self):
        response = self.preflight("/dati/api/measures/", headers="")
        self.assertEqual(response["Access-Control-Allow-Headers"], ", ".join(SAFE_REQUEST_HEADERS))

    def test_answers_carry_the_downloads_header(self):
        download = self.client.get("/dati/measures.json", HTTP_ORIGIN=ORIGIN)
        for url in self.addresses("/dati/api/"):
            with self.subTest(url=url):
                response = self.client.get(url, HTTP_ORIGIN=ORIGIN)
                self.assertEqual(response["Access-Control-Allow-Origin"], download["Access-Control-Allow-Origin"])
        self.assertEqual(download["Access-Control-Allow-Origin"], "*")
        refused = self.client.get("/dati/api/measures/?page=0", HTTP_ORIGIN=ORIGIN)
        self.assertEqual((refused.status_code, refused["Access-Control-Allow-Origin"]), (422, "*"))

    @override_settings(PAGE_CACHE_ENABLED=True)
    def test_a_page_served_from_the_cache_keeps_the_header(self):
        for expected in ("miss", "hit"):
            response = self.client.get("/dati/api/openapi.json", HTTP_ORIGIN=ORIGIN)
            self.assertEqual((response["X-Page-Cache"], response["Access-Control-Allow-Origin"]), (expected, "*"))

    def test_head_is_answered_as_get_without_a_body(self):
        for url in ("/dati/api/measures/", "/dati/api/openapi.json"):
            with self.subTest(url=url):
                response = self.client.head(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.content, b"")
                self.assertEqual(response["Access-Control-Allow-Origin"], "*")

    def test_other_methods_are_still_refused(self):
        self.assertEqual(self.client.post("/dati/api/measures/", HTTP_ORIGIN=ORIGIN).status_code, 405)
