"""/healthz: the load balancer's probe and the benchmarks' trivial view."""

from unittest import mock

from django.db import OperationalError
from django.test import TestCase


class HealthzTests(TestCase):
    def test_it_answers_ok_when_the_database_answers(self):
        response = self.client.get("/healthz")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ok\n")
        self.assertIn("no-store", response["Cache-Control"])

    def test_it_answers_head_requests(self):
        self.assertEqual(self.client.head("/healthz").status_code, 200)

    def test_it_rejects_writes(self):
        self.assertEqual(self.client.post("/healthz").status_code, 405)

    def test_it_fails_when_the_database_is_unreachable(self):
        self.client.raise_request_exception = False
        with mock.patch("ogp_portal.views.connection.cursor", side_effect=OperationalError("down")):
            response = self.client.get("/healthz")

        self.assertEqual(response.status_code, 500)

    def test_it_is_outside_the_language_prefixes(self):
        self.assertEqual(self.client.get("/en/healthz").status_code, 404)
