"""The meeting page says what is known: a meeting with no recorded minutes (the meeting of 30 April 2024 as
the sources know it) gets no generated minutes; the signature note belongs to a signed upload only."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from council.models import AgendaItem, DocumentKind, MeetingStatus
from council.services import document_upload
from council.testing import PrivateMediaMixin, make_council, make_meeting, simple_pdf
from plans.models import PlanRevision
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_measure, make_plan

SIGNATURE = "Dokuments ir parakstīts ar drošu elektronisko parakstu"


class MeetingWithoutMinutesTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan = make_plan(is_published=True)
        commitment = make_commitment(plan, number=5)
        cls.meeting = make_meeting(
            make_council(plan=plan),
            number=None,
            date=datetime.date(2024, 4, 30),
            city="",
            city_en="",
            summary="Sēdē apspriesta plāna aktualizācija.",
            summary_en="The plan refresh was discussed.",
        )
        revision = PlanRevision.objects.create(
            plan=plan, title="Plāna aktualizācija", title_en="Plan refresh", decided_at_meeting=cls.meeting
        )
        cls.added = make_measure(commitment, title="Apmācības par augstvērtīgām datu kopām", added_by_revision=revision)
        cls.minutes_url = reverse("council:minutes_pdf", kwargs={"pk": cls.meeting.pk})

    def test_the_page_says_what_is_known_and_that_no_minutes_are_recorded(self):
        for user in (None, self.council_member):
            with self.subTest(user=user and user.username):
                if user:
                    self.login(user)
                response = self.client.get(self.meeting.get_absolute_url())
                self.assertContains(response, "2024. gada 30. aprīlis")
                self.assertContains(response, "<dt>Norises vieta</dt><dd>nav norādīta</dd>", html=False)
                self.assertContains(response, "Kas zināms par sēdi")
                self.assertContains(response, "Sēdē apspriesta plāna aktualizācija.")
                self.assertContains(response, "Šajā sēdē lemtās plāna izmaiņas")
                self.assertContains(response, self.added.get_absolute_url())
                self.assertContains(response, "Šīs sēdes protokols portālā nav reģistrēts")
                self.assertNotContains(response, self.minutes_url)
                self.assertNotContains(response, "Darba kārtība vēl nav publicēta")
                self.assertNotRegex(response.content.decode(), r'<ul class="download-list">\s*</ul>')

    def test_the_meeting_list_says_the_venue_is_not_recorded(self):
        response = self.client.get(reverse("council:meetings"))
        self.assertContains(response, "nav norādīta")

    def test_the_english_page_says_it_in_english(self):
        response = self.client.get("/en" + self.meeting.get_absolute_url())
        self.assertContains(response, "What is known about the meeting")
        self.assertContains(response, "The plan refresh was discussed.")
        self.assertContains(response, "No minutes of this meeting are recorded in the portal")

    def test_no_minutes_are_generated_for_anyone(self):
        self.assertEqual(self.client.get(self.minutes_url).status_code, 404)
        self.login(self.council_member)
        self.assertEqual(self.client.get(self.minutes_url).status_code, 404)

    def test_council_members_still_get_the_pack(self):
        self.login(self.council_member)
        response = self.client.get(self.meeting.get_absolute_url())
        self.assertContains(response, reverse("council:meeting_pack", kwargs={"pk": self.meeting.pk}))


class SignatureNoteTests(PrivateMediaMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.meeting = make_meeting(status=MeetingStatus.PUBLISHED, signature_note=SIGNATURE)
        AgendaItem.objects.create(meeting=cls.meeting, order=1, title="Darba kārtības punkts")

    def test_without_a_signed_upload_the_page_does_not_claim_a_signature(self):
        response = self.client.get(self.meeting.get_absolute_url())
        self.assertContains(response, "No portāla datiem sagatavots protokols")
        self.assertNotContains(response, SIGNATURE)

    def test_the_signed_upload_and_its_record_carry_the_signature_note(self):
        signed = document_upload(
            meeting=self.meeting,
            kind=DocumentKind.MINUTES_SIGNED,
            title="Parakstīts protokols",
            file=SimpleUploadedFile("protokols.pdf", simple_pdf("Parakstīts protokols")),
            user=self.coordinator,
        )
        response = self.client.get(self.meeting.get_absolute_url())
        content = response.content.decode()
        link = content.index(signed.get_absolute_url())
        self.assertIn(SIGNATURE, content[link : link + 400])
        self.assertEqual(content.count(SIGNATURE), 1)
        self.login(self.council_member)
        content = self.client.get(self.meeting.get_absolute_url()).content.decode()
        # The public link and the council's "minutes on file" record of the signed upload.
        self.assertEqual(content.count(SIGNATURE), 2)
