"""`make run`'s demo admin can get through the second factor with what the command prints."""

import re
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.urls import reverse


def run(*args) -> str:
    out = StringIO()
    call_command("ensure_demo_admin", *args, stdout=out)
    return out.getvalue()


@override_settings(DEBUG=True, OTP_REQUIRED_FOR_STAFF=True)
class DemoAdminTests(TestCase):
    def log_in_with(self, token):
        self.client.post(reverse("admin:login"), {"username": "admin", "password": "ogp-demo-2026"})
        return self.client.post(reverse("accounts:otp_verify"), {"token": token, "next": "/admin/"})

    def test_a_printed_backup_code_gets_the_demo_admin_in(self):
        output = run("--no-qr")
        codes = re.search(r"backup code \(each works once\): (.+)", output).group(1).split()
        self.assertEqual(len(codes), 10)
        self.log_in_with(codes[0])
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 200)

    def test_the_code_option_prints_a_working_code(self):
        run("--no-qr")
        code = run("--code").strip()
        self.assertRegex(code, r"^\d{6}$")
        self.log_in_with(code)
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 200)

    def test_the_authenticator_key_survives_a_second_run(self):
        first = re.search(r"with the key ([A-Z2-7 ]+)", run("--no-qr")).group(1)
        second = re.search(r"with the key ([A-Z2-7 ]+)", run()).group(1)
        self.assertEqual(first.strip(), second.strip())
        self.assertEqual(get_user_model().objects.filter(username="admin").count(), 1)

    @override_settings(DEBUG=False)
    def test_it_refuses_without_debug(self):
        with self.assertRaises(CommandError):
            run()
