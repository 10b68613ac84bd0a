"""Evidence files of progress entries: the checks on attach, private storage, who may download, and the
public download from the measure page once the entry is approved."""

import hashlib
import io
import zipfile
from pathlib import Path

from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.evidence import evidence_attach, evidence_remove
from commitments.models import EvidenceFile, MeasureStatus, ReviewState
from council.testing import PrivateMediaMixin, office_zip
from plans.models import RoundStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_evidence, make_measure, make_plan, make_round

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def macro_docx() -> bytes:
    buffer = io.BytesIO(office_zip("docx"))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macros")
    return buffer.getvalue()


class EvidenceCase(PrivateMediaMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan()
        commitment = make_commitment(plan=cls.plan)
        cls.measure = make_measure(commitment, responsible_institution=cls.institution, status=MeasureStatus.LIMITED)
        cls.round = make_round(plan=cls.plan, status=RoundStatus.OPEN)
        cls.entry = make_entry(cls.measure, cls.round, review_state=ReviewState.DRAFT)

    def attach(self, content: bytes, name: str, user=None, entry=None):
        return evidence_attach(
            entry=entry or self.entry, file=SimpleUploadedFile(name, content), user=user or self.editor
        )

    def stored_files(self) -> set:
        return {p for p in Path(self._private_root).rglob("*") if p.is_file()}


class EvidenceAttachTests(EvidenceCase):
    def test_it_stores_a_pdf_under_a_random_name_with_its_facts(self):
        evidence = self.attach(PDF_BYTES, "Mācību programma.pdf")
        self.assertRegex(evidence.file.name, r"^evidence/[0-9a-f]{32}\.pdf$")
        self.assertEqual(evidence.original_name, "Mācību programma.pdf")
        self.assertEqual(evidence.content_type, "application/pdf")
        self.assertEqual(evidence.size, len(PDF_BYTES))
        self.assertEqual(evidence.sha256, hashlib.sha256(PDF_BYTES).hexdigest())
        self.assertEqual(evidence.uploaded_by, self.editor)
        self.assertEqual(Path(evidence.file.path).read_bytes(), PDF_BYTES)
        self.assertTrue(Path(evidence.file.path).is_relative_to(Path(self._private_root)))

    def test_two_uploads_of_the_same_name_get_different_random_names(self):
        first, second = self.attach(PDF_BYTES, "a.pdf"), self.attach(PDF_BYTES, "a.pdf")
        self.assertNotEqual(first.file.name, second.file.name)

    def test_a_png_named_pdf_is_stored_and_named_as_a_png(self):
        evidence = self.attach(PNG_BYTES, "foto.pdf")
        self.assertTrue(evidence.file.name.endswith(".png"))
        self.assertEqual(evidence.content_type, "image/png")
        self.assertEqual(evidence.original_name, "foto.png")

    def assert_refused(self, content: bytes, name: str, code: str):
        before = self.stored_files()
        with self.assertRaises(ValidationError) as caught:
            self.attach(content, name)
        self.assertEqual(caught.exception.error_dict["file"][0].code, code)
        self.assertFalse(EvidenceFile.objects.exists())
        self.assertEqual(self.stored_files(), before)

    def test_it_refuses_a_docx_with_macros(self):
        self.assert_refused(macro_docx(), "metodika.docx", "file_macros")

    def test_it_refuses_a_pdf_with_html_named_html(self):
        self.assert_refused(PDF_BYTES[:9] + b"<html><script>alert(1)</script></html>", "page.html", "file_name")

    def test_it_refuses_html_inside_a_pdf_whatever_the_name(self):
        self.assert_refused(PDF_BYTES[:9] + b"<html><script>alert(1)</script></html>", "page.pdf", "file_html")

    def test_it_refuses_an_unknown_type(self):
        self.assert_refused(b"MZ\x90\x00" + b"\x00" * 60, "programma.pdf", "file_type")

    @override_settings(EVIDENCE_UPLOAD_MAX_BYTES=100)
    def test_it_refuses_a_file_over_the_limit(self):
        self.assert_refused(PDF_BYTES + b"%" * 200, "liels.pdf", "file_size")

    def test_another_institutions_editor_cannot_attach(self):
        with self.assertRaises(PermissionDenied):
            self.attach(PDF_BYTES, "a.pdf", user=self.other_editor)
        self.assertFalse(EvidenceFile.objects.exists())

    def test_nobody_attaches_to_a_submitted_entry(self):
        submitted = make_entry(
            make_measure(self.measure.commitment, responsible_institution=self.institution),
            self.round,
            review_state=ReviewState.SUBMITTED,
        )
        with self.assertRaises(PermissionDenied):
            self.attach(PDF_BYTES, "a.pdf", entry=submitted)

    def test_attach_and_remove_are_kept_in_the_files_history(self):
        evidence = self.attach(PDF_BYTES, "a.pdf")
        path = Path(evidence.file.path)
        with self.captureOnCommitCallbacks(execute=True):
            evidence_remove(evidence=evidence, user=self.editor, reason="Nepareiza datne")
        self.assertFalse(EvidenceFile.objects.exists())
        self.assertFalse(path.exists())
        rows = EvidenceFile.history.order_by("history_date")
        self.assertEqual(
            [(r.history_type, r.history_user, r.history_change_reason) for r in rows],
            [("+", self.editor, "Pievienota pierādījuma datne"), ("-", self.editor, "Nepareiza datne")],
        )

    def test_the_size_must_be_positive_in_the_database(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            EvidenceFile.objects.create(
                entry=self.entry,
                file="evidence/x.pdf",
                original_name="x.pdf",
                content_type="application/pdf",
                size=0,
                sha256="0" * 64,
            )


class EvidenceDownloadTests(EvidenceCase):
    def test_a_draft_file_is_404_for_the_public_and_private_for_staff(self):
        evidence = make_evidence(self.entry, content=PDF_BYTES)
        self.assertEqual(self.client.get(reverse("portal:evidence_file", kwargs={"pk": evidence.pk})).status_code, 404)
        self.login(self.editor)
        response = self.client.get(evidence.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        self.login(self.other_editor)
        self.assertEqual(self.client.get(evidence.get_absolute_url()).status_code, 404)

    def test_an_approved_entrys_file_downloads_with_safe_headers(self):
        entry = make_entry(self.measure, make_round(plan=self.plan), review_state=ReviewState.APPROVED)
        evidence = make_evidence(entry, content=PDF_BYTES, name="Mācību programma.pdf")
        response = self.client.get(reverse("portal:evidence_file", kwargs={"pk": evidence.pk}))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), PDF_BYTES)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(
            response["Content-Disposition"],
            "attachment; filename=\"Mcbu programma.pdf\"; filename*=UTF-8''M%C4%81c%C4%ABbu%20programma.pdf",
        )
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Content-Security-Policy"], "default-src 'none'; sandbox")

    def test_a_file_of_an_unpublished_plan_is_404(self):
        hidden = make_plan(is_published=False)
        measure = make_measure(make_commitment(plan=hidden), responsible_institution=self.institution)
        entry = make_entry(measure, make_round(plan=hidden), review_state=ReviewState.APPROVED)
        evidence = make_evidence(entry, content=PDF_BYTES)
        self.assertEqual(self.client.get(reverse("portal:evidence_file", kwargs={"pk": evidence.pk})).status_code, 404)


class MeasurePageEvidenceTests(EvidenceCase):
    def page(self, language="lv"):
        url = self.measure.get_absolute_url()
        return self.client.get(url if language == "lv" else f"/en{url}")

    def test_the_approved_report_lists_its_files_with_format_and_size_in_both_languages(self):
        entry = make_entry(self.measure, make_round(plan=self.plan), review_state=ReviewState.APPROVED)
        evidence = make_evidence(entry, content=PDF_BYTES, name="Programma.pdf")
        make_evidence(self.entry, content=PDF_BYTES, name="Melnraksts.pdf")
        for language, heading in (("lv", "Pierādījumu datnes"), ("en", "Evidence files")):
            with self.subTest(language=language):
                response = self.page(language)
                self.assertContains(response, heading)
                self.assertContains(response, f'href="{evidence.public_url}"')
                self.assertContains(response, "Programma.pdf</a> (PDF, ")
                self.assertNotContains(response, "Melnraksts.pdf")

    def fresh_page(self):
        for cache in caches.all():
            cache.clear()
        self.assertEqual(self.page().status_code, 200)

    def test_queries_do_not_grow_with_the_number_of_files(self):
        entry = make_entry(self.measure, make_round(plan=self.plan), review_state=ReviewState.APPROVED)
        make_evidence(entry, content=PDF_BYTES)
        self.fresh_page()  # the per-process compiled queries are built on the first visit
        with CaptureQueriesContext(connection) as one_file:
            self.fresh_page()
        for _ in range(3):
            make_evidence(entry, content=PDF_BYTES)
        with self.assertNumQueries(len(one_file)):
            self.fresh_page()
