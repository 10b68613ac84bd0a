"""Login throttling (django-axes): failures count per username across addresses and per address across
usernames, either one locks; the lockout page is the portal's, in both languages."""

from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.base import BaseTestCase


@override_settings(AXES_FAILURE_LIMIT=3)
class LockoutTests(BaseTestCase):
    def attempt(self, username, password, address, url=None):
        return self.client.post(
            url or reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=address
        )

    def assertRefused(self, response):
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_guesses_from_many_addresses_lock_the_username(self):
        for n in range(3):
            self.attempt("coordinator", "wrong", f"192.0.2.{n + 1}")
        self.assertRefused(self.attempt("coordinator", "password", "198.51.100.7"))

    def test_guesses_at_many_usernames_lock_the_address(self):
        for username in ("editor", "other", "root"):
            self.attempt(username, "wrong", "192.0.2.50")
        self.assertRefused(self.attempt("coordinator", "password", "192.0.2.50"))

    def test_another_account_and_address_still_sign_in(self):
        for n in range(3):
            self.attempt("coordinator", "wrong", f"192.0.2.{n + 1}")
        response = self.attempt("editor", "password", "198.51.100.8")
        self.assertEqual(response.status_code, 302)
        self.assertIn("_auth_user_id", self.client.session)

    def test_signing_in_to_ones_own_account_does_not_wipe_the_count_against_another(self):
        # With reset-on-success, a success would delete every failure of its address, the victim's too.
        self.attempt("coordinator", "wrong", "192.0.2.60")
        self.attempt("coordinator", "wrong", "192.0.2.60")
        self.attempt("public", "password", "192.0.2.61")
        self.client.logout()
        self.attempt("coordinator", "wrong", "192.0.2.62")
        self.assertRefused(self.attempt("coordinator", "password", "192.0.2.63"))

    def test_the_council_sign_in_is_throttled_too(self):
        for n in range(3):
            self.attempt("council", "wrong", f"192.0.2.{n + 70}", url=reverse("council:login"))
        response = self.attempt("council", "password", "198.51.100.9", url=reverse("council:login"))
        self.assertRefused(response)
        # In the public frame, like the page it answers.
        self.assertTemplateUsed(response, "base.html")
        self.assertContains(response, "Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu", status_code=429)


@override_settings(AXES_FAILURE_LIMIT=1)
class LockoutPageTests(BaseTestCase):
    def locked_out_page(self, language):
        with translation.override(language):
            url = reverse("admin:login")
        self.client.post(url, {"username": "coordinator", "password": "wrong"})
        return self.client.post(url, {"username": "coordinator", "password": "password"})

    def test_it_is_the_portals_page_in_latvian(self):
        response = self.locked_out_page("lv")
        self.assertContains(response, "Atvērtās pārvaldības portāls", status_code=429)
        self.assertContains(response, "Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu", status_code=429)
        self.assertContains(response, "pēc 15 minūtēm", status_code=429)
        self.assertNotContains(response, "Django", status_code=429)

    def test_it_is_the_portals_page_in_english(self):
        response = self.locked_out_page("en")
        self.assertContains(response, "Open Government Portal", status_code=429)
        self.assertContains(response, "Try again in 15 minutes", status_code=429)
        self.assertNotContains(response, "Django", status_code=429)
