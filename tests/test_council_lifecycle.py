"""Minutes lifecycle: approve (generated minutes stored), publish, signed minutes replace the generated ones."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from council.models import DocumentKind, MeetingStatus
from council.services import document_upload, meeting_approve_minutes, meeting_publish
from council.testing import PrivateMediaMixin, make_meeting_no5, simple_pdf
from tests.base import BaseTestCase


class MinutesLifecycleTests(PrivateMediaMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.signed_pdf = simple_pdf("Parakstīts protokols")

    def setUp(self):
        self.meeting = make_meeting_no5()

    def approve(self):
        return meeting_approve_minutes(meeting=self.meeting, user=self.coordinator, reason="Apstiprināts e-pastā")

    def upload_signed(self, meeting=None):
        return document_upload(
            meeting=meeting or self.meeting,
            kind=DocumentKind.MINUTES_SIGNED,
            title="Sēdes protokols Nr. 5 (parakstīts)",
            file=SimpleUploadedFile("protokols_nr5_parakstits.pdf", self.signed_pdf),
            user=self.coordinator,
        )

    def test_approving_stores_the_generated_minutes_in_both_languages(self):
        meeting = self.approve()
        self.assertEqual(meeting.status, MeetingStatus.APPROVED)
        self.assertEqual(meeting.minutes_approved_by, self.coordinator)
        generated = meeting.documents.filter(kind=DocumentKind.MINUTES_GENERATED)
        self.assertEqual(sorted(generated.values_list("language", flat=True)), ["en", "lv"])
        for doc in generated:
            with doc.file.open("rb") as handle:
                self.assertTrue(handle.read(5) == b"%PDF-")
            self.assertFalse(doc.is_public)

    def test_approving_records_who_and_why_in_history(self):
        meeting = self.approve()
        record = meeting.history.first()
        self.assertEqual(record.history_change_reason, "Apstiprināts e-pastā")
        self.assertEqual(record.history_user, self.coordinator)
        self.assertEqual(record.status, MeetingStatus.APPROVED)

    def test_minutes_cannot_be_approved_twice_or_published_before_approval(self):
        with self.assertRaises(ValidationError):
            meeting_publish(meeting=self.meeting, user=self.coordinator)
        self.approve()
        with self.assertRaises(ValidationError):
            self.approve()

    def test_publishing_makes_the_generated_minutes_public(self):
        self.approve()
        meeting_publish(meeting=self.meeting, user=self.coordinator)
        response = self.client.get(self.meeting.get_absolute_url())
        generated_lv = self.meeting.documents.get(kind=DocumentKind.MINUTES_GENERATED, language="lv")
        self.assertContains(response, generated_lv.get_absolute_url())
        # The public minutes link leads to that stored copy.
        minutes = self.client.get(reverse("council:minutes_pdf", kwargs={"pk": self.meeting.pk}))
        self.assertRedirects(minutes, generated_lv.get_absolute_url(), fetch_redirect_response=False)

    def test_signed_minutes_replace_the_generated_ones_publicly_and_both_are_kept(self):
        self.approve()
        meeting_publish(meeting=self.meeting, user=self.coordinator)
        signed = self.upload_signed()
        self.assertTrue(signed.is_public)  # the meeting is published already

        response = self.client.get(self.meeting.get_absolute_url())
        self.assertContains(response, signed.get_absolute_url())
        generated = self.meeting.documents.filter(kind=DocumentKind.MINUTES_GENERATED)
        for doc in generated:
            self.assertNotContains(response, doc.get_absolute_url())
        self.assertEqual(generated.count(), 2)

        minutes = self.client.get(reverse("council:minutes_pdf", kwargs={"pk": self.meeting.pk}))
        self.assertRedirects(minutes, signed.get_absolute_url(), fetch_redirect_response=False)
        download = self.client.get(signed.get_absolute_url())
        self.assertEqual(b"".join(download.streaming_content), self.signed_pdf)

    def test_signed_minutes_uploaded_before_publishing_go_public_with_the_meeting(self):
        self.approve()
        signed = self.upload_signed()
        self.assertFalse(signed.is_public)
        # Council-only until then: a signed-out visitor is asked to sign in, a signed-in public account refused.
        self.assertTrue(self.client.get(signed.get_absolute_url())["Location"].startswith(reverse("council:login")))
        self.login(self.public_user)
        self.assertEqual(self.client.get(signed.get_absolute_url()).status_code, 404)
        self.client.logout()
        meeting_publish(meeting=self.meeting, user=self.coordinator)
        signed.refresh_from_db()
        self.assertTrue(signed.is_public)
        self.assertEqual(self.client.get(signed.get_absolute_url()).status_code, 200)

    def test_only_one_signed_copy(self):
        self.approve()
        self.upload_signed()
        with self.assertRaises(ValidationError):
            self.upload_signed()

    def test_members_still_get_the_minutes_generated_now(self):
        self.approve()
        self.login(self.council_member)
        response = self.client.get(reverse("council:minutes_pdf", kwargs={"pk": self.meeting.pk}))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
