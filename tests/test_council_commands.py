"""build_minutes and build_meeting_pack, and the real meeting No. 5 once the real data is loaded."""

import datetime
import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.utils import translation
from pypdf import PdfReader

from commitments.models import Measure
from council.models import AgendaItem, Meeting
from council.testing import PrivateMediaMixin, make_council, make_meeting, make_meeting_no5

REAL_DATA_COMMAND = Path(__file__).resolve().parents[1] / "sourcedata" / "management" / "commands" / "load_real_data.py"


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


class CommandTests(PrivateMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.meeting = make_meeting_no5()
        cls.tmp = Path(tempfile.mkdtemp(prefix="council-cmd-"))

    def test_build_minutes_writes_the_english_edition_for_meeting_number_5(self):
        output = self.tmp / "minutes-en.pdf"
        message = run("build_minutes", "5", "--lang", "en", "--output", str(output))
        self.assertIn(str(output), message)
        self.assertIn("MINUTES No. 5", pdf_text(output))

    def test_build_meeting_pack_accepts_a_primary_key(self):
        output = self.tmp / "pack.pdf"
        run("build_meeting_pack", f"id:{self.meeting.pk}", "--output", str(output))
        self.assertIn("Sēdes materiāli", pdf_text(output))

    def test_an_ambiguous_or_unknown_meeting_is_a_clear_error(self):
        other = make_meeting(make_council(name="Cita padome"), number=5)
        AgendaItem.objects.create(meeting=other, order=1, title="Darba kārtības punkts")
        with self.assertRaisesMessage(CommandError, "Several councils"):
            run("build_minutes", "5", "--output", str(self.tmp / "x.pdf"))
        run("build_minutes", f"{other.council_id}-5", "--output", str(self.tmp / "x.pdf"))
        with self.assertRaisesMessage(CommandError, "No meeting has number 99"):
            run("build_minutes", "99", "--output", str(self.tmp / "x.pdf"))
        with self.assertRaises(CommandError):
            run("build_minutes", "nr5", "--output", str(self.tmp / "x.pdf"))

    def test_minutes_of_a_meeting_without_recorded_content_are_refused_with_the_reason(self):
        empty = make_meeting(number=None, date=datetime.date(2024, 4, 30))
        output = self.tmp / "empty.pdf"
        with self.assertRaisesMessage(CommandError, "2024. gada 30. aprīļa sēdes protokols portālā nav reģistrēts"):
            run("build_minutes", f"id:{empty.pk}", "--output", str(output))
        self.assertFalse(output.exists())


class RealMeetingNo5PackTests(PrivateMediaMixin, TestCase):
    """The pack of the real meeting No. 5, from the data in fixtures/."""

    @classmethod
    def setUpClass(cls):
        if not REAL_DATA_COMMAND.exists():
            raise __import__("unittest").SkipTest("load_real_data is not there yet")
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        run("load_real_data")
        cls.meeting = Meeting.objects.get(number=5)
        cls.output = Path(tempfile.mkdtemp(prefix="council-real-")) / "pack-5.pdf"
        run("build_meeting_pack", "5", "--output", str(cls.output))
        cls.text = pdf_text(cls.output)

    def test_it_holds_the_real_agenda_and_attendees(self):
        for item in self.meeting.agenda_items.all():
            self.assertIn(" ".join(item.title.split()), self.text)
        for attendance in self.meeting.attendance.all():
            self.assertIn(attendance.person_name, self.text)

    def test_it_shows_the_status_of_measures_1_1_and_3_5(self):
        section = self.text[self.text.index("Darba kārtībā minētie pasākumi", self.text.index("Saturs") + 200) :]
        for number in ("1.1", "3.5"):
            measure = Measure.objects.get(plan=self.meeting.council.plan, number=number)
            with translation.override("lv"):
                label = measure.get_status_display()
            row = section[section.index(f"{number} ") :]
            self.assertIn(label, row[:400], f"status of {number}")
