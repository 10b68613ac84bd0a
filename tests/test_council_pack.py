"""The meeting pack: one PDF with cover, bookmarks, minutes, progress and the meeting's documents."""

import datetime
import io
import re

from django.test import TestCase
from django.utils import timezone, translation
from pypdf import PdfReader

from commitments.models import Measure, MeasureStatus
from council.models import DocumentKind
from council.pack import build_meeting_pack, render_pack_html
from council.testing import (
    PrivateMediaMixin,
    make_council,
    make_document,
    make_meeting,
    make_meeting_no5,
    office_zip,
    simple_pdf,
)
from plans.models import PlanRevision
from tests.factories import make_commitment, make_measure, make_plan
from tests.pdf_structure import PdfStructure


def outline_titles(reader: PdfReader) -> list[tuple[int, str, int | None]]:
    rows = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                rows.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return rows


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


class MeetingPackTests(PrivateMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        plan = make_plan(title="Latvijas Piektais nacionālais atvērtās pārvaldības rīcības plāns")
        c1, c3 = make_commitment(plan, number=1), make_commitment(plan, number=3)
        cls.m11 = make_measure(c1, number="1.1", title="Ietvara dokuments", status=MeasureStatus.NOT_STARTED)
        cls.m35 = make_measure(
            c3, number="3.5", title="Deliberatīvo diskusiju modelis", status=MeasureStatus.NOT_STARTED
        )
        make_measure(c3, number="3.1", status=MeasureStatus.COMPLETE)
        # History as it would be had the portal been used in 2024: both created before the meeting,
        # 3.5 moved on after it.
        before = timezone.make_aware(datetime.datetime(2024, 3, 1, 12, 0))
        Measure.history.filter(id__in=[cls.m11.pk, cls.m35.pk]).update(history_date=before)
        cls.m35.status = MeasureStatus.LIMITED
        cls.m35.save()

        cls.meeting = make_meeting_no5(plan=plan, measures=[cls.m11, cls.m35])
        cls.appendix = make_document(
            cls.meeting, content=simple_pdf("Prezentācijas slaids"), title="Valsts kancelejas prezentācija"
        )
        cls.corrupt = make_document(cls.meeting, content=b"%PDF-1.4\nthis is not a pdf at all", title="Bojāts PDF")
        cls.office = make_document(
            cls.meeting,
            content=office_zip("docx"),
            name="piezimes.docx",
            title="Darba piezīmes",
            kind=DocumentKind.MATERIAL,
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        cls.pack = build_meeting_pack(cls.meeting, language="lv")
        cls.reader = PdfReader(io.BytesIO(cls.pack))
        cls.pages = [page.extract_text() for page in cls.reader.pages]
        cls.text = flat("\n".join(cls.pages))

    def test_it_is_one_pdf_that_opens_on_the_bookmarks(self):
        self.assertTrue(self.pack.startswith(b"%PDF-"))
        self.assertEqual(self.reader.trailer["/Root"]["/PageMode"], "/UseOutlines")

    def test_the_cover_names_the_meeting(self):
        cover = flat(self.pages[0])
        self.assertIn("Sēdes materiāli", cover)
        self.assertIn("Sēde Nr. 5, 2024. gada 7. novembris", cover)

    def test_it_holds_the_agenda_and_the_attendees(self):
        for title in (
            "Latvijas veiksmes stāsti: TAP portāla iegūtā ANO publisko pakalpojumu balva",
            "Nākamā atvērtās pārvaldības rīcības plāna izstrāde",
        ):
            self.assertIn(title, self.text)
        for name in ("I. Lībķena", "I. Kušķe", "H. Beitelis", "L. Stafecka", "V. Sidorenkovs"):
            self.assertIn(name, self.text)

    def test_it_holds_the_draft_minutes(self):
        self.assertIn("SĒDES PROTOKOLS Nr. 5", self.text)
        self.assertIn("Padomes lēmums: Pieņemt zināšanai", self.text)

    def test_it_shows_the_agenda_measures_status_on_the_meeting_day_and_now(self):
        section = next(flat(p) for p in self.pages if "Darba kārtībā minētie pasākumi" in p and "Statuss" in p)
        with translation.override("lv"):
            not_started, limited = str(MeasureStatus.NOT_STARTED.label), str(MeasureStatus.LIMITED.label)
        row_11 = section[section.index("1.1 Ietvara") : section.index("3.5 Deliberatīvo")]
        row_35 = section[section.index("3.5 Deliberatīvo") :]
        self.assertEqual(row_11.count(not_started), 2)  # then and now
        self.assertIn("nav zināms", row_11)  # its due date
        self.assertLess(row_35.index(not_started), row_35.index(limited))  # then: not started; now: limited

    def test_it_has_the_plan_summary_over_the_reported_measures(self):
        self.assertIn("Plāna izpildes gaita", self.text)
        self.assertIn("Statuss ziņots 3 no 3 pasākumiem; par 0 nav informācijas.", self.text)
        self.assertIn("No tiem īstenoti 1, lielā mērā vai pilnībā īstenoti 1 (33%", self.text)
        # No measure has a due date: overdue is not counted, and the pack says why.
        self.assertIn("Nevienam no 3 pasākumiem nav norādīts izpildes termiņš", self.text)
        self.assertNotIn("Nokavēti:", self.text)

    def test_the_generated_part_stays_tagged_pdf_17_with_its_xmp(self):
        structure = PdfStructure(self.pack)
        self.assertEqual(structure.header, "%PDF-1.7")
        self.assertTrue(structure.has_structure_tree and structure.marked)
        self.assertEqual(structure.language, "lv")
        self.assertEqual(structure.heading_problems(), [])
        self.assertGreater(len(structure.header_scopes), 10)
        self.assertNotIn(None, structure.header_scopes)
        self.assertEqual(set(structure.header_scopes), {"/Column", "/Row"})
        self.assertIn("<dc:title>", structure.xmp)
        self.assertIn("Sēdes materiāli", structure.xmp)

    def test_with_untagged_pages_appended_it_says_so_and_claims_no_pdf_ua(self):
        structure = PdfStructure(self.pack)
        last = len(self.pages)
        # The appended page keeps no structure reference of its own file (that would point into a tree the pack lacks).
        self.assertNotIn(last - 1, structure.tagged_pages)
        self.assertIn(0, structure.tagged_pages)
        self.assertNotIn("pdfuaid:part", structure.xmp)
        description = f"{last}. lpp.: Valsts kancelejas prezentācija"
        self.assertIn("Neatbilst PDF/UA", structure.xmp)
        self.assertIn(description, structure.xmp)
        self.assertIn(description, self.reader.metadata.subject)
        contents = next(flat(p) for p in self.pages if "Saturs" in p)
        self.assertIn("Pievienotie dokumenti ir augšupielādēto datņu kopijas", contents)
        self.assertIn("Pievienots (1 lappuse, bez marķējuma)", self.text)

    def test_bookmarks_lead_to_every_part_and_to_the_appended_document(self):
        rows = outline_titles(self.reader)
        top = [title for depth, title, _page in rows if depth == 0]
        for title in (
            "Sēdes materiāli",
            "Darba kārtība",
            "Dalībnieku saraksts",
            "Sēdes protokols (projekts)",
            "Plāna izpildes gaita",
            "Darba kārtībā minētie pasākumi",
            "Sēdes dokumenti",
            "Pievienotie dokumenti (bez piekļūstamības marķējuma)",
        ):
            self.assertIn(title, top)
        appended = [(title, page) for depth, title, page in rows if depth == 1 and "prezentācija" in title]
        self.assertEqual(len(appended), 1)
        title, page = appended[0]
        self.assertEqual(title, "1. Valsts kancelejas prezentācija")
        self.assertIn("Prezentācijas slaids", self.pages[page])
        self.assertEqual(page, len(self.pages) - 1)

    def test_a_corrupt_pdf_and_an_office_file_are_listed_as_not_included(self):
        section = next(flat(p) for p in self.pages if "Šajos materiālos" in p)
        corrupt = section[section.index("Bojāts PDF") :]
        self.assertIn("Nav iekļauts: PDF datne ir bojāta", corrupt)
        office = section[section.index("Darba piezīmes") :]
        self.assertIn("Nav iekļauts: DOCX datne", office)
        self.assertNotIn("this is not a pdf", self.text)
        titles = [title for _depth, title, _page in outline_titles(self.reader)]
        self.assertFalse(any("Bojāts PDF" in t or "Darba piezīmes" in t for t in titles))

    def test_a_missing_file_is_listed_and_the_pack_still_builds(self):
        self.appendix.file.storage.delete(self.appendix.file.name)
        try:
            text = flat(
                "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(build_meeting_pack(self.meeting))).pages)
            )
        finally:
            self.appendix.file.storage.save(self.appendix.file.name, io.BytesIO(simple_pdf("Prezentācijas slaids")))
        self.assertIn("Nav iekļauts: Datne dokumentu krātuvē nav atrodama", text)


class EnglishPackTests(PrivateMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pack = build_meeting_pack(make_meeting_no5(), language="en")

    def test_the_english_pack_uses_english_headings(self):
        reader = PdfReader(io.BytesIO(self.pack))
        titles = [item.title for item in reader.outline if not isinstance(item, list)]
        self.assertIn("Meeting pack", titles)
        self.assertIn("Minutes (draft)", titles)
        self.assertIn("MINUTES No. 5", flat("\n".join(p.extract_text() for p in reader.pages)))

    def test_with_nothing_appended_it_stays_pdf_ua(self):
        structure = PdfStructure(self.pack)
        self.assertEqual(structure.header, "%PDF-1.7")
        self.assertIn('pdfuaid:part="1"', structure.xmp)
        self.assertEqual(structure.heading_problems(), [])
        self.assertNotIn(None, structure.header_scopes)
        self.assertEqual(len(structure.tagged_pages), len(structure.reader.pages))
        self.assertNotIn("not tagged", self.pack.decode("latin-1"))


class PackWithoutRecordedMinutesTests(TestCase):
    """The meeting of 30 April 2024 as the sources know it: a date, a summary, the refresh decided there.
    Read from the pack's HTML: the PDF is rendered from it, and the tests above check the PDF itself."""

    @classmethod
    def setUpTestData(cls):
        plan = make_plan(title="Piektais plāns")
        commitment = make_commitment(plan, number=5)
        make_measure(commitment, number="5.1", status=MeasureStatus.NO_INFORMATION)
        cls.meeting = make_meeting(
            make_council(plan=plan),
            number=None,
            date=datetime.date(2024, 4, 30),
            city="",
            city_en="",
            summary="Sēdē apspriesta plāna aktualizācija.",
        )
        revision = PlanRevision.objects.create(plan=plan, title="Plāna aktualizācija", decided_at_meeting=cls.meeting)
        make_measure(
            commitment,
            title="Apmācības par augstvērtīgām datu kopām",
            added_by_revision=revision,
            status=MeasureStatus.NO_INFORMATION,
        )
        cls.html = flat(render_pack_html(cls.meeting, "lv"))

    def test_it_says_no_minutes_are_recorded_and_what_is_known(self):
        self.assertIn("Sēdes protokols (nav reģistrēts)", self.html)
        self.assertIn("Šīs sēdes protokols portālā nav reģistrēts", self.html)
        self.assertIn("Sēdē apspriesta plāna aktualizācija.", self.html)
        self.assertIn("Apmācības par augstvērtīgām datu kopām", self.html)
        self.assertNotIn("SĒDES PROTOKOLS", self.html)
        self.assertIn("<dt>Protokols</dt><dd>nav reģistrēts</dd>", self.html)

    def test_with_nothing_reported_the_summary_says_so_and_gives_no_percentages(self):
        self.assertIn("Vēl nekas nav ziņots", self.html)
        self.assertNotIn("%)", self.html.split("Plāna izpildes gaita")[1].split("Pa apņemšanām")[0])
        self.assertIn("nav zināms", self.html)
