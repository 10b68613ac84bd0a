"""One source of status labels: a page, a PDF report and a download name each status the same way.

The words are the model's (`MeasureStatus` labels); ui/labels.py only adds each status's colour and
badge shape, for every status the model knows.
"""

import csv
import datetime
import io
import re

from django.test import TestCase, override_settings
from django.utils import translation
from pypdf import PdfReader

from commitments.models import MeasureStatus
from reports.models import ReportKind
from reports.rendering import render_report, report_html
from tests.factories import make_commitment, make_measure, make_plan
from tests.report_history import all_history_on
from ui.labels import STATUS_COLOURS, STATUS_SHAPES

AS_OF = datetime.date(2024, 3, 31)
BADGE = re.compile(r'<span class="badge badge--(\w+)"><svg[^>]*>.*?</svg>([^<]+)</span>', re.S)


def pdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False)
class StatusLabelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plan = make_plan()
        commitment = make_commitment(cls.plan)
        cls.measures = {
            status: make_measure(commitment, number=f"1.{i}", status=status)
            for i, status in enumerate(MeasureStatus, start=1)
        }
        all_history_on(datetime.date(2022, 2, 10))  # the report reads the statuses as recorded on AS_OF

    def model_label(self, status, language):
        with translation.override(language):
            return str(MeasureStatus(status).label)

    def page_label(self, measure, language):
        with translation.override(language):
            url = measure.get_absolute_url()
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        badges = dict(BADGE.findall(response.content.decode()))
        return badges[measure.status].strip()

    def download_labels(self, language):
        prefix = "" if language == "lv" else "/en"
        rows = list(csv.reader(io.StringIO(self.client.get(f"{prefix}/dati/measures.csv").content.decode("utf-8-sig"))))
        header = rows[0]
        number = header.index("numurs" if language == "lv" else "number")
        status = header.index("statuss" if language == "lv" else "status")
        return {row[number]: row[status] for row in rows[1:]}

    def test_a_page_a_pdf_and_a_download_name_each_status_alike(self):
        # One PDF (they take seconds); the English report is checked in the HTML it is printed from.
        printed = {
            "lv": pdf_text(render_report(plan=self.plan, kind=ReportKind.MIDTERM, language="lv", as_of=AS_OF).pdf),
            "en": re.sub(
                r"<[^>]+>", "", report_html(plan=self.plan, kind=ReportKind.MIDTERM, language="en", as_of=AS_OF)
            ),
        }
        for language, status_word in (("lv", "Statuss"), ("en", "Status")):
            downloads = self.download_labels(language)
            for status, measure in self.measures.items():
                with self.subTest(language=language, status=status):
                    label = self.model_label(status, language)
                    self.assertEqual(self.page_label(measure, language), label)
                    self.assertEqual(downloads[measure.number], label)
                    self.assertIn(f"{status_word}: {label}", printed[language])

    def test_the_latvian_labels_are_the_model_catalogs(self):
        # "Not started" is also an admin dashboard heading ("Nav sākts"); a measure is "Nav uzsākts".
        self.assertEqual(self.model_label(MeasureStatus.NOT_STARTED, "lv"), "Nav uzsākts")
        self.assertEqual(self.page_label(self.measures[MeasureStatus.NOT_STARTED], "lv"), "Nav uzsākts")

    def test_every_status_has_a_colour_and_a_badge_shape(self):
        self.assertEqual(set(STATUS_COLOURS), set(MeasureStatus.values))
        self.assertEqual(set(STATUS_SHAPES), set(MeasureStatus.values))
