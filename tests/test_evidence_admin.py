"""Evidence files on the progress-entry change form: attached and removed by the entry's editor while it is
editable, through commitments.evidence; read-only once submitted."""

from django.core.files.uploadedfile import SimpleUploadedFile

from commitments.models import EvidenceFile, MeasureStatus, ReviewState
from council.testing import PrivateMediaMixin
from plans.models import RoundStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_evidence, make_measure, make_plan, make_round
from tests.test_evidence_files import PDF_BYTES, macro_docx
from tests.test_workflow_admin import change_url, form_data


class EvidenceAdminTests(PrivateMediaMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan = make_plan()
        cls.measure = make_measure(make_commitment(plan=plan), responsible_institution=cls.institution)
        cls.round = make_round(plan=plan, status=RoundStatus.OPEN)
        cls.entry = make_entry(cls.measure, cls.round, review_state=ReviewState.DRAFT, status=MeasureStatus.LIMITED)

    def setUp(self):
        self.login(self.editor)

    def post_file(self, content: bytes, name: str, **changes):
        page = self.client.get(change_url(self.entry))
        data = form_data(page, change_reason="Pievienota programma", **changes)
        data["evidence_files-0-file"] = SimpleUploadedFile(name, content)
        return self.client.post(change_url(self.entry), data)

    def test_the_editor_attaches_a_file_with_the_forms_reason(self):
        response = self.post_file(PDF_BYTES, "Programma.pdf")
        self.assertEqual(response.status_code, 302)
        evidence = EvidenceFile.objects.get()
        self.assertEqual(
            (evidence.entry, evidence.original_name, evidence.uploaded_by), (self.entry, "Programma.pdf", self.editor)
        )
        self.assertEqual(evidence.history.get().history_change_reason, "Pievienota programma")

    def test_a_macro_document_is_refused_on_the_form(self):
        response = self.post_file(macro_docx(), "metodika.docx")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Biroja datnes ar makrosiem netiek pieņemtas")
        self.assertFalse(EvidenceFile.objects.exists())

    def test_the_editor_removes_a_file(self):
        evidence = make_evidence(self.entry)
        page = self.client.get(change_url(self.entry))
        data = form_data(page, change_reason="Nepareiza datne")
        data.update({"evidence_files-0-id": str(evidence.pk), "evidence_files-0-DELETE": "on"})
        self.assertEqual(self.client.post(change_url(self.entry), data).status_code, 302)
        self.assertFalse(EvidenceFile.objects.exists())

    def test_files_are_read_only_once_the_entry_is_submitted(self):
        evidence = make_evidence(self.entry, name="Programma.pdf")
        self.entry.review_state = ReviewState.SUBMITTED
        self.entry.save()
        page = self.client.get(change_url(self.entry))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'name="evidence_files-0-file"')
        self.assertNotContains(page, 'name="evidence_files-0-DELETE"')
        self.assertContains(page, f'href="{evidence.get_absolute_url()}"')
