"""Schemathesis over the whole OpenAPI schema, both languages: every check passes, no input gives a 500.

Run through Django's WSGI application (no server), with a fixed seed and a bounded number of
examples per operation, so the run is repeatable and short. On PostgreSQL too (DATABASE_URL):
NUL bytes fail only there.
"""

import datetime
import itertools

import hypothesis
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import TestCase, override_settings
from hypothesis import HealthCheck, given
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from council.models import Meeting
from opendata.testing import make_world

# Per operation and mode (data that fits the schema, and data that does not).
EXAMPLES_PER_OPERATION = 20


@override_settings(PAGE_CACHE_ENABLED=False)
class SchemathesisTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        world = make_world(n_measures=2)
        # A time of day in the data, so the responses' times are checked against the schema too.
        Meeting.objects.filter(pk=world["meeting"].pk).update(start_time=datetime.time(13), end_time=datetime.time(15))

    def setUp(self):
        # As Django's test client does: the WSGI handler would otherwise close the test's connection (and its
        # transaction) after each request, which PostgreSQL notices.
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
            self.addCleanup(signal.connect, close_old_connections)

    def fuzz(self, schema_path):
        schema = schemathesis.openapi.from_wsgi(schema_path, get_wsgi_application())
        operations = [result.ok() for result in schema.get_all_operations()]
        self.assertGreaterEqual(len(operations), 20)
        failures = []
        for operation, mode in itertools.product(operations, GenerationMode):

            @hypothesis.settings(
                max_examples=EXAMPLES_PER_OPERATION,
                derandomize=True,
                database=None,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case):
                # The WSGI transport hands the checks the body as sent; compression is tested on its own
                # (tests/test_http_compression.py).
                case.call_and_validate(headers={"Accept-Encoding": "identity"})

            try:
                check()
            except Unsatisfiable:
                # No value breaks this operation's schema (the index has no parameters; a slug refuses only
                # NUL, which no URL path can carry): nothing negative to send.
                self.assertEqual(mode, GenerationMode.NEGATIVE, operation.label)
            except Exception as error:  # noqa: BLE001 - collected, so one run reports every operation
                failures.append(f"{operation.label} ({mode}): {error}")
        self.assertEqual(failures, [], "\n\n".join(failures))

    def test_latvian_schema(self):
        self.fuzz("/dati/api/openapi.json")

    def test_english_schema(self):
        self.fuzz("/en/dati/api/openapi.json")
