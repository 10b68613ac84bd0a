"""Spreadsheets as Latvian offices save them: Windows code pages, semicolons, tabs, a BOM, dotted dates."""

import datetime

from commitments.models import Measure
from ogp_portal import spreadsheets
from tests.test_import_export import ImportExportBase

ROWS = [
    ("plan", "number", "title_lv", "due_date"),
    ("rp5", None, "Pašvaldību līdzdalības ceļvedis", "31.12.2025"),
]


def csv_text(separator: str) -> str:
    rows = [list(ROWS[0]), ["rp5", "{number}", ROWS[1][2], ROWS[1][3]]]
    return "\r\n".join(separator.join(row) for row in rows) + "\r\n"


class ReadingTests(ImportExportBase):
    def import_measure(self, content: bytes):
        self.import_file(Measure, content, "csv")
        return Measure.objects.get(pk=self.measure.pk)

    def content(self, separator=",", encoding="utf-8") -> bytes:
        return csv_text(separator).format(number=self.measure.number).encode(encoding)

    def assert_imported(self, measure):
        self.assertEqual(measure.title_lv, "Pašvaldību līdzdalības ceļvedis")
        self.assertEqual(measure.due_date, datetime.date(2025, 12, 31))

    def test_a_windows_1257_file_with_semicolons(self):
        self.assert_imported(self.import_measure(self.content(";", "cp1257")))

    def test_a_utf8_file_with_a_bom_and_tabs(self):
        self.assert_imported(self.import_measure(b"\xef\xbb\xbf" + self.content("\t")))

    def test_a_plain_utf8_file_with_commas(self):
        self.assert_imported(self.import_measure(self.content(",")))

    def test_an_impossible_date_says_what_is_expected(self):
        content = self.content(";").replace(b"31.12.2025", b"31.02.2025")
        result = self.preview(Measure, content, "csv").context["result"]
        messages = self.errors_of(result)
        self.assertIn("31.02.2025", messages)
        self.assertIn("31.12.2025", messages)

    def test_an_error_names_the_row_as_a_spreadsheet_numbers_it(self):
        # The header is row 1 and the first measure row 2, as Excel and LibreOffice show them.
        content = self.content(";").replace(b"31.12.2025", b"31.02.2025")
        result = self.preview(Measure, content, "csv").context["result"]
        numbers = [row.number for row in result.invalid_rows] + [number for number, _e in result.row_errors()]
        self.assertEqual(numbers, [2])

    def test_the_xlsx_sheet_is_named_after_its_rows(self):
        import io

        import openpyxl

        from commitments.resources import MeasureResource

        book = openpyxl.load_workbook(io.BytesIO(self.export(Measure, MeasureResource, "xlsx")))
        self.assertEqual(book.sheetnames, ["Pasākumi"])

    def test_the_csv_export_starts_with_a_bom(self):
        from commitments.resources import MeasureResource

        self.assertTrue(self.export(Measure, MeasureResource, "csv").startswith(b"\xef\xbb\xbf"))


class DecodingTests(ImportExportBase):
    def test_windows_1257_reads_as_latvian(self):
        text = "Ārlietu ministrija; Ķekava; Ļaudona"
        self.assertEqual(spreadsheets.decode(text.encode("cp1257")), text)

    def test_windows_1252_reads_as_western(self):
        text = "Société; Müller; Ærø"
        self.assertEqual(spreadsheets.decode(text.encode("cp1252")), text)

    def test_the_separator_is_found(self):
        for separator in (",", ";", "\t"):
            self.assertEqual(spreadsheets.delimiter(csv_text(separator)), separator)

    def test_dates_in_every_accepted_form(self):
        expected = datetime.date(2025, 12, 31)
        for value in ("31.12.2025", "2025-12-31", datetime.datetime(2025, 12, 31), expected):
            self.assertEqual(spreadsheets.parse_date(value), expected)
        self.assertIsNone(spreadsheets.parse_date(""))
