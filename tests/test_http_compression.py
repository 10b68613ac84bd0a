"""brotli and gzip for public responses, nothing for responses with a secret (ogp_portal/compression.py)."""

import gzip

import brotli
from django.test import SimpleTestCase

from ogp_portal.compression import chosen_encoding
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_measure, make_plan

PUBLIC_URLS = ["/en/", "/pasakumi/", "/dati/measures.csv", "/en/dati/api/plans/", "/dati/plusmas/statusi/"]
DECODE = {"gzip": gzip.decompress, "br": brotli.decompress}


class CompressionTests(BaseTestCase):
    def setUp(self):
        make_measure(commitment=make_commitment(plan=make_plan(slug="current")))

    def get(self, url, encoding, **extra):
        return self.client.get(url, HTTP_ACCEPT_ENCODING=encoding, **extra)

    def test_gzip_and_brotli_bodies_decompress_to_the_same_bytes(self):
        for url in PUBLIC_URLS:
            with self.subTest(url=url):
                plain = self.get(url, "identity")
                self.assertNotIn("Content-Encoding", plain)
                for coding, decode in DECODE.items():
                    response = self.get(url, coding)
                    self.assertEqual(response["Content-Encoding"], coding)
                    self.assertEqual(decode(response.content), plain.content)
                    self.assertIn("Accept-Encoding", response["Vary"])
                    self.assertEqual(int(response["Content-Length"]), len(response.content))

    def test_q_values_choose_the_coding(self):
        self.assertEqual(self.get("/en/", "gzip;q=1.0, br;q=0.5")["Content-Encoding"], "gzip")
        self.assertEqual(self.get("/en/", "gzip, br")["Content-Encoding"], "br")
        self.assertNotIn("Content-Encoding", self.get("/en/", "gzip;q=0, br;q=0"))

    def test_nothing_is_compressed_for_a_signed_in_user(self):
        self.login(self.public_user)
        for url in PUBLIC_URLS:
            with self.subTest(url=url):
                response = self.get(url, "br, gzip")
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("Content-Encoding", response)

    def test_nothing_is_compressed_for_staff_in_the_admin(self):
        self.login(self.coordinator)
        response = self.get("/admin/", "br, gzip")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Content-Encoding", response)

    def test_a_page_with_a_csrf_token_is_not_compressed(self):
        response = self.get("/admin/login/", "br, gzip")
        self.assertContains(response, "csrfmiddlewaretoken")
        self.assertNotIn("Content-Encoding", response)

    def test_a_page_cache_hit_is_compressed_like_the_miss(self):
        miss = self.get("/en/", "br")
        hit = self.get("/en/", "br")
        self.assertEqual(hit["X-Page-Cache"], "hit")
        self.assertEqual(brotli.decompress(hit.content), brotli.decompress(miss.content))


class AcceptEncodingTests(SimpleTestCase):
    def test_it_reads_q_values_and_wildcards(self):
        cases = {
            "": None,
            "identity": None,
            "gzip": "gzip",
            "br": "br",
            "gzip, deflate, br, zstd": "br",
            "br;q=0.1, gzip;q=0.9": "gzip",
            "br;q=0, *": "gzip",
            "*;q=0.5, br;q=0.4": "gzip",
            "*": "br",
            "GZIP;Q=0.8": "gzip",
            "br;q=junk, gzip": "gzip",
        }
        for header, expected in cases.items():
            with self.subTest(header=header):
                self.assertEqual(chosen_encoding(header), expected)
