"""Downloads: formats, languages, file names, filters, formula injection, fixed query counts."""

import csv
import datetime
import io
import json

import openpyxl
from django.test import TestCase, override_settings
from django.utils import timezone, translation

from commitments.models import MeasureStatus
from opendata.exports import EXPORTS, FORMATS, escape_formula
from opendata.exports.datasets import MeasureExport
from opendata.testing import make_public_plan, make_world
from tests.factories import make_commitment, make_measure, make_plan

# Queries each export runs, whatever the amount of data.
EXPORT_QUERIES = {
    "plans": 1,
    "commitments": 2,
    "measures": 4,
    "progress": 1,
    "status-changes": 1,
    "institutions": 2,
    "funding": 2,
    "funding-amounts": 1,
    "consultations": 1,
    "proposals": 2,
    "meetings": 3,
    "decisions": 2,
    "reports": 1,
}


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(content: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@override_settings(PAGE_CACHE_ENABLED=False)
class DownloadViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world()

    def test_every_dataset_downloads_in_every_format(self):
        today = timezone.localdate()
        for dataset in EXPORTS:
            for fmt, file_format in FORMATS.items():
                with self.subTest(dataset=dataset, fmt=fmt):
                    response = self.client.get(f"/dati/{dataset}.{fmt}")
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(response["Content-Type"], file_format.mimetype)
                    self.assertIn("attachment;", response["Content-Disposition"])
                    self.assertIn(f"-{today:%Y-%m-%d}.{fmt}", response["Content-Disposition"])
                    self.assertEqual(response["Access-Control-Allow-Origin"], "*")

    def test_it_rejects_unknown_datasets_and_formats(self):
        self.assertEqual(self.client.get("/dati/users.csv").status_code, 404)
        self.assertEqual(self.client.get("/dati/measures.pdf").status_code, 404)
        self.assertEqual(self.client.post("/dati/measures.csv").status_code, 405)
        self.assertEqual(self.client.head("/dati/measures.csv").status_code, 200)

    def test_file_names_are_latvian_at_the_root_and_english_under_en(self):
        today = timezone.localdate()
        response = self.client.get("/dati/measures.csv")
        self.assertIn(f'filename="pasakumi-{today:%Y-%m-%d}.csv"', response["Content-Disposition"])
        response = self.client.get("/en/dati/measures.csv")
        self.assertIn(f'filename="measures-{today:%Y-%m-%d}.csv"', response["Content-Disposition"])
        response = self.client.get("/dati/progress.xlsx")
        self.assertIn(f'filename="progresa-zinojumi-{today:%Y-%m-%d}.xlsx"', response["Content-Disposition"])

    def test_headers_and_values_follow_the_language(self):
        lv = csv_rows(self.client.get("/dati/measures.csv").content)
        en = csv_rows(self.client.get("/en/dati/measures.csv").content)
        self.assertIn("atbildīgā institūcija", lv[0])
        self.assertIn("responsible institution", en[0])
        status = lv[0].index("statuss")
        titles = {row[en[0].index("title")] for row in en[1:]}
        self.assertIn("Measure 1.1", titles)
        self.assertIn("Pasākums 1.1", {row[lv[0].index("nosaukums")] for row in lv[1:]})
        with translation.override("lv"):
            complete_lv = str(MeasureStatus.COMPLETE.label)
        self.assertIn(complete_lv, {row[status] for row in lv[1:]})
        self.assertIn("Complete", {row[en[0].index("status")] for row in en[1:]})

    def test_booleans_dates_and_lists_are_spelt_alike_in_both_languages(self):
        for prefix in ("", "/en"):
            rows = csv_rows(self.client.get(f"{prefix}/dati/measures.csv").content)
            first = dict(zip(["id", *rows[0][1:]], rows[1], strict=True))
            with self.subTest(prefix=prefix):
                self.assertEqual(first["overdue" if prefix else "nokavēts"], "false")
                self.assertEqual(first["due date" if prefix else "izpildes termiņš"], "2030-01-01")
        rows = csv_rows(self.client.get("/en/dati/measures.csv").content)
        self.assertEqual(rows[1][rows[0].index("co-responsible institutions")], "Youth council")

    def test_json_has_stable_keys_codes_and_labels(self):
        document = json.loads(self.client.get("/en/dati/measures.json").content)
        self.assertEqual(document["dataset"], "measures")
        self.assertEqual(document["language"], "en")
        item = next(i for i in document["items"] if i["id"] == self.world["measure"].pk)
        self.assertEqual(item["status"], "complete")
        self.assertEqual(item["status_label"], "Complete")
        self.assertEqual(item["co_responsible_institutions"], ["Youth council"])
        self.assertIs(item["overdue"], False)
        self.assertIn(
            {"key": "status", "label": "status", "type": "string", "description": "status"}, document["fields"]
        )

    def test_xlsx_keeps_numbers_and_dates_typed(self):
        measure = self.world["measure"]
        measure.progress_percent = 40
        measure.save()
        rows = xlsx_rows(self.client.get("/en/dati/measures.xlsx").content)
        header = rows[0]
        row = next(r for r in rows[1:] if r[header.index("identifier")] == measure.pk)
        self.assertEqual(row[header.index("progress, %")], 40)
        self.assertEqual(row[header.index("due date")], datetime.datetime(2030, 1, 1))

    def test_measures_download_uses_the_measure_list_filters(self):
        rows = csv_rows(self.client.get("/en/dati/measures.csv?status=complete").content)
        self.assertEqual([r[rows[0].index("identifier")] for r in rows[1:]], [str(self.world["measure"].pk)])
        other_plan, _measures = make_public_plan(3)
        rows = csv_rows(self.client.get(f"/en/dati/measures.csv?plan={other_plan.slug}").content)
        self.assertEqual(len(rows) - 1, 3)
        self.assertEqual({r[rows[0].index("action plan identifier")] for r in rows[1:]}, {other_plan.slug})
        rows = csv_rows(self.client.get("/en/dati/measures.csv?q=Measure+1.2").content)
        self.assertTrue(rows[1:])
        self.assertTrue(all("1.2" in r[rows[0].index("number")] for r in rows[1:]))

    def test_status_changes_give_both_statuses_and_the_reason(self):
        rows = csv_rows(self.client.get("/en/dati/status-changes.csv").content)
        header = rows[0]
        self.assertEqual(len(rows), 2)
        row = dict(zip(header, rows[1], strict=True))
        self.assertEqual(row["measure"], "Measure 1.1")
        self.assertEqual((row["previous status"], row["new status"]), ("Limited", "Complete"))
        self.assertEqual(row["reason"], "Pabeigts, pieņemts MK")
        document = json.loads(self.client.get("/dati/status-changes.json").content)
        self.assertEqual(document["items"][0]["previous_status"], "limited")
        self.assertEqual(document["items"][0]["measure"], "Pasākums 1.1")

    def test_plan_parameter_narrows_plan_datasets(self):
        other_plan, _measures = make_public_plan(1)
        for dataset, column in (("commitments", "action plan identifier"), ("progress", "action plan")):
            rows = csv_rows(self.client.get(f"/en/dati/{dataset}.csv?plan={other_plan.slug}").content)
            with self.subTest(dataset=dataset):
                self.assertEqual(len(rows), 2)
                self.assertIn(rows[1][rows[0].index(column)], (other_plan.slug, str(other_plan)))


@override_settings(PAGE_CACHE_ENABLED=False)
class FormulaInjectionTests(TestCase):
    DANGEROUS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]

    @classmethod
    def setUpTestData(cls):
        plan = make_plan()
        commitment = make_commitment(plan=plan)
        cls.measures = [make_measure(commitment, title=t, title_en=t) for t in cls.DANGEROUS]

    def test_escape_formula_prefixes_an_apostrophe(self):
        for value in self.DANGEROUS:
            self.assertEqual(escape_formula(value), "'" + value)
        self.assertEqual(escape_formula("Dati 2024"), "Dati 2024")
        self.assertEqual(escape_formula("1-2"), "1-2")

    def test_csv_cells_cannot_start_a_formula(self):
        rows = csv_rows(self.client.get("/en/dati/measures.csv").content)
        titles = {r[rows[0].index("title")] for r in rows[1:]}
        self.assertEqual(titles, {"'" + t for t in self.DANGEROUS})

    def test_xlsx_cells_are_text_not_formulas(self):
        content = self.client.get("/en/dati/measures.xlsx").content
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        header = [c.value for c in sheet[1]]
        column = header.index("title") + 1
        cells = [sheet.cell(row=r, column=column) for r in range(2, sheet.max_row + 1)]
        # XML reads a carriage return back as a line feed; what matters is the apostrophe in front.
        self.assertEqual({c.value for c in cells}, {("'" + t).replace("\r", "\n") for t in self.DANGEROUS})
        self.assertTrue(all(c.data_type == "s" for c in cells))

    def test_json_keeps_the_text_as_it_is(self):
        document = json.loads(self.client.get("/en/dati/measures.json").content)
        self.assertEqual({i["title"] for i in document["items"]}, set(self.DANGEROUS))


@override_settings(PAGE_CACHE_ENABLED=False)
class ExportContractTests(TestCase):
    def test_render_returns_filename_mimetype_and_bytes(self):
        make_public_plan(1)
        with translation.override("lv"):
            filename, mimetype, data = MeasureExport("json", today=datetime.date(2026, 11, 22)).render()
        self.assertEqual(filename, "pasakumi-2026-11-22.json")
        self.assertEqual(mimetype, "application/json")
        self.assertEqual(len(json.loads(data)["items"]), 1)

    def test_it_refuses_an_unknown_format(self):
        from opendata.exports import UnknownFormat

        with self.assertRaises(UnknownFormat):
            MeasureExport("pdf")


@override_settings(PAGE_CACHE_ENABLED=False, SITE_URL="https://example.invalid")
class QueryCountTests(TestCase):
    """Each export runs the same number of queries whatever the amount of data."""

    EXPECTED = EXPORT_QUERIES

    def assert_fixed_queries(self):
        for dataset, export_class in EXPORTS.items():
            for fmt in FORMATS:
                with self.subTest(dataset=dataset, fmt=fmt), self.assertNumQueries(self.EXPECTED[dataset]):
                    export_class(fmt).render()

    def test_small_and_larger_data_take_the_same_queries(self):
        make_world(n_measures=1)
        self.assert_fixed_queries()
        for _ in range(3):
            make_public_plan(6)
        make_world(n_measures=4)
        self.assert_fixed_queries()

    def test_a_filtered_measure_export_stays_fixed(self):
        plan, _ = make_public_plan(2)
        with self.assertNumQueries(5):  # + the plan named in the filter
            MeasureExport("csv", params=_query(f"plan={plan.slug}&status={MeasureStatus.LIMITED}")).render()
        make_public_plan(5)
        with self.assertNumQueries(5):
            MeasureExport("csv", params=_query(f"plan={plan.slug}&status={MeasureStatus.LIMITED}")).render()


def _query(string):
    from django.http import QueryDict

    return QueryDict(string)
