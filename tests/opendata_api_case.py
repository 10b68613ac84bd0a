"""What the API tests share: a JSON GET that checks its status, the error shape, and fixed query counts."""

import json

from django.test import TestCase, override_settings


@override_settings(PAGE_CACHE_ENABLED=False)
class ApiTestCase(TestCase):
    def get(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, (url, response.content[:300]))
        return json.loads(response.content)

    def assert_not_found(self, url):
        body = self.get(url, 404)
        self.assertEqual(body, {"detail": "Not found.", "errors": []})

    def assert_fixed_queries(self, url, queries, grow):
        """`url` takes `queries` queries, and still as many after `grow()` has added rows."""
        for _round in range(2):
            with self.assertNumQueries(queries):
                body = self.get(url)
            self.assertGreater(len(body["items"]), 0)
            grow()
        return body
