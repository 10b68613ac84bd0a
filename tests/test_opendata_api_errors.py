"""The inputs that broke the API and the downloads: each answers 4xx in the API's one error shape, never 500."""

import datetime
import json
from unittest import mock

from django.test import TestCase, override_settings

from council.models import Meeting
from opendata.api_rules import INT64_MAX
from opendata.testing import make_world

LISTS = [
    "plans/",
    "commitments/",
    "commitments/?ogp_id=<ogp_id>",
    "measures/",
    "progress-entries/",
    "institutions/",
    "meetings/",
    "decisions/",
    "funding/",
    "consultations/",
]
HUGE = "-139160728542189761593344"


@override_settings(PAGE_CACHE_ENABLED=False)
class ApiErrorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world(n_measures=2)

    def get(self, url, status):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, (url, response.content[:300]))
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        return json.loads(response.content)

    def assert_error(self, url, status, loc=None):
        body = self.get(url, status)
        self.assertEqual(set(body), {"detail", "errors"})
        self.assertIsInstance(body["detail"], str)
        if loc is not None:
            self.assertIn(loc, [e["loc"][:2] for e in body["errors"]])
            self.assertTrue(all(set(e) == {"loc", "msg", "type"} for e in body["errors"]))
        return body

    def test_pages_past_the_last_are_empty_whatever_their_number(self):
        for page in (3, INT64_MAX, INT64_MAX // 2):
            with self.subTest(page=page):
                body = self.get(f"/dati/api/measures/?page={page}&page_size=200", 200)
                self.assertEqual((body["count"], body["items"], body["next"]), (2, [], None))
                self.assertIn("page=1", body["previous"])

    def test_integers_past_64_bits_are_refused(self):
        self.assert_error(f"/dati/api/measures/?page={INT64_MAX + 1}", 422, ["query", "page"])
        self.assert_error(f"/dati/api/progress-entries/?measure={HUGE}", 422, ["query", "measure"])
        self.assert_error(f"/dati/api/progress-entries/?measure={INT64_MAX + 1}", 422, ["query", "measure"])
        self.assert_error(f"/dati/api/measures/?commitment={INT64_MAX + 1}", 422, ["query", "commitment"])
        self.assert_error(f"/dati/api/measures/{INT64_MAX + 1}/", 422, ["path", "id"])
        self.assert_error(f"/dati/api/measures/{HUGE}/", 422, ["path", "id"])

    def test_commitment_zero_is_refused_in_the_same_shape(self):
        self.assert_error("/dati/api/measures/?commitment=0", 422, ["query", "commitment"])

    def test_nul_bytes_are_refused_on_every_list_and_detail(self):
        text_parameters = {
            "plans": ["status"],
            "commitments": ["plan", "institution", "ogp_id"],
            "measures": ["q", "plan", "institution", "status", "ogp_id"],
            "progress-entries": ["plan", "institution", "status"],
            "institutions": ["kind"],
            "meetings": ["plan"],
            "decisions": ["plan"],
            "funding": ["plan"],
            "consultations": ["plan"],
        }
        for endpoint, names in text_parameters.items():
            for name in names:
                with self.subTest(endpoint=endpoint, name=name):
                    self.assert_error(f"/dati/api/{endpoint}/?{name}=a%00b", 422, ["query", name])
        self.assert_error("/dati/api/plans/a%00/", 422, ["path", "slug"])
        self.assert_error("/dati/api/institutions/%00/", 422, ["path", "slug"])

    def test_missing_things_are_404_in_the_error_shape(self):
        self.assert_error(f"/dati/api/measures/{INT64_MAX}/", 404)
        self.assert_error("/dati/api/plans/no-such-plan/", 404)

    def test_an_unknown_plan_or_institution_matches_nothing(self):
        self.assertEqual(self.get("/dati/api/measures/?plan=no-such-plan", 200)["count"], 0)
        self.assertEqual(self.get("/dati/api/measures/?institution=nobody", 200)["count"], 0)

    def test_an_unexpected_failure_answers_json(self):
        with (
            mock.patch("opendata.selectors.public_plans_with_counts", side_effect=RuntimeError("boom")),
            self.assertLogs("django.request", "ERROR"),
        ):
            body = self.assert_error("/dati/api/plans/", 500)
        self.assertEqual(body, {"detail": "Server error.", "errors": []})
        self.assertNotIn("boom", json.dumps(body))

    def test_meeting_times_are_local_times_the_schema_describes(self):
        Meeting.objects.filter(pk=self.world["meeting"].pk).update(start_time=datetime.time(13))
        meeting = self.get(f"/dati/api/meetings/{self.world['meeting'].pk}/", 200)
        self.assertEqual((meeting["start_time"], meeting["end_time"]), ("13:00:00", None))
        schema = json.loads(self.client.get("/dati/api/openapi.json").content)
        time = schema["components"]["schemas"]["MeetingDetail"]["properties"]["start_time"]["anyOf"][0]
        # `format: time` would demand a UTC offset ("13:00:00Z"); the pattern says what is sent.
        self.assertNotIn("format", time)
        self.assertRegex(meeting["start_time"], time["pattern"])


@override_settings(PAGE_CACHE_ENABLED=False)
class ApiSchemaDocumentsErrorsTests(TestCase):
    def test_every_operation_documents_its_error_statuses_in_one_shape(self):
        for prefix in ("/dati/api/", "/en/dati/api/"):
            schema = json.loads(self.client.get(f"{prefix}openapi.json").content)
            for path, operations in schema["paths"].items():
                responses = operations["get"]["responses"]
                with self.subTest(path=path):
                    expected = (
                        {"200", "500"} | ({"422"} if path != prefix else set()) | ({"404"} if "{" in path else set())
                    )
                    self.assertEqual(set(responses), expected)
                    for status in expected - {"200"}:
                        ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
                        self.assertEqual(ref, "#/components/schemas/Error")


@override_settings(PAGE_CACHE_ENABLED=False)
class ApiIndexTests(TestCase):
    def test_the_root_lists_the_endpoints_and_the_docs(self):
        make_world(n_measures=1)
        for prefix in ("/dati/api/", "/en/dati/api/"):
            response = self.client.get(prefix)
            self.assertEqual(response.status_code, 200)
            index = json.loads(response.content)
            self.assertEqual(index["docs"], f"http://testserver{prefix}docs/")
            self.assertEqual(index["openapi"], f"http://testserver{prefix}openapi.json")
            lists = [e["list"] for e in index["endpoints"]]
            self.assertEqual(lists, [f"http://testserver{prefix}{name}" for name in LISTS])
            for address in lists:
                self.assertEqual(self.client.get(address.removeprefix("http://testserver")).status_code, 200)
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        self.assertEqual(
            index["endpoints"][3]["description"], "Measures; one measure with its approved progress reports"
        )

    def test_the_new_endpoints_are_described_in_both_languages(self):
        descriptions = {
            "/dati/api/": ["Publicēto padomes sēžu lēmumi", "Finansējuma avoti", "Publiskās apspriešanas"],
            "/en/dati/api/": ["Decisions of published", "Funding sources", "Public consultations"],
        }
        for prefix, starts in descriptions.items():
            endpoints = {e["list"].removeprefix(f"http://testserver{prefix}"): e for e in self.get_index(prefix)}
            for name, start in zip(("decisions/", "funding/", "consultations/"), starts, strict=True):
                with self.subTest(prefix=prefix, name=name):
                    self.assertTrue(endpoints[name]["description"].startswith(start))
            self.assertIn("OGP ID", endpoints["commitments/?ogp_id=<ogp_id>"]["description"])

    def get_index(self, prefix):
        return json.loads(self.client.get(prefix).content)["endpoints"]


@override_settings(PAGE_CACHE_ENABLED=False)
class DownloadQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_world(n_measures=1)

    def test_nul_bytes_in_a_download_query_are_a_400(self):
        for url in ("/dati/progress.json?plan=%00", "/dati/measures.csv?q=%00", "/dati/commitments.xlsx?%00=1"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 400)

    def test_huge_numbers_in_a_download_query_do_not_break_it(self):
        for value in (HUGE, str(INT64_MAX + 1), "0"):
            with self.subTest(value=value):
                self.assertEqual(self.client.get(f"/dati/measures.json?commitment={value}").status_code, 200)
