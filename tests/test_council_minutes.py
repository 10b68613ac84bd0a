"""Minutes PDF generated from the structured meeting, in the form of the seed's minutes No. 5."""

import datetime
import io
import re

from django.test import SimpleTestCase, TestCase
from pypdf import PdfReader

from council import formatting
from council.minutes import render_minutes_pdf
from council.models import DocumentKind
from council.testing import PrivateMediaMixin, make_document, make_meeting_no5


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"[ \t\u00a0]+", " ", text)


def assert_in_order(test, text: str, parts: list[str]):
    position = -1
    for part in parts:
        found = text.find(part, position + 1)
        test.assertNotEqual(found, -1, f"{part!r} missing after position {position} in:\n{text}")
        position = found


class MinutesPdfTests(PrivateMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.meeting = make_meeting_no5()
        make_document(cls.meeting, content=b"%PDF-1.4\n%%EOF", title="Valsts kancelejas prezentācija")
        make_document(cls.meeting, content=b"%PDF-1.4\n%%EOF", title="Parakstīts", kind=DocumentKind.MINUTES_SIGNED)

    def test_the_latvian_edition_follows_the_seed_minutes(self):
        text = pdf_text(render_minutes_pdf(self.meeting, "lv"))
        assert_in_order(
            self,
            text,
            [
                "uzraudzības padome",
                "SĒDES PROTOKOLS Nr. 5",
                "Rīgā",
                "2024. gada 7. novembrī",
                "Sēde notika: plkst. 13.00 – 14.30",
                "Norises vieta: Valsts kancelejas Bibliotēka",
                "Sēdi vada:",
                "I. Lībķena – Valsts kancelejas direktora vietniece",
                "Sēdē piedalās padomes locekļi un to pārstāvji:",
                "I. Kušķe – Valsts kancelejas",
                "L. Stafecka – biedrības",
                "Sēdē piedalās citi dalībnieki:",
                "V. Sidorenkovs – Valsts kancelejas Juridiskā",
                "I. Lībķena iepazīstina ar darba kārtību:",
                "1. Latvijas veiksmes stāsti",
                "4. Nākamā atvērtās pārvaldības",
                # then each item with its discussion and decision
                "1. Latvijas veiksmes stāsti",
                "V. Sidorenkovs iepazīstina",
                "Padomes lēmums: Pieņemt zināšanai V. Sidorenkova",
                "2. Atvērtās pārvaldības",
                "Padomes lēmums:",
                "3. Atvērtās pārvaldības",
                "Padomes lēmums:",
                "4. Nākamā atvērtās pārvaldības",
                "Padomes lēmums: Sniegto informāciju ņemt vērā",
                "Nākamā uzraudzības padomes sēde plānota 2025. gada pavasarī.",
                "Pielikumā:",
                "Valsts kancelejas prezentācija",
                "Dokuments ir parakstīts ar drošu elektronisko parakstu",
            ],
        )

    def test_the_attachments_list_leaves_out_the_minutes_themselves(self):
        text = pdf_text(render_minutes_pdf(self.meeting, "lv"))
        self.assertNotIn("Parakstīts\n", text.split("Pielikumā:")[1])

    def test_the_english_edition_uses_the_same_order(self):
        text = pdf_text(render_minutes_pdf(self.meeting, "en"))
        assert_in_order(
            self,
            text,
            [
                "MINUTES No. 5",
                "Riga",
                "7 November 2024",
                "Meeting held: 13:00–14:30",
                "Venue: State Chancellery Library",
                "Chaired by:",
                "Council members and their representatives present:",
                "Other participants present:",
                "I. Lībķena presents the agenda:",
                "Council decision:",
                "The next meeting of the supervisory council is planned for spring 2025.",
                "Attachments:",
                "The document is signed with a secure electronic signature",
            ],
        )
        self.assertNotIn("Padomes lēmums", text)

    def test_a_draft_is_marked_as_such(self):
        self.assertIn("PROJEKTS", pdf_text(render_minutes_pdf(self.meeting, "lv")))

    def test_the_pdf_carries_title_and_language(self):
        reader = PdfReader(io.BytesIO(render_minutes_pdf(self.meeting, "lv")))
        self.assertIn("Sēdes protokols Nr. 5", reader.metadata.title)
        self.assertEqual(str(reader.trailer["/Root"]["/Lang"]), "lv")


class MinutesFormattingTests(SimpleTestCase):
    def test_dates_in_the_minutes_form(self):
        date = datetime.date(2024, 11, 7)
        self.assertEqual(formatting.minutes_date(date, "lv"), "2024. gada 7. novembrī")
        self.assertEqual(formatting.minutes_date(date, "en"), "7 November 2024")
        self.assertEqual(formatting.long_date(date, "lv"), "2024. gada 7. novembris")

    def test_time_ranges(self):
        start, end = datetime.time(13, 0), datetime.time(14, 30)
        self.assertEqual(formatting.time_range(start, end, "lv"), "plkst. 13.00 – 14.30")
        self.assertEqual(formatting.time_range(start, end, "en"), "13:00–14:30")
        self.assertEqual(formatting.time_range(None, end, "lv"), "")

    def test_city_in_the_locative(self):
        cases = {"Rīga": "Rīgā", "Cēsis": "Cēsīs", "Ventspils": "Ventspilī", "Ogre": "Ogrē", "Talsi": "Talsos"}
        for city, expected in cases.items():
            with self.subTest(city=city):
                self.assertEqual(formatting.city_locative(city), expected)

    def test_a_position_that_names_the_institution_in_the_genitive_counts_as_naming_it(self):
        self.assertTrue(formatting.institution_mentioned("Valsts kancelejas konsultante", "Valsts kanceleja"))
        self.assertFalse(formatting.institution_mentioned("konsultante", "Valsts kanceleja"))
