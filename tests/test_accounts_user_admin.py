"""The admin's account forms require an e-mail address, for every role (reminders, notifications and
password resets reach a person only through it)."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests.base import BaseTestCase

User = get_user_model()


class AccountFormTests(BaseTestCase):
    def setUp(self):
        self.login(self.superuser)

    def add(self, **data):
        return self.client.post(
            reverse("admin:auth_user_add"),
            {
                "username": "jauns",
                "usable_password": "true",
                "password1": "a-long-new-password",
                "password2": "a-long-new-password",
                **data,
            },
        )

    def test_it_rejects_a_new_account_without_an_e_mail_address(self):
        response = self.add(email="")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["adminform"].form.has_error("email", "required"))
        self.assertFalse(User.objects.filter(username="jauns").exists())

    def test_the_add_form_asks_for_the_address(self):
        response = self.client.get(reverse("admin:auth_user_add"))
        self.assertContains(response, 'name="email"')

    def test_it_creates_an_account_with_an_address(self):
        response = self.add(email="jauns@example.invalid")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(User.objects.get(username="jauns").email, "jauns@example.invalid")

    def test_it_rejects_removing_the_address_of_an_account(self):
        url = reverse("admin:auth_user_change", args=[self.public_user.pk])
        response = self.client.get(url)
        data = {
            name: field.value() if field.value() is not None else ""
            for name, field in ((n, response.context["adminform"].form[n]) for n in ("username", "first_name"))
        }
        data.update({"email": "", "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00", "is_active": "on"})
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["adminform"].form.has_error("email", "required"))
        self.public_user.refresh_from_db()
        self.assertEqual(self.public_user.email, "p@example.invalid")

    @override_settings(DEBUG=True)
    def test_the_demo_admin_has_an_address(self):
        call_command("ensure_demo_admin", stdout=StringIO())
        self.assertNotEqual(User.objects.get(username="admin").email, "")
