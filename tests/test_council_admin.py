"""Council in the admin: pack and minutes actions, lifecycle actions, upload checks, private file links."""

import datetime
import io
import zipfile

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from council.models import AgendaItem, DocumentKind, MeetingDocument, MeetingStatus
from council.testing import PrivateMediaMixin, make_document, make_meeting, make_meeting_no5
from tests.base import BaseTestCase

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def text_of(content: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages)


class MeetingAdminActionTests(PrivateMediaMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.meeting = make_meeting_no5()
        cls.changelist = reverse("admin:council_meeting_changelist")

    def setUp(self):
        self.login(self.superuser)

    def act(self, action, *meetings):
        return self.client.post(
            self.changelist, {"action": action, "_selected_action": [m.pk for m in meetings or [self.meeting]]}
        )

    def test_build_meeting_pack_downloads_one_pdf(self):
        response = self.act("build_meeting_pack_action")
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn("sedes-materiali-5.pdf", response["Content-Disposition"])
        self.assertIn("Sēdes materiāli", text_of(response.content))

    def test_build_minutes_for_several_meetings_downloads_a_zip(self):
        other = make_meeting(self.meeting.council, number=6, status=MeetingStatus.DRAFT)
        AgendaItem.objects.create(meeting=other, order=1, title="Darba kārtības punkts")
        response = self.act("build_minutes_action", self.meeting, other)
        self.assertEqual(response["Content-Type"], "application/zip")
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            names = sorted(archive.namelist())
            self.assertEqual(names, ["protokols-5-lv.pdf", "protokols-6-lv.pdf"])
            self.assertIn("SĒDES PROTOKOLS Nr. 5", text_of(archive.read("protokols-5-lv.pdf")))

    def test_a_meeting_without_recorded_minutes_gets_none_and_a_message(self):
        empty = make_meeting(self.meeting.council, number=7, date=datetime.date(2024, 4, 30))
        response = self.act("build_minutes_action", empty)
        self.assertRedirects(response, self.changelist, fetch_redirect_response=False)
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertEqual(len(messages), 1)
        self.assertIn("protokols nav reģistrēts", messages[0])
        response = self.act("build_minutes_action", empty, self.meeting)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn("protokols-5-lv.pdf", response["Content-Disposition"])

    def test_approve_then_publish(self):
        self.act("approve_minutes_action")
        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.status, MeetingStatus.APPROVED)
        self.assertEqual(self.meeting.documents.filter(kind=DocumentKind.MINUTES_GENERATED).count(), 2)
        self.act("publish_meeting_action")
        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.status, MeetingStatus.PUBLISHED)

    def test_publishing_a_draft_is_refused_with_a_message(self):
        response = self.act("publish_meeting_action")
        self.assertEqual(response.status_code, 302)
        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.status, MeetingStatus.DRAFT)


class MeetingDocumentAdminTests(PrivateMediaMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.meeting = make_meeting(status=MeetingStatus.DRAFT)

    def setUp(self):
        self.login(self.superuser)

    def add(self, content: bytes, name: str):
        return self.client.post(
            reverse("admin:council_meetingdocument_add"),
            {
                "meeting": self.meeting.pk,
                "kind": DocumentKind.MATERIAL,
                "language": "",
                "title_lv": "Materiāls",
                "title_en": "",
                "file": SimpleUploadedFile(name, content),
                "is_public": "",
                "_change_reason": "Augšupielāde",
                "change_reason": "Augšupielāde",
            },
        )

    def test_a_renamed_exe_is_refused_and_nothing_is_stored(self):
        response = self.add(EXE_BYTES, "protokols.pdf")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Šāds datnes veids netiek pieņemts", status_code=200)
        self.assertFalse(MeetingDocument.objects.exists())

    def test_a_pdf_is_stored_with_its_facts(self):
        response = self.add(PDF_BYTES, "prezentacija.pdf")
        self.assertEqual(
            response.status_code, 302, getattr(response, "context", None) and response.context.get("errors")
        )
        doc = MeetingDocument.objects.get()
        self.assertEqual(
            (doc.original_name, doc.content_type, doc.size), ("prezentacija.pdf", "application/pdf", len(PDF_BYTES))
        )
        self.assertEqual(doc.uploaded_by, self.superuser)

    def test_the_change_page_links_the_file_through_the_checked_view(self):
        doc = make_document(self.meeting, content=PDF_BYTES)
        response = self.client.get(reverse("admin:council_meeting_change", args=[self.meeting.pk]))
        self.assertContains(response, doc.get_absolute_url())
        self.assertNotContains(response, "/media/council/")
        response = self.client.get(reverse("admin:council_meetingdocument_change", args=[doc.pk]))
        self.assertContains(response, doc.get_absolute_url())


class MeetingStatusReadOnlyTests(BaseTestCase):
    def test_status_cannot_be_edited_in_the_meeting_form(self):
        self.login(self.superuser)
        meeting = make_meeting()
        response = self.client.get(reverse("admin:council_meeting_change", args=[meeting.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="status"')
