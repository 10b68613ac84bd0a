"""/robots.txt: public pages allowed, the sign-in and account pages not, and the sitemap's absolute address."""

from django.test import TestCase
from django.urls import reverse
from django.utils import translation


class RobotsTests(TestCase):
    def rules(self, **extra):
        response = self.client.get("/robots.txt", **extra)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        return response.content.decode().splitlines()

    def test_it_points_at_the_sitemap_with_an_absolute_address(self):
        self.assertIn("Sitemap: http://testserver/sitemap.xml", self.rules())
        self.assertIn("Sitemap: https://testserver/sitemap.xml", self.rules(secure=True))

    def test_it_disallows_the_admin_council_sign_in_and_account_pages_in_both_languages(self):
        rules = self.rules()
        for language in ("lv", "en"):
            with translation.override(language):
                private = [reverse("admin:index"), reverse("council:login"), reverse("accounts:otp_setup")]
            for path in private:
                with self.subTest(path=path):
                    self.assertTrue(
                        any(line.startswith("Disallow: ") and path.startswith(line[10:]) for line in rules), path
                    )
        self.assertIn("Disallow: /en/admin/", rules)
        self.assertIn("Disallow: /padome/pieteikties/", rules)

    def test_it_allows_the_public_pages(self):
        rules = self.rules()
        self.assertEqual(rules[:2], ["User-agent: *", "Allow: /"])
        disallowed = [line[10:] for line in rules if line.startswith("Disallow: ")]
        self.assertNotIn("/", disallowed)
        for language in ("lv", "en"):
            with translation.override(language):
                public = [reverse("portal:home"), reverse("portal:measures"), reverse("council:meetings")]
                public += [reverse("opendata:index"), reverse("reports:list")]
            for path in public:
                with self.subTest(path=path):
                    self.assertFalse([d for d in disallowed if path.startswith(d)], path)

    def test_it_is_the_same_whatever_the_visitors_language(self):
        self.assertEqual(self.rules(), self.rules(HTTP_ACCEPT_LANGUAGE="en"))
