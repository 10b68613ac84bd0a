"""Minutes PDF generated from the structured meeting, in the form of the seed's minutes No. 5."""

import datetime
import io
import re

from django.test import SimpleTestCase, TestCase
from pypdf import PdfReader

from council import formatting
from council.minutes import NoMinutesRecorded, render_minutes_html, render_minutes_pdf
from council.models import DocumentKind, MeetingStatus
from council.testing import PrivateMediaMixin, make_document, make_meeting, make_meeting_no5
from tests.pdf_structure import PdfStructure


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
    """One PDF per language, built once and shared by the tests."""

    @classmethod
    def setUpTestData(cls):
        cls.meeting = make_meeting_no5()
        make_document(cls.meeting, content=b"%PDF-1.4\n%%EOF", title="Valsts kancelejas prezentācija")
        cls.signed = make_document(
            cls.meeting, content=b"%PDF-1.4\n%%EOF", title="Parakstīts", kind=DocumentKind.MINUTES_SIGNED
        )
        cls.pdf = {language: render_minutes_pdf(cls.meeting, language) for language in ("lv", "en")}
        cls.text = {language: pdf_text(content) for language, content in cls.pdf.items()}

    def test_the_latvian_edition_follows_the_seed_minutes(self):
        assert_in_order(
            self,
            self.text["lv"],
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
                "no portāla datiem. Šis PDF nav parakstīts.",
                "Parakstītais oriģināls:",
            ],
        )

    def test_it_says_it_was_generated_and_where_the_signed_original_is_never_that_it_is_signed(self):
        flat = self.text["lv"].replace("\n", "")
        self.assertRegex(flat, r"Sagatavots 20\d\d\. gada \d+\. \w+ī no portāla datiem")  # locative
        self.assertIn(self.signed.get_absolute_url(), flat.replace(" ", ""))
        self.assertNotIn("elektronisko parakstu", self.text["lv"])
        self.assertNotIn("electronic signature", self.text["en"])

    def test_the_attachments_list_leaves_out_the_minutes_themselves(self):
        self.assertNotIn("Parakstīts\n", self.text["lv"].split("Pielikumā:")[1])

    def test_the_english_edition_uses_the_same_order(self):
        text = self.text["en"]
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
                "from the portal's data. This PDF is not signed.",
                "The signed original:",
            ],
        )
        self.assertNotIn("Padomes lēmums", text)

    def test_a_draft_is_marked_as_such(self):
        self.assertIn("PROJEKTS", self.text["lv"])

    def test_the_pdf_carries_title_and_language(self):
        reader = PdfReader(io.BytesIO(self.pdf["lv"]))
        self.assertIn("Sēdes protokols Nr. 5 (2024. gada 7. novembris)", reader.metadata.title)
        self.assertEqual(str(reader.trailer["/Root"]["/Lang"]), "lv")

    def test_it_is_a_tagged_pdf_17_whose_headings_start_at_h1_and_skip_no_level(self):
        for language, content in self.pdf.items():
            with self.subTest(language=language):
                structure = PdfStructure(content)
                self.assertEqual(structure.header, "%PDF-1.7")
                self.assertTrue(structure.has_structure_tree and structure.marked)
                self.assertEqual(structure.heading_problems(), [])
                self.assertIn('pdfuaid:part="1"', structure.xmp)
                self.assertNotIn(None, structure.header_scopes)


class MinutesWithoutSignedOriginalTests(PrivateMediaMixin, TestCase):
    def test_approved_minutes_say_no_signed_original_was_uploaded_and_where_it_will_be(self):
        meeting = make_meeting_no5()
        meeting.status = MeetingStatus.APPROVED
        meeting.save()
        html = render_minutes_html(meeting, "lv")
        self.assertIn("parakstīts oriģināls portālā nebija augšupielādēts", html)
        self.assertIn(meeting.get_absolute_url(), html)
        self.assertNotIn("elektronisko parakstu", html)

    def test_a_draft_does_not_speak_of_a_signed_original(self):
        html = render_minutes_html(make_meeting_no5(), "en")
        self.assertIn("This PDF is not signed.", html)
        self.assertNotIn("signed original", html)


class NoRecordedMinutesTests(TestCase):
    def test_a_meeting_without_an_agenda_has_no_generated_minutes(self):
        meeting = make_meeting(date=datetime.date(2024, 4, 30), number=None)
        with self.assertRaisesMessage(NoMinutesRecorded, "2024. gada 30. aprīļa sēdes protokols portālā nav"):
            render_minutes_pdf(meeting, "lv")


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
