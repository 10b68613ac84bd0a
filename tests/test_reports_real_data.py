"""The final report of the real Fifth plan, as `load_real_data` loads it."""

import io

from django.core.management import call_command
from django.test import TestCase
from django.utils import translation
from pypdf import PdfReader

from commitments.models import Commitment, Measure
from plans.models import ActionPlan
from reports.models import ReportKind
from reports.rendering import render_report
from tests.pdf_structure import heading_levels, section_titles, struct_elements, xmp
from tests.test_reports_pdf import FINAL_SECTIONS

REAL_PLAN = "lv-nap5-2022-2025"


class RealPlanReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_real_data", stdout=io.StringIO())
        cls.plan = ActionPlan.objects.get(slug=REAL_PLAN)
        cls.rendered = render_report(plan=cls.plan, kind=ReportKind.FINAL, language="lv", as_of=cls.plan.period_end)
        cls.reader = PdfReader(io.BytesIO(cls.rendered.pdf))
        # Line breaks inside long titles become spaces, so compare with whitespace collapsed.
        cls.text = " ".join(" ".join(page.extract_text() for page in cls.reader.pages).split())

    def test_it_prints_every_commitment_title(self):
        commitments = Commitment.objects.filter(plan=self.plan)
        self.assertEqual(commitments.count(), 6)
        for commitment in commitments:
            self.assertIn(f"{commitment.number}. {' '.join(commitment.title.split())}", self.text)

    def test_it_prints_every_measure_number_and_status(self):
        with translation.override("lv"):
            for measure in Measure.objects.filter(plan=self.plan):
                if measure.number:
                    self.assertIn(f"{measure.number}. ", self.text)
                self.assertIn(" ".join(measure.title.split()), self.text)
            statuses = {str(m.get_status_display()) for m in Measure.objects.filter(plan=self.plan)}
        for label in statuses:
            self.assertIn(f"Statuss: {label}", self.text)

    def test_it_names_the_measures_added_by_the_refresh(self):
        added = Measure.objects.filter(plan=self.plan, added_by_revision__isnull=False)
        self.assertEqual(added.count(), 3)
        self.assertGreaterEqual(self.text.count("Pievienots plāna aktualizācijā"), 3)

    def test_page_count_and_metadata(self):
        self.assertEqual(len(self.reader.pages), self.rendered.pages)
        self.assertGreater(self.rendered.pages, 8)
        self.assertIn("Nobeiguma ziņojums", self.reader.metadata.title)
        self.assertIn("Piektais", self.reader.metadata.title)
        self.assertEqual(self.reader.metadata.author, "Valsts kanceleja")
        self.assertEqual(self.reader.trailer["/Root"]["/Lang"], "lv")

    def test_it_is_the_end_of_term_report_and_a_tagged_pdf(self):
        self.assertEqual(section_titles(self.reader), FINAL_SECTIONS)
        levels = heading_levels(self.reader)
        self.assertEqual(levels[0], 1)
        self.assertTrue(all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)))
        self.assertTrue(all("/Scope" in attrs for tag, attrs in struct_elements(self.reader) if tag == "/TH"))
        self.assertIn(b"<rdf:li>lv</rdf:li></rdf:Bag></dc:language>", xmp(self.reader))

    def test_it_says_plainly_that_nothing_has_been_reported(self):
        self.assertIn("Vēl nekas nav ziņots", self.text)
        self.assertIn("Ar ziņotu statusu 0 no 22", self.text)
