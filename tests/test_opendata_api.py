"""The read-only API: lists, details, pagination, filters, the OpenAPI schema, fixed query counts."""

import json

from django.test import TestCase, override_settings

from commitments.models import MeasureStatus
from opendata.testing import make_public_plan, make_world


@override_settings(PAGE_CACHE_ENABLED=False)
class ApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world(n_measures=3)

    def get(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, response.content[:300])
        return json.loads(response.content)

    def test_lists_are_paginated_with_links(self):
        page = self.get("/dati/api/measures/?page_size=2")
        self.assertEqual(page["count"], 3)
        self.assertEqual(page["pages"], 2)
        self.assertEqual(len(page["items"]), 2)
        self.assertIsNone(page["previous"])
        self.assertEqual(page["next"], "http://testserver/dati/api/measures/?page_size=2&page=2")
        second = self.get("/dati/api/measures/?page_size=2&page=2")
        self.assertEqual(len(second["items"]), 1)
        self.assertIsNone(second["next"])
        self.assertEqual({i["id"] for i in page["items"] + second["items"]}, {m.pk for m in self.world["measures"]})

    def test_page_size_is_capped(self):
        self.get("/dati/api/measures/?page_size=201", status=422)
        self.get("/dati/api/measures/?page=0", status=422)

    def test_measures_filter_by_plan_status_and_institution(self):
        other_plan, other_measures = make_public_plan(2)
        by_plan = self.get(f"/dati/api/measures/?plan={other_plan.slug}")
        self.assertEqual({i["id"] for i in by_plan["items"]}, {m.pk for m in other_measures})
        by_status = self.get(f"/dati/api/measures/?status={MeasureStatus.COMPLETE}")
        self.assertEqual([i["id"] for i in by_status["items"]], [self.world["measure"].pk])
        several = self.get(f"/dati/api/measures/?status={MeasureStatus.COMPLETE}&status={MeasureStatus.LIMITED}")
        self.assertEqual(several["count"], 5)
        by_institution = self.get(f"/dati/api/measures/?institution={self.world['other'].slug}")
        self.assertEqual({i["id"] for i in by_institution["items"]}, {m.pk for m in self.world["measures"]})
        self.get("/dati/api/measures/?status=nonsense", status=422)

    def test_progress_entries_filter(self):
        world = self.world
        by_measure = self.get(f"/dati/api/progress-entries/?measure={world['measure'].pk}")
        self.assertEqual(by_measure["count"], 2)
        by_status = self.get(f"/dati/api/progress-entries/?status={MeasureStatus.SUBSTANTIAL}")
        self.assertEqual(by_status["count"], 4)
        by_institution = self.get(f"/dati/api/progress-entries/?institution={world['institution'].slug}")
        self.assertEqual(by_institution["count"], 4)
        self.assertEqual(self.get("/dati/api/progress-entries/?institution=nobody")["count"], 0)

    def test_other_lists_filter(self):
        world = self.world
        make_public_plan(1)
        self.assertEqual(self.get(f"/dati/api/commitments/?plan={world['plan'].slug}")["count"], 1)
        self.assertEqual(self.get(f"/dati/api/commitments/?institution={world['institution'].slug}")["count"], 1)
        self.assertEqual(self.get("/dati/api/plans/?status=implementation")["count"], 2)
        self.assertEqual(self.get("/dati/api/plans/?status=completed")["count"], 0)
        self.assertEqual(self.get(f"/dati/api/meetings/?plan={world['plan'].slug}")["count"], 1)
        self.assertEqual(self.get("/dati/api/institutions/?kind=ngo")["count"], 0)

    def test_details(self):
        world = self.world
        plan = self.get(f"/dati/api/plans/{world['plan'].slug}/")
        self.assertEqual(plan["measures_count"], 3)
        self.assertEqual([c["number"] for c in plan["commitments"]], [1])
        commitment = self.get(f"/dati/api/commitments/{plan['commitments'][0]['id']}/")
        self.assertEqual(len(commitment["measures"]), 3)
        self.assertEqual(commitment["lead_institutions"][0]["slug"], world["institution"].slug)
        institution = self.get(f"/dati/api/institutions/{world['institution'].slug}/")
        self.assertEqual(institution["earlier_names"][0]["name"], "Agrākais nosaukums")
        entry = self.get(f"/dati/api/progress-entries/{world['approved_entry'].pk}/")
        self.assertEqual(entry["measure"]["id"], world["measure"].pk)
        meeting = self.get(f"/dati/api/meetings/{world['meeting'].pk}/")
        self.assertEqual(meeting["agenda"][0]["decision"], "Pieņemt zināšanai")
        self.assertEqual(meeting["chair"], "I. Priekšsēdētāja")

    def test_texts_follow_the_language_of_the_address_and_codes_do_not(self):
        measure = self.world["measure"]
        lv = self.get(f"/dati/api/measures/{measure.pk}/")
        en = self.get(f"/en/dati/api/measures/{measure.pk}/")
        self.assertEqual((lv["title"], en["title"]), ("Pasākums 1.1", "Measure 1.1"))
        self.assertEqual(lv["status"], en["status"])
        self.assertEqual(en["status_label"], "Complete")
        self.assertEqual(en["responsible_institution"]["name"], "State Chancellery")

    def test_responses_are_readable_utf8_and_open_to_other_sites(self):
        response = self.client.get(f"/dati/api/institutions/{self.world['institution'].slug}/")
        self.assertIn("Agrākais".encode(), response.content)
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")

    def test_it_is_read_only(self):
        self.assertEqual(self.client.post("/dati/api/measures/", {}).status_code, 405)
        self.assertEqual(self.client.delete(f"/dati/api/measures/{self.world['measure'].pk}/").status_code, 405)


@override_settings(PAGE_CACHE_ENABLED=False)
class OpenApiTests(TestCase):
    def test_schema_describes_every_endpoint(self):
        response = self.client.get("/dati/api/openapi.json")
        self.assertEqual(response.status_code, 200)
        schema = json.loads(response.content)
        self.assertTrue(schema["openapi"].startswith("3."))
        expected = {
            f"/dati/api/{name}/{suffix}"
            for name, key in [
                ("plans", "{slug}"),
                ("commitments", "{id}"),
                ("measures", "{id}"),
                ("progress-entries", "{id}"),
                ("institutions", "{slug}"),
                ("meetings", "{id}"),
                ("decisions", "{id}"),
                ("funding", "{id}"),
                ("consultations", "{id}"),
            ]
            for suffix in ("", f"{key}/")
        }
        self.assertEqual(set(schema["paths"]), expected | {"/dati/api/", "/dati/api/commitments/ogp/{ogp_id}/"})
        self.assertTrue(all(set(ops) == {"get"} for ops in schema["paths"].values()))
        parameters = {p["name"] for p in schema["paths"]["/dati/api/measures/"]["get"]["parameters"]}
        self.assertLessEqual({"plan", "status", "institution", "page", "page_size"}, parameters)
        properties = schema["components"]["schemas"]["MeasureOut"]["properties"]
        self.assertNotIn("internal_note", properties)
        self.assertNotIn("version", properties)

    def test_english_schema_has_english_paths(self):
        schema = json.loads(self.client.get("/en/dati/api/openapi.json").content)
        self.assertIn("/en/dati/api/measures/", schema["paths"])

    def test_interactive_docs_load_nothing_from_other_sites(self):
        response = self.client.get("/dati/api/docs/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("/static/ninja/swagger-ui-bundle.js", html)
        self.assertNotIn("https://", html)
        self.assertNotIn("http://", html)


@override_settings(PAGE_CACHE_ENABLED=False)
class ApiQueryCountTests(TestCase):
    """List pages: count + page + prefetches, whatever the number of rows."""

    LISTS = {
        "plans": 2,
        "commitments": 3,
        "measures": 5,
        "progress-entries": 2,
        "institutions": 3,
        "meetings": 4,
    }

    def assert_fixed(self):
        for endpoint, queries in self.LISTS.items():
            with self.subTest(endpoint=endpoint), self.assertNumQueries(queries):
                self.assertEqual(self.client.get(f"/dati/api/{endpoint}/").status_code, 200)

    def test_lists_take_the_same_queries_for_more_data(self):
        make_world(n_measures=1)
        self.assert_fixed()
        for _ in range(3):
            make_public_plan(5)
        make_world(n_measures=4)
        self.assert_fixed()

    def test_measure_detail_is_fixed(self):
        world = make_world(n_measures=1)
        with self.assertNumQueries(5):
            self.client.get(f"/dati/api/measures/{world['measure'].pk}/")
        make_world(n_measures=5)
        with self.assertNumQueries(5):
            self.client.get(f"/dati/api/measures/{world['measure'].pk}/")
