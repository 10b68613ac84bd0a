"""`manage.py build_report` builds a PDF in the foreground."""

import io
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase
from pypdf import PdfReader

from tests.factories import make_commitment, make_measure, make_plan


class BuildReportCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plan = make_plan(slug="komandas-plans", title="Komandas plāns", title_en="Command plan")
        make_measure(make_commitment(cls.plan, number=1, title="Apņemšanās", title_en="Commitment"), number="1.1")

    def test_it_writes_the_pdf_for_a_plan_given_by_id(self):
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "final.pdf"
            out = io.StringIO()
            call_command(
                "build_report",
                str(self.plan.pk),
                kind="final",
                lang="en",
                output=str(target),
                as_of="2024-06-30",
                stdout=out,
            )
            reader = PdfReader(target)
            self.assertIn("Command plan: Final report", reader.metadata.title)
            self.assertIn(f"{len(reader.pages)} pages", out.getvalue())
            self.assertFalse((Path(tmp) / "final.pdf.part").exists())

    def test_it_rejects_an_unknown_plan_a_bad_date_and_a_missing_folder(self):
        with self.assertRaisesMessage(CommandError, "No action plan"):
            call_command("build_report", "nav-tada", kind="final", lang="lv", output="/tmp/x.pdf")
        with self.assertRaisesMessage(CommandError, "YYYY-MM-DD"):
            call_command(
                "build_report", self.plan.slug, kind="final", lang="lv", output="/tmp/x.pdf", as_of="30.06.2024"
            )
        with self.assertRaisesMessage(CommandError, "does not exist"):
            call_command("build_report", self.plan.slug, kind="final", lang="lv", output="/nonexistent-dir/x.pdf")
