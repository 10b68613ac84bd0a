"""Password reset by e-mail (Django's own views): staff in the admin's look, council members in the public
frame; the e-mail in the page's language; no account enumeration; the second factor still asked after."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from council.models import CouncilMember
from council.testing import make_council
from tests.base import BaseTestCase

User = get_user_model()
NEW_PASSWORD = "jauna-gara-parole-2026"


class PasswordResetTests(BaseTestCase):
    def ask(self, url, email):
        return self.client.post(url, {"email": email})

    def reset_link(self) -> str:
        self.assertEqual(len(mail.outbox), 1)
        return re.search(r"https?://testserver(/\S+)", mail.outbox[0].body).group(1)

    def set_new_password(self, link):
        form = self.client.get(link, follow=True)
        self.assertTrue(form.context["validlink"])
        return self.client.post(
            form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        )

    def test_the_admin_login_links_to_the_staff_reset(self):
        response = self.client.get(reverse("admin:login"))
        self.assertContains(response, f'href="{reverse("admin_password_reset")}"')

    def test_the_staff_reset_is_in_the_admin_look_with_the_portal_title(self):
        response = self.client.get(reverse("admin_password_reset"))
        self.assertTemplateUsed(response, "admin/base_site.html")
        self.assertContains(response, "Atvērtās pārvaldības portāls")
        self.assertNotContains(response, "Django")
        self.assertContains(response, 'name="email"')

    def test_the_council_sign_in_links_to_the_council_reset(self):
        response = self.client.get(reverse("council:login"))
        self.assertContains(response, f'href="{reverse("council:password_reset")}"')

    def test_the_council_reset_is_in_the_public_frame(self):
        response = self.client.get(reverse("council:password_reset"))
        self.assertTemplateUsed(response, "base.html")
        self.assertContains(response, "<h1>Aizmirsta parole</h1>", html=True)

    def test_an_unknown_address_gets_the_same_answer_and_no_mail(self):
        for url, done in (
            (reverse("admin_password_reset"), reverse("accounts:password_reset_done")),
            (reverse("council:password_reset"), reverse("council:password_reset_done")),
        ):
            with self.subTest(url=url):
                known = self.ask(url, "c@example.invalid")
                unknown = self.ask(url, "nobody@example.invalid")
                self.assertRedirects(known, done)
                self.assertRedirects(unknown, done)
        self.assertEqual(len(mail.outbox), 2)
        self.assertEqual({m.to[0] for m in mail.outbox}, {"c@example.invalid"})

    def test_the_mail_is_in_the_language_of_the_page(self):
        self.ask(reverse("admin_password_reset"), "c@example.invalid")
        with translation.override("en"):
            self.ask(reverse("admin_password_reset"), "c@example.invalid")
        latvian, english = mail.outbox
        self.assertIn("jaunu paroli", latvian.subject + latvian.body)
        self.assertIn("/konts/parole/", latvian.body)
        self.assertIn("Setting a new password", english.subject)
        self.assertIn("/en/konts/parole/", english.body)

    def test_a_council_members_link_leads_to_the_council_pages(self):
        self.ask(reverse("admin_password_reset"), "m@example.invalid")
        link = self.reset_link()
        self.assertTrue(link.startswith("/padome/parole/"), link)

    def test_staff_set_a_new_password_and_still_need_the_second_factor(self):
        TOTPDevice.objects.create(user=self.coordinator, name="phone", confirmed=True)
        self.ask(reverse("admin_password_reset"), "c@example.invalid")
        response = self.set_new_password(self.reset_link())
        self.assertRedirects(response, reverse("accounts:password_reset_complete"))
        self.assertNotIn("_auth_user_id", self.client.session)  # the reset signs no one in

        login = self.client.post(reverse("admin:login"), {"username": "coordinator", "password": NEW_PASSWORD})
        self.assertIn("_auth_user_id", self.client.session)
        response = self.client.get(login["Location"])
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("accounts:otp_verify")))

    def test_council_members_set_a_new_password_and_still_need_the_second_factor(self):
        member = User.objects.create_user("padome2", "p2@example.invalid", "old-council-password")
        CouncilMember.objects.create(council=make_council(), person_name="P. Otrs", user=member)
        TOTPDevice.objects.create(user=member, name="phone", confirmed=True)
        self.ask(reverse("council:password_reset"), "p2@example.invalid")
        response = self.set_new_password(self.reset_link())
        self.assertRedirects(response, reverse("council:password_reset_complete"))
        self.assertNotIn("_auth_user_id", self.client.session)

        self.client.post(reverse("council:login"), {"username": "padome2", "password": NEW_PASSWORD})
        response = self.client.get(reverse("council:meetings"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("accounts:otp_verify")))

    def test_a_used_link_does_not_work_again(self):
        self.ask(reverse("council:password_reset"), "m@example.invalid")
        link = self.reset_link()
        self.set_new_password(link)
        response = self.client.get(link, follow=True)
        self.assertFalse(response.context["validlink"])
        self.assertContains(response, reverse("council:password_reset"))
