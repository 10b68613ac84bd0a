"""A value is the same in every format: ids, booleans, missing values, numbers, dates, the language of a text."""

import csv
import datetime
import io
import json

import openpyxl
from django.test import TestCase, override_settings
from django.utils import translation

from commitments.models import YesNo
from opendata.exports import EXPORTS
from opendata.testing import make_world
from tests.factories import make_commitment, make_measure, make_plan


def csv_dicts(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@override_settings(PAGE_CACHE_ENABLED=False)
class ConsistencyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world()
        cls.commitment = cls.world["measure"].commitment
        cls.commitment.ogp_id = "LV0060"
        cls.commitment.irm_verifiable = YesNo.YES
        cls.commitment.save()

    def json_items(self, path: str) -> list[dict]:
        return json.loads(self.client.get(path).content)["items"]

    def test_commitments_and_measures_carry_their_ids_and_ogp_id(self):
        commitment = next(i for i in self.json_items("/dati/commitments.json") if i["id"] == self.commitment.pk)
        self.assertEqual(commitment["ogp_id"], "LV0060")
        measure = next(i for i in self.json_items("/dati/measures.json") if i["id"] == self.world["measure"].pk)
        self.assertEqual((measure["commitment_id"], measure["commitment_ogp_id"]), (self.commitment.pk, "LV0060"))
        row = csv_dicts(self.client.get("/en/dati/measures.csv").content)[0]
        self.assertEqual((row["commitment identifier"], row["commitment OGP ID"]), (str(self.commitment.pk), "LV0060"))

    def test_missing_is_null_in_json_and_the_api_and_empty_in_csv(self):
        commitment = next(i for i in self.json_items("/dati/commitments.json") if i["id"] == self.commitment.pk)
        self.assertEqual(commitment["irm_verifiable"], "yes")
        self.assertIsNone(commitment["irm_ambition"])
        self.assertIsNone(commitment["description"])
        answer = self.client.get(f"/dati/api/commitments/{self.commitment.pk}/").json()
        self.assertEqual(answer["irm_verifiable"], "yes")
        self.assertIsNone(answer["irm_ambition"])
        row = next(r for r in csv_dicts(self.client.get("/en/dati/commitments.csv").content) if r["OGP ID"])
        self.assertEqual(row["IRM: ambition"], "")

    def test_the_openapi_schema_says_ratings_may_be_null(self):
        schemas = self.client.get("/dati/api/openapi.json").json()["components"]["schemas"]
        rating = schemas["CommitmentOut"]["properties"]["irm_ambition"]
        self.assertIn({"type": "null"}, rating["anyOf"])

    def test_booleans_are_true_and_false_in_csv_and_json(self):
        row = csv_dicts(self.client.get("/dati/commitments.csv").content)[0]
        self.assertIn(row["īpaša uzmanība"], ("true", "false"))
        item = self.json_items("/dati/commitments.json")[0]
        self.assertIsInstance(item["special_attention"], bool)

    def test_funding_amounts_are_numbers_one_row_per_year(self):
        items = self.json_items("/en/dati/funding-amounts.json")
        item = next(i for i in items if i["code"] == "4.3.4.5")
        self.assertEqual((item["year"], item["amount"], item["currency"]), (2023, 90000, "EUR"))
        self.assertIsInstance(item["amount"], float)
        source = next(i for i in self.json_items("/en/dati/funding.json") if i["id"] == item["funding_source_id"])
        self.assertNotIn("yearly_amounts", source)
        row = csv_dicts(self.client.get("/en/dati/funding-amounts.csv").content)[0]
        self.assertEqual((row["year"], row["amount"]), ("2023", "90000.00"))
        sheet = openpyxl.load_workbook(io.BytesIO(self.client.get("/en/dati/funding-amounts.xlsx").content)).active
        self.assertEqual([c.value for c in sheet[2]][4:6], [2023, 90000])

    def test_dates_and_times_are_iso_8601(self):
        row = csv_dicts(self.client.get("/en/dati/status-changes.csv").content)[0]
        self.assertEqual(datetime.datetime.fromisoformat(row["changed at"]).tzinfo is not None, True)
        self.assertEqual(len(row["changed at"]), len("2026-01-01T10:00:00+00:00"))

    def test_latvian_only_text_is_marked_lv_in_english_files(self):
        measure = self.world["measure"]
        with translation.override("lv"):
            latvian_only = make_measure(measure.commitment, title="Tikai latviski", title_en="")
        items = {i["id"]: i for i in self.json_items("/en/dati/measures.json")}
        self.assertEqual(items[latvian_only.pk]["title"], "Tikai latviski")
        self.assertEqual(items[latvian_only.pk]["title_language"], "lv")
        self.assertEqual(items[measure.pk]["title_language"], "en")
        self.assertIsNone(items[measure.pk]["description_language"])
        lv_items = {i["id"]: i for i in self.json_items("/dati/measures.json")}
        self.assertEqual(lv_items[measure.pk]["title_language"], "lv")
        row = next(
            r
            for r in csv_dicts(self.client.get("/en/dati/measures.csv").content)
            if r["identifier"] == str(latvian_only.pk)
        )
        self.assertEqual(row["title: language"], "lv")

    def test_every_field_is_declared_with_a_type_in_the_json(self):
        fields = json.loads(self.client.get("/en/dati/measures.json").content)["fields"]
        types = {f["key"]: f["type"] for f in fields}
        self.assertEqual((types["id"], types["due_date"], types["overdue"]), ("integer", "date", "boolean"))
        self.assertTrue(all(f["description"] for f in fields))


class SheetNameTests(TestCase):
    def test_each_dataset_names_its_sheet_within_31_characters_in_both_languages(self):
        for language in ("lv", "en"):
            with translation.override(language):
                names = [str(export.sheet_name) for export in EXPORTS.values()]
            with self.subTest(language=language):
                self.assertTrue(all(0 < len(name) <= 31 for name in names), names)
                self.assertEqual(len(set(names)), len(names))
        with translation.override("en"):
            self.assertEqual(str(EXPORTS["decisions"].sheet_name), "Council decisions")

    def test_an_export_without_a_sheet_name_loses_whole_words(self):
        from opendata.exports.formats import FORMATS, Table

        title = "Council agenda items and decisions"
        table = Table(keys=["a"], labels=["a"], types=["string"], descriptions=["a"], title=title)
        workbook = openpyxl.load_workbook(io.BytesIO(FORMATS["xlsx"].write(table)))
        self.assertEqual(workbook.sheetnames[0], "Council agenda items and")

    @override_settings(PAGE_CACHE_ENABLED=False)
    def test_the_sheet_is_named_as_declared(self):
        plan = make_plan()
        make_measure(make_commitment(plan=plan))
        workbook = openpyxl.load_workbook(io.BytesIO(self.client.get("/en/dati/decisions.xlsx").content))
        self.assertEqual(workbook.sheetnames, ["Council decisions", "About"])
