"""The report PDF: content, languages, metadata, escaping (a few PDFs built once per class)."""

import datetime
import io
import re
from decimal import Decimal

from django.test import TestCase
from django.utils import translation
from pypdf import PdfReader

from commitments.models import MeasureStatus, ReviewState
from consultations.models import Consultation, Proposal, ProposalOutcome
from institutions.models import InstitutionName
from plans.models import FundingAmount, FundingSource, PlanRevision
from reports.models import ReportKind
from reports.rendering import render_report
from tests.factories import make_commitment, make_entry, make_institution, make_measure, make_plan, make_round
from tests.pdf_structure import heading_levels, section_titles, struct_elements, xmp
from tests.report_history import all_history_on, change_on, latest_history_on

XSS_TITLE = '<img src="file:///etc/passwd">'
AS_OF = datetime.date(2024, 3, 31)
FINAL_AS_OF = datetime.date(2026, 6, 30)


def build_sample_plan():
    """A small plan with every part a report prints; returns a dict of the interesting objects."""
    vk = make_institution(name="Valsts kanceleja", name_en="State Chancellery", abbreviation="VK")
    varam = make_institution(
        name="Viedās administrācijas un reģionālās attīstības ministrija",
        name_en="Ministry of Smart Administration and Regional Development",
        abbreviation="VARAM",
    )
    InstitutionName.objects.create(
        institution=varam,
        name="Vides aizsardzības un reģionālās attīstības ministrija",
        name_en="Ministry of Environmental Protection and Regional Development",
        abbreviation="VARAM",
        valid_until=datetime.date(2024, 7, 1),
    )
    plan = make_plan(
        title="Piektais nacionālais atvērtās pārvaldības rīcības plāns",
        title_en="Fifth national open government action plan",
        short_name="Piektais plāns",
        short_name_en="Fifth plan",
        coordinator=vk,
    )
    r1 = make_round(
        plan=plan,
        title="2022.–2023. gads",
        title_en="2022–2023",
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2023, 12, 31),
        deadline=datetime.date(2024, 3, 1),
    )
    r2 = make_round(
        plan=plan,
        title="2024.–2025. gads",
        title_en="2024–2025",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        deadline=datetime.date(2026, 3, 1),
    )
    revision = PlanRevision.objects.create(
        plan=plan,
        title="Plāna aktualizācija",
        title_en="Plan refresh",
        description="Plānu papildina ar pasākumiem.",
        description_en="Measures are added to the plan.",
        decided_on=datetime.date(2024, 3, 1),
    )
    source = FundingSource.objects.create(
        plan=plan, programme="Valsts budžets", programme_en="State budget", title="Prioritārais pasākums", code="P1"
    )
    FundingAmount.objects.create(source=source, year=2024, amount=Decimal("117000"))

    c1 = make_commitment(
        plan=plan,
        number=1,
        title="Stiprināt sabiedrības līdzdalības ietvaru",
        title_en="Strengthening the public participation framework",
        ogp_id="LV0046",
        irm_verifiable="yes",
        irm_ambition="high",
    )
    c1.lead_institutions.add(vk)
    c2 = make_commitment(
        plan=plan,
        number=2,
        title="Veicināt datu pieejamību",
        title_en="Promoting data accessibility",
        special_attention=True,
    )
    m11 = make_measure(
        c1,
        number="1.1",
        title="Ietvara dokuments par līdzdalību",
        title_en="Framework document on participation",
        status=MeasureStatus.NO_INFORMATION,
        responsible_institution=vk,
        due_date=datetime.date(2023, 6, 30),
        internal_note="IEKŠĒJĀ PIEZĪME",
    )
    m11.funding_sources.add(source)
    m12 = make_measure(
        c1,
        number="1.2",
        title=XSS_TITLE,
        title_en=XSS_TITLE,
        status=MeasureStatus.COMPLETE,
        responsible_institution=varam,
    )
    m21 = make_measure(
        c2,
        number="2.1",
        title="Apmācības par augstvērtīgām datu kopām",
        title_en="Training on high-value datasets",
        status=MeasureStatus.NOT_STARTED,
        responsible_institution=varam,
        added_by_revision=revision,
        due_date=datetime.date(2025, 12, 31),
    )
    first = make_entry(
        m11,
        r1,
        status=MeasureStatus.LIMITED,
        narrative="Darba grupa sanāca četras reizes.",
        narrative_en="The working group met four times.",
        evidence_links="https://example.org/protokols\njavascript:alert(1)",
        challenges="Trūka resursu.",
        challenges_en="Resources were short.",
    )
    # Not approved, and in a round the as-of date does not cover: neither may print.
    make_entry(m12, r1, status=MeasureStatus.COMPLETE, narrative="MELNRAKSTS", review_state=ReviewState.SUBMITTED)
    second = make_entry(m11, r2, status=MeasureStatus.COMPLETE, narrative="NĀKOTNES KĀRTA")
    consultation = Consultation.objects.create(
        plan=plan,
        revision=revision,
        title="Aktualizācijas apspriešana",
        title_en="Consultation on the refresh",
        period_start=datetime.date(2024, 2, 1),
        period_end=datetime.date(2024, 2, 15),
    )
    proposal = Proposal.objects.create(
        consultation=consultation,
        order=1,
        author_institution=varam,
        essence="Papildināt ar datu kopām.",
        response="Ņemts vērā.",
        outcome=ProposalOutcome.ACCEPTED,
    )
    proposal.measures.add(m21)
    # The story in the history: everything recorded when the plan was approved, then 1.1's reports
    # approved (and its status taken from them) in March 2024 and January 2026.
    all_history_on(datetime.date(2022, 2, 10))
    latest_history_on(first, datetime.date(2024, 3, 15))
    change_on(m11, datetime.date(2024, 3, 15), status=MeasureStatus.LIMITED)
    latest_history_on(second, datetime.date(2026, 1, 15))
    change_on(m11, datetime.date(2026, 1, 15), status=MeasureStatus.COMPLETE)
    return {"plan": plan, "varam": varam, "m11": m11, "m12": m12, "m21": m21, "c1": c1, "c2": c2}


def chapter(text: str, title: str, next_title: str) -> str:
    """A chapter's text: from its heading (after the table of contents) to the next chapter's heading."""
    start = text.index(title, text.index(title) + 1)
    return " ".join(text[start : text.index(next_title, text.index(next_title) + 1)].split())


def lv_label(status) -> str:
    with translation.override("lv"):
        return str(status.label)


def pdf_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


MIDTERM_SECTIONS = [
    "Saturs",
    "1. Kopsavilkums",
    "2. Līdzrade un līdzdalība līdz šim",
    "3. Uzraudzības padomes darbs",
    "4. Apņemšanos un pasākumu progress",
    "5. Ko nolēma plāna aktualizācijā",
    "6. Pielikumi",
]
FINAL_SECTIONS = [
    "Saturs",
    "1. Kopsavilkums",
    "2. Apņemšanos izpilde",
    "3. Apņemšanās: rezultāti, gūtās atziņas un vai tās atvēra pārvaldību",
    "4. Plāna aktualizācijā pievienoto pasākumu izpilde",
    "5. Līdzdalība plāna īstenošanas laikā",
    "6. Finansējums",
    "7. Kas pāriet uz nākamo plānu",
    "8. Pielikumi",
]


class ProgressReportPdfTests(TestCase):
    """The mid-term report in Latvian, the end-of-term report in Latvian and English: three PDFs, built once."""

    @classmethod
    def setUpTestData(cls):
        cls.objs = build_sample_plan()
        plan = cls.objs["plan"]
        cls.lv = render_report(plan=plan, kind=ReportKind.MIDTERM, language="lv", as_of=AS_OF)
        cls.final = render_report(plan=plan, kind=ReportKind.FINAL, language="lv", as_of=FINAL_AS_OF)
        cls.en = render_report(plan=plan, kind=ReportKind.FINAL, language="en", as_of=FINAL_AS_OF)
        cls.lv_pages = pdf_text(cls.lv.pdf)
        cls.lv_text = "\n".join(cls.lv_pages)
        cls.final_text = "\n".join(pdf_text(cls.final.pdf))
        cls.en_pages = pdf_text(cls.en.pdf)
        cls.en_text = "\n".join(cls.en_pages)
        cls.readers = {name: PdfReader(io.BytesIO(r.pdf)) for name, r in (("midterm", cls.lv), ("final", cls.final))}
        cls.readers["final-en"] = PdfReader(io.BytesIO(cls.en.pdf))

    def test_mid_term_and_end_of_term_reports_have_their_own_sections(self):
        self.assertEqual(section_titles(self.readers["midterm"]), MIDTERM_SECTIONS)
        self.assertEqual(section_titles(self.readers["final"]), FINAL_SECTIONS)
        self.assertNotEqual(MIDTERM_SECTIONS[1:], FINAL_SECTIONS[1 : len(MIDTERM_SECTIONS)])

    def test_it_prints_commitment_titles_measure_numbers_and_statuses(self):
        for needle in [
            "Stiprināt sabiedrības līdzdalības ietvaru",
            "Veicināt datu pieejamību",
            "1.1. Ietvara dokuments par līdzdalību",
            "2.1. Apmācības par augstvērtīgām datu kopām",
            # 1.1 as its status stood on the data date (the report approved in March 2024).
            f"Statuss: {lv_label(MeasureStatus.LIMITED)}",
            f"Statuss: {lv_label(MeasureStatus.NOT_STARTED)}",
        ]:
            self.assertIn(needle, self.lv_text)

    def test_statuses_and_reports_are_those_of_the_data_date(self):
        # Approved in January 2026: not in the mid-term report as of March 2024, in the end-of-term one.
        self.assertNotIn("NĀKOTNES KĀRTA", self.lv_text)
        self.assertIn("NĀKOTNES KĀRTA", self.final_text)
        self.assertIn("Aptvertās atskaites kārtas 2022.–2023. gads\n", self.lv_text)
        self.assertIn("2022.–2023. gads; 2024.–2025. gads", self.final_text)

    def test_english_edition_uses_english_content_labels_and_title(self):
        self.assertIn("Strengthening the public participation framework", self.en_text)
        self.assertIn("Status: Complete", self.en_text)
        self.assertIn("The working group met four times.", self.en_text)
        self.assertIn("Final report", self.en_text)
        self.assertNotIn("Nobeiguma ziņojums", self.en_text)
        self.assertTrue(self.readers["final-en"].metadata.title.startswith("Fifth national open government"))

    def test_latvian_letters_survive_as_text(self):
        self.assertIn("Vidusposma ziņojums", self.lv_text)
        self.assertIn("Apmācības par augstvērtīgām datu kopām", self.lv_text)

    def test_it_prints_only_approved_entries_of_the_covered_rounds(self):
        self.assertIn("Darba grupa sanāca četras reizes.", self.lv_text)
        self.assertIn("Trūka resursu.", self.lv_text)
        self.assertIn("https://example.org/protokols", self.lv_text)
        self.assertNotIn("MELNRAKSTS", self.lv_text + self.final_text)

    def test_it_never_prints_the_internal_note(self):
        self.assertNotIn("IEKŠĒJĀ PIEZĪME", self.lv_text + self.final_text)

    def test_user_text_prints_as_text_not_markup(self):
        self.assertIn(XSS_TITLE, self.lv_text)

    def test_institutions_carry_the_name_of_the_as_of_date(self):
        self.assertIn("Vides aizsardzības un reģionālās attīstības ministrija", self.lv_text)
        self.assertNotIn("Viedās administrācijas", self.lv_text)
        self.assertIn("Viedās administrācijas", self.final_text)

    def test_the_summary_says_what_is_known(self):
        summary = chapter(self.lv_text, "1. Kopsavilkums", "2. Līdzrade")
        self.assertIn("Ar ziņotu statusu 3 no 3", summary)
        self.assertIn("Ar izpildes termiņu 2", summary)
        self.assertIn("Izpildes termiņš nav zināms 1", summary)
        # 1.1 was due on 30 June 2023 and only partly done: overdue, listed with its number.
        self.assertIn("Nokavēts 1 no 2 ar izpildes termiņu", summary)
        self.assertIn("Augsta izpilde (lielā mērā īstenoti vai īstenoti, OGP) 33% (1 no 3 ar ziņotu statusu)", summary)

    def test_the_refresh_chapter_lists_what_it_added_and_special_attention(self):
        text = chapter(self.lv_text, "5. Ko nolēma plāna aktualizācijā", "6. Pielikumi")
        self.assertIn("Plāna aktualizācija Lemts 2024. gada 1. marts", text)
        # 2.1 is special (its commitment is) and added by the refresh.
        self.assertIn("2.1. Apmācības", text)
        self.assertIn("Pievienots plāna aktualizācijā", self.lv_text)

    def test_the_end_of_term_report_names_what_it_lacks(self):
        text = " ".join(self.final_text.split())
        self.assertIn("Vai tā atvēra pārvaldību?", text)
        self.assertIn("IRM rezultātu ziņojuma vērtējums", text)
        self.assertIn("Gūtās atziņas nav reģistrētas", text)  # commitment 2: no challenges reported
        self.assertIn("cik no tā izlietots, portālā nav reģistrēts", text)
        self.assertIn("Portālā nākamā plāna nav.", text)

    def test_it_has_the_annexes(self):
        self.assertIn("Papildināt ar datu kopām.", self.lv_text)
        self.assertIn("Ņemts vērā.", self.lv_text)
        self.assertIn("Statusu skaidrojums", self.lv_text)
        self.assertIn("117 000 EUR", self.final_text)
        self.assertIn("EUR 117,000", self.en_text)

    def test_every_page_after_the_cover_has_an_n_of_m_footer(self):
        total = len(self.lv_pages)
        self.assertEqual(total, self.lv.pages)
        self.assertGreater(total, 4)
        self.assertNotIn(f"1 no {total}", self.lv_pages[0])
        for number, text in enumerate(self.lv_pages[1:], start=2):
            self.assertIn(f"{number} no {total}", text)
        self.assertIn(f"2 of {len(self.en_pages)}", self.en_pages[1])

    def test_table_of_contents_gives_the_page_each_chapter_starts_on(self):
        toc = self.lv_pages[1]
        for heading in ["1. Kopsavilkums", "4. Apņemšanos un pasākumu progress", "6. Pielikumi"]:
            match = re.search(re.escape(heading) + r"[ .]*?(\d+)\s*$", toc, re.MULTILINE)
            self.assertIsNotNone(match, heading)
            page = int(match.group(1))
            self.assertIn(heading, self.lv_pages[page - 1])

    def test_headings_start_at_h1_and_never_skip_a_level(self):
        for name, reader in self.readers.items():
            with self.subTest(name):
                levels = heading_levels(reader)
                self.assertEqual(levels[0], 1)
                self.assertTrue(all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels)
                self.assertIn(4, levels)  # deep enough to mean something: chapter, commitment, measure, entry

    def test_every_table_header_cell_has_a_scope(self):
        for name, reader in self.readers.items():
            with self.subTest(name):
                headers = [attrs for tag, attrs in struct_elements(reader) if tag == "/TH"]
                self.assertGreater(len(headers), 10)
                scopes = {str(attrs.get("/Scope")) for attrs in headers}
                self.assertEqual(scopes, {"/Column", "/Row"})

    def test_metadata_title_language_author_and_tags(self):
        for rendered, lang in ((self.lv, "lv"), (self.en, "en")):
            reader = PdfReader(io.BytesIO(rendered.pdf))
            self.assertEqual(reader.metadata.title, rendered.title)
            self.assertIn(self.objs["plan"].title if lang == "lv" else "Fifth national", reader.metadata.title)
            self.assertIn("Valsts kanceleja" if lang == "lv" else "State Chancellery", reader.metadata.author)
            root = reader.trailer["/Root"]
            self.assertEqual(root["/Lang"], lang)
            self.assertTrue(root["/MarkInfo"]["/Marked"])
            self.assertIn("/StructTreeRoot", root)
            self.assertIn(b"pdfuaid", xmp(reader))
            self.assertIn(
                f"<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>".encode(), xmp(reader)
            )


class RefreshReportPdfTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.objs = build_sample_plan()
        rendered = render_report(plan=cls.objs["plan"], kind=ReportKind.REFRESH, language="lv", as_of=AS_OF)
        cls.reader = PdfReader(io.BytesIO(rendered.pdf))
        cls.text = "\n".join(page.extract_text() for page in cls.reader.pages)

    def test_it_follows_the_addendum_structure(self):
        for needle in [
            "Informācija par plāna aktualizāciju",
            "1. Par plāna aktualizācijas nepieciešamību",
            "2. Plāna papildinājumi un tālākā rīcība",
            "3. Plāna papildinājumu apspriešana",
            "4. Plāna papildinājumu izpildes uzraudzība",
        ]:
            self.assertIn(needle, self.text)

    def test_it_lists_the_added_measures_the_special_attention_list_and_the_proposals(self):
        self.assertIn("Plānu papildina ar pasākumiem.", self.text)
        self.assertIn("2.1. Apmācības par augstvērtīgām datu kopām", self.text)
        self.assertIn("Papildināt ar datu kopām.", self.text)
        self.assertIn("Ņemts vērā.", self.text)
        self.assertIn("2024.–2025. gads", self.text)  # the round still to come, under monitoring

    def test_headings_start_at_h1_and_never_skip_a_level(self):
        levels = heading_levels(self.reader)
        self.assertEqual(levels[0], 1)
        self.assertTrue(all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels)
