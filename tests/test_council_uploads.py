"""Council document uploads: type by content, size limit, random names, private storage."""

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings

from council.models import DocumentKind, MeetingStatus
from council.services import document_upload
from council.storage import private_storage
from council.testing import PrivateMediaMixin, make_meeting, office_zip
from council.uploads import detect_document_type

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML_PDF = b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100


class DetectDocumentTypeTests(TestCase):
    def detect(self, content: bytes, name: str = "x"):
        return detect_document_type(SimpleUploadedFile(name, content))

    def test_it_recognises_pdf_by_its_header(self):
        self.assertEqual(self.detect(PDF_BYTES, "whatever.bin").extension, "pdf")

    def test_it_recognises_office_packages_by_their_manifest(self):
        for kind in ("docx", "xlsx", "pptx", "odt", "ods", "odp"):
            with self.subTest(kind=kind):
                # Named .pdf on purpose: the name must not matter.
                self.assertEqual(self.detect(office_zip(kind), "renamed.pdf").extension, kind)

    def test_it_rejects_an_exe_renamed_to_pdf(self):
        with self.assertRaises(ValidationError) as caught:
            self.detect(EXE_BYTES, "report.pdf")
        self.assertEqual(caught.exception.code, "file_type")

    def test_it_rejects_a_plain_zip_and_macro_enabled_documents(self):
        for kind in ("zip", "docm"):
            with self.subTest(kind=kind), self.assertRaises(ValidationError):
                self.detect(office_zip(kind), f"x.{kind}")

    def test_it_rejects_a_docx_with_macros_in_any_part(self):
        buffer = io.BytesIO(office_zip("docx"))
        with zipfile.ZipFile(buffer, "a") as archive:
            archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")
        with self.assertRaises(ValidationError) as caught:
            self.detect(buffer.getvalue(), "protokols.docx")
        self.assertEqual(caught.exception.code, "file_macros")

    def test_it_rejects_a_pdf_with_a_web_page_inside(self):
        with self.assertRaises(ValidationError) as caught:
            self.detect(HTML_PDF, "page.pdf")
        self.assertEqual(caught.exception.code, "file_html")

    def test_it_rejects_a_broken_zip(self):
        with self.assertRaises(ValidationError):
            self.detect(b"PK\x03\x04" + b"\x00" * 40, "x.docx")


class DocumentUploadTests(PrivateMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.meeting = make_meeting(status=MeetingStatus.DRAFT)

    def upload(self, content: bytes, name: str, **kw):
        return document_upload(
            meeting=self.meeting,
            kind=kw.pop("kind", DocumentKind.MATERIAL),
            title=kw.pop("title", "Materiāls"),
            file=SimpleUploadedFile(name, content, content_type="application/pdf"),
            user=None,
            **kw,
        )

    def test_it_stores_pdf_under_a_random_name_and_records_what_it_is(self):
        doc = self.upload(PDF_BYTES, "Prezentācija 7.11.pdf")
        self.assertEqual(doc.original_name, "Prezentācija 7.11.pdf")
        self.assertEqual(doc.content_type, "application/pdf")
        self.assertEqual(doc.size, len(PDF_BYTES))
        self.assertRegex(doc.file.name, r"^council/[0-9a-f]{32}\.pdf$")
        self.assertEqual(Path(doc.file.path).read_bytes(), PDF_BYTES)

    def test_it_names_the_stored_file_after_the_content_not_the_upload(self):
        doc = self.upload(office_zip("xlsx"), "tabula.pdf")
        self.assertTrue(doc.file.name.endswith(".xlsx"))
        self.assertEqual(doc.format_label, "XLSX")

    def test_it_rejects_a_renamed_exe_and_stores_nothing(self):
        before = set(Path(self._private_root).rglob("*"))
        with self.assertRaises(ValidationError) as caught:
            self.upload(EXE_BYTES, "protokols.pdf")
        self.assertIn("file", caught.exception.message_dict)
        self.assertFalse(self.meeting.documents.exists())
        self.assertEqual(set(Path(self._private_root).rglob("*")), before)

    def test_it_rejects_a_pdf_named_html_and_stores_nothing(self):
        before = set(Path(self._private_root).rglob("*"))
        for content in (PDF_BYTES, HTML_PDF):
            with self.subTest(content=content[:12]), self.assertRaises(ValidationError) as caught:
                self.upload(content, "page.html")
            self.assertIn("file", caught.exception.message_dict)
        self.assertFalse(self.meeting.documents.exists())
        self.assertEqual(set(Path(self._private_root).rglob("*")), before)

    @override_settings(COUNCIL_UPLOAD_MAX_BYTES=1000)
    def test_it_rejects_an_oversize_file(self):
        with self.assertRaises(ValidationError) as caught:
            self.upload(PDF_BYTES + b"%" * 2000, "liels.pdf")
        self.assertEqual(caught.exception.error_dict["file"][0].code, "file_size")
        self.assertFalse(self.meeting.documents.exists())

    def test_the_default_size_limit_is_20_mb(self):
        self.assertEqual(settings.COUNCIL_UPLOAD_MAX_BYTES, 20 * 1024 * 1024)

    def test_files_live_outside_media_root_and_have_no_url(self):
        doc = self.upload(PDF_BYTES, "a.pdf")
        path = Path(doc.file.path).resolve()
        self.assertTrue(path.is_relative_to(Path(self._private_root).resolve()))
        self.assertFalse(path.is_relative_to(Path(settings.MEDIA_ROOT).resolve()))
        with self.assertRaises(ValueError):
            private_storage().url(doc.file.name)

    def test_the_default_private_root_is_not_inside_media_root(self):
        with override_settings(PRIVATE_MEDIA_ROOT=None):
            root = private_storage().location
        self.assertFalse(Path(root).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()))
        self.assertFalse(
            Path(settings.PRIVATE_MEDIA_ROOT).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
        )

    def test_signed_minutes_must_be_a_pdf_and_need_approved_minutes(self):
        with self.assertRaises(ValidationError) as caught:
            self.upload(PDF_BYTES, "parakstits.pdf", kind=DocumentKind.MINUTES_SIGNED)
        self.assertEqual(caught.exception.code, "not_approved")
        self.meeting.status = MeetingStatus.APPROVED
        self.meeting.save()
        with self.assertRaises(ValidationError):
            self.upload(office_zip("docx"), "parakstits.docx", kind=DocumentKind.MINUTES_SIGNED)
        self.assertFalse(self.meeting.documents.exists())
