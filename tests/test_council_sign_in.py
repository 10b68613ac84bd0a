"""The council's sign-in: where a member lands, and the second factor council members need as staff do."""

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from council.models import CouncilMember, MeetingStatus
from council.testing import PrivateMediaMixin, make_council, make_document, make_meeting
from tests.base import BaseTestCase
from tests.test_security_login import current_code

User = get_user_model()
PASSWORD = "a-long-council-password"
PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class CouncilSignInTests(PrivateMediaMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        council = make_council()
        cls.draft = make_meeting(council, number=9, status=MeetingStatus.DRAFT)
        cls.draft_doc = make_document(cls.draft, content=PDF_BYTES, title="Projekts", is_public=False)
        cls.member = User.objects.create_user("padome", "pm@example.invalid", PASSWORD)
        CouncilMember.objects.create(council=council, person_name="P. Loceklis", user=cls.member)

    def sign_in(self, **extra):
        return self.client.post(reverse("council:login"), {"username": "padome", "password": PASSWORD, **extra})

    def doc_url(self):
        return reverse("council:document", kwargs={"pk": self.draft.pk, "doc_pk": self.draft_doc.pk})

    def test_without_next_a_member_lands_on_the_council_pages(self):
        self.assertRedirects(self.sign_in(), reverse("council:meetings"), fetch_redirect_response=False)

    def test_an_offsite_next_is_ignored(self):
        response = self.sign_in(next="https://evil.invalid/")
        self.assertRedirects(response, reverse("council:meetings"), fetch_redirect_response=False)

    def test_a_next_of_this_site_is_followed(self):
        response = self.sign_in(next=self.draft.get_absolute_url())
        self.assertRedirects(response, self.draft.get_absolute_url(), fetch_redirect_response=False)

    @override_settings(OTP_REQUIRED_FOR_STAFF=False)
    def test_without_the_second_factor_requirement_the_member_reaches_the_council_pages(self):
        self.assertRedirects(self.sign_in(), reverse("council:meetings"))

    def test_a_member_without_a_device_is_sent_to_set_one_up_not_to_the_document(self):
        self.sign_in()
        response = self.client.get(self.doc_url())
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("accounts:otp_setup")))

    def test_a_member_with_a_device_must_verify_before_the_document(self):
        TOTPDevice.objects.create(user=self.member, name="phone", confirmed=True)
        self.sign_in()
        response = self.client.get(self.doc_url())
        self.assertTrue(response["Location"].startswith(reverse("accounts:otp_verify")))

    def test_after_the_code_the_member_opens_the_draft_document(self):
        device = TOTPDevice.objects.create(user=self.member, name="phone", confirmed=True)
        self.sign_in()
        response = self.client.post(reverse("accounts:otp_verify"), {"token": current_code(device)})
        # No `next`: back to the council pages, not to the admin that refuses council members.
        self.assertRedirects(response, reverse("council:meetings"))
        response = self.client.get(self.doc_url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), PDF_BYTES)

    def test_the_second_factor_pages_offer_the_council_logout(self):
        self.sign_in()
        page = self.client.get(reverse("accounts:otp_setup"))
        self.assertContains(page, f'action="{reverse("council:logout")}"')
        response = self.client.post(reverse("council:logout"))
        self.assertRedirects(response, reverse("council:meetings"))
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_an_account_without_council_rights_is_not_asked_for_a_second_factor(self):
        # No rights left, nothing to protect: the public pages as for any account.
        plain = User.objects.create_user("bijusais", "b@example.invalid", PASSWORD)
        self.client.force_login(plain)
        self.assertEqual(self.client.get(reverse("council:meetings")).status_code, 200)
