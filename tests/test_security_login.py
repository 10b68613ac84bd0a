"""Staff login: password, then a required second factor; throttled failures; short sessions."""

from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from tests.base import BaseTestCase


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@override_settings(OTP_REQUIRED_FOR_STAFF=True)
class SecondFactorTests(BaseTestCase):
    def admin_index(self):
        return self.client.get(reverse("admin:index"))

    def test_it_sends_staff_without_a_device_to_setup(self):
        self.client.force_login(self.coordinator)
        response = self.admin_index()
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("accounts:otp_setup")))

    def test_it_sends_staff_with_a_device_to_verify(self):
        TOTPDevice.objects.create(user=self.coordinator, name="phone", confirmed=True)
        self.client.force_login(self.coordinator)
        response = self.admin_index()
        self.assertTrue(response["Location"].startswith(reverse("accounts:otp_verify")))

    def test_it_guards_every_staff_page_not_only_the_admin(self):
        self.client.force_login(self.editor)
        response = self.client.get("/")
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:otp_setup"), response["Location"])

    def test_accounts_without_staff_or_council_rights_are_not_asked(self):
        self.client.force_login(self.public_user)
        response = self.client.get(reverse("accounts:otp_verify"))
        # Reaching the page is allowed; nothing forces them there.
        self.assertNotEqual(response.status_code, 500)
        response = self.client.get(reverse("admin:index"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response["Location"])

    def test_setup_shows_a_server_rendered_qr_code_and_confirms_with_a_code(self):
        self.client.force_login(self.coordinator)
        page = self.client.get(reverse("accounts:otp_setup"), {"next": "/admin/"})
        self.assertContains(page, "<svg")
        self.assertContains(page, 'class="otp-qr"')
        device = TOTPDevice.objects.get(user=self.coordinator, confirmed=False)
        self.assertContains(page, two_factor.totp_secret(device))

        response = self.client.post(reverse("accounts:otp_setup"), {"token": current_code(device), "next": "/admin/"})
        self.assertEqual(response.status_code, 200)
        codes = response.context["codes"]
        self.assertEqual(len(codes), settings.OTP_STATIC_BACKUP_CODES)
        for code in codes:
            self.assertContains(response, code)
        device.refresh_from_db()
        self.assertTrue(device.confirmed)
        self.assertEqual(self.admin_index().status_code, 200)

    def test_setup_refuses_a_wrong_code(self):
        self.client.force_login(self.coordinator)
        self.client.get(reverse("accounts:otp_setup"))
        response = self.client.post(reverse("accounts:otp_setup"), {"token": "000000"})
        self.assertTrue(response.context["form"].has_error("token", "invalid"))
        self.assertFalse(TOTPDevice.objects.filter(user=self.coordinator, confirmed=True).exists())
        self.assertEqual(self.admin_index().status_code, 302)

    def test_it_rejects_enrolling_a_new_phone_with_only_the_password(self):
        # Otherwise a stolen password would be enough to add the thief's phone.
        TOTPDevice.objects.create(user=self.coordinator, name="phone", confirmed=True)
        self.client.force_login(self.coordinator)
        response = self.client.get(reverse("accounts:otp_setup"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:otp_verify"), response["Location"])
        self.assertFalse(TOTPDevice.objects.filter(user=self.coordinator, confirmed=False).exists())

    def test_a_correct_code_opens_the_admin(self):
        device = TOTPDevice.objects.create(user=self.coordinator, name="phone", confirmed=True)
        self.client.force_login(self.coordinator)
        response = self.client.post(reverse("accounts:otp_verify"), {"token": current_code(device), "next": "/admin/"})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertEqual(self.admin_index().status_code, 200)

    def test_it_rejects_a_wrong_code(self):
        TOTPDevice.objects.create(user=self.coordinator, name="phone", confirmed=True)
        self.client.force_login(self.coordinator)
        response = self.client.post(reverse("accounts:otp_verify"), {"token": "123456"})
        self.assertTrue(response.context["form"].has_error("token", "invalid"))
        self.assertEqual(self.admin_index().status_code, 302)

    def test_guessing_is_slowed_down_after_a_wrong_code(self):
        device = TOTPDevice.objects.create(user=self.coordinator, name="phone", confirmed=True)
        self.client.force_login(self.coordinator)
        self.client.post(reverse("accounts:otp_verify"), {"token": "000000"})
        response = self.client.post(reverse("accounts:otp_verify"), {"token": current_code(device)})
        self.assertTrue(response.context["form"].has_error("token", "throttled"))
        self.assertEqual(self.admin_index().status_code, 302)

    def test_it_ignores_an_offsite_next(self):
        device = TOTPDevice.objects.create(user=self.coordinator, name="phone", confirmed=True)
        self.client.force_login(self.coordinator)
        response = self.client.post(
            reverse("accounts:otp_verify"), {"token": current_code(device), "next": "https://evil.invalid/"}
        )
        self.assertEqual(response["Location"], reverse("admin:index"))

    def test_a_backup_code_works_once(self):
        TOTPDevice.objects.create(user=self.coordinator, name="phone", confirmed=True)
        codes = two_factor.backup_codes_regenerate(user=self.coordinator)
        self.client.force_login(self.coordinator)
        response = self.client.post(reverse("accounts:otp_verify"), {"token": codes[0]})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.admin_index().status_code, 200)
        self.assertFalse(StaticToken.objects.filter(token=codes[0]).exists())

        self.client.logout()
        self.client.force_login(self.coordinator)
        response = self.client.post(reverse("accounts:otp_verify"), {"token": codes[0]})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.admin_index().status_code, 302)

    def test_another_users_code_does_not_verify(self):
        other_device = TOTPDevice.objects.create(user=self.superuser, name="phone", confirmed=True)
        TOTPDevice.objects.create(user=self.coordinator, name="phone", confirmed=True)
        self.client.force_login(self.coordinator)
        self.client.post(reverse("accounts:otp_verify"), {"token": current_code(other_device)})
        self.assertEqual(self.admin_index().status_code, 302)

    def test_the_login_helper_passes_the_second_factor(self):
        self.login(self.coordinator)
        self.assertEqual(self.admin_index().status_code, 200)

    def test_logging_out_stays_possible(self):
        self.client.force_login(self.coordinator)
        response = self.client.post(reverse("admin:logout"))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("_auth_user_id", self.client.session)


class SecondFactorDefaultTests(BaseTestCase):
    def test_staff_need_the_second_factor_without_any_override(self):
        self.client.force_login(self.superuser)
        response = self.client.get(reverse("admin:index"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("accounts:otp_setup")))

    @override_settings(OTP_REQUIRED_FOR_STAFF=False)
    def test_force_login_reaches_the_admin_when_the_requirement_is_switched_off(self):
        self.client.force_login(self.superuser)
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 200)


@override_settings(AXES_FAILURE_LIMIT=3)
class LoginThrottlingTests(BaseTestCase):
    def attempt(self, password):
        return self.client.post(
            reverse("admin:login"), {"username": "coordinator", "password": password, "next": "/admin/"}
        )

    def test_it_locks_out_after_repeated_wrong_passwords(self):
        for _ in range(3):
            self.attempt("wrong")
        response = self.attempt("password")
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_correct_password_before_the_limit_logs_in(self):
        self.attempt("wrong")
        response = self.attempt("password")
        self.assertEqual(response.status_code, 302)
        self.assertIn("_auth_user_id", self.client.session)

    def test_client_login_without_a_request_still_works(self):
        self.assertTrue(self.client.login(username="coordinator", password="password"))


class SessionTests(BaseTestCase):
    def test_sessions_last_a_working_day(self):
        self.assertEqual(settings.SESSION_COOKIE_AGE, 8 * 60 * 60)

    def test_staff_sessions_end_with_the_browser(self):
        self.client.post(reverse("admin:login"), {"username": "coordinator", "password": "password"})
        self.assertTrue(self.client.session.get_expire_at_browser_close())
        self.assertEqual(self.client.session.get_expiry_age(), settings.SESSION_COOKIE_AGE)

    def test_public_sessions_persist(self):
        self.client.post(reverse("admin:login"), {"username": "public", "password": "password"})
        self.assertFalse(self.client.session.get_expire_at_browser_close())
