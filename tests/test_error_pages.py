"""Error pages (ogp_portal/views.py, templates/4xx.html, 500.html, 403_csrf.html) with DEBUG off: the site's
frame in the request's language, a way on, and a 500 page that needs no database."""

import datetime
import re
from unittest import mock

from django.contrib.auth import get_user_model
from django.test import Client, SimpleTestCase, TestCase, override_settings

from council.models import Council, Meeting, MeetingStatus
from tests.factories import make_plan

User = get_user_model()
FRAME = ('class="site-nav"', 'class="site-footer"', 'class="language-switch"', 'class="skip-link"')


class FramedErrorPage:
    """Assertions shared by the error-page tests."""

    def assertFramedPage(self, response, status: int, lang: str, heading: str):
        self.assertEqual(response.status_code, status)
        content = response.content.decode()
        self.assertIn(f'<html lang="{lang}">', content)
        self.assertIn(f"<h1>{heading}</h1>", content)
        for part in FRAME:
            self.assertIn(part, content)
        home, search, other = ("/", "/pasakumi/", "/en/") if lang == "lv" else ("/en/", "/en/pasakumi/", "/")
        self.assertIn(f'href="{home}"', content)  # the way on: the home page
        self.assertIn(f'<form method="get" action="{search}"', content)  # and the measure search
        self.assertIn(f'<a href="{other}" lang="{"en" if lang == "lv" else "lv"}"', content)  # the language switch
        self.assertNotIn("Not Found", content)
        return content


@override_settings(DEBUG=False)
class NotFoundPageTests(FramedErrorPage, TestCase):
    def test_a_missing_page_is_latvian_at_the_root(self):
        content = self.assertFramedPage(self.client.get("/nav-tadas-lapas/"), 404, "lv", "Lapa nav atrasta")
        self.assertIn("<title>Lapa nav atrasta – Atvērtās pārvaldības portāls</title>", content)
        self.assertIn("Šajā adresē lapas nav.", content)
        self.assertIn("<code>/nav-tadas-lapas/</code>", content)
        self.assertIn("Kur doties tālāk", content)

    def test_a_missing_page_is_english_under_en(self):
        content = self.assertFramedPage(self.client.get("/en/no-such-page/"), 404, "en", "Page not found")
        self.assertIn("There is no page at this address.", content)
        self.assertIn("<code>/en/no-such-page/</code>", content)
        self.assertIn("Where to go from here", content)

    def test_a_view_that_finds_nothing_gets_the_same_page(self):
        response = self.client.get("/plani/nav-tada-plana/")
        self.assertFramedPage(response, 404, "lv", "Lapa nav atrasta")

    def test_a_missing_page_costs_no_query(self):
        with self.assertNumQueries(0):
            self.assertEqual(self.client.get("/en/nav-tadas-lapas/").status_code, 404)

    def test_the_requested_address_is_escaped(self):
        content = self.client.get("/%3Cscript%3Ealert(1)%3C/script%3E/").content.decode()
        self.assertNotIn("<script>alert(1)", content)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", content)


@override_settings(DEBUG=False)
class ForbiddenPageTests(FramedErrorPage, TestCase):
    @classmethod
    def setUpTestData(cls):
        council = Council.objects.create(plan=make_plan(), name="Uzraudzības padome")
        cls.meeting = Meeting.objects.create(
            council=council, number=5, date=datetime.date(2024, 11, 7), status=MeetingStatus.PUBLISHED
        )

    def setUp(self):
        # Signed out, a meeting pack leads to the council's sign-in; a signed-in account without the right is refused.
        self.client.force_login(User.objects.create_user("plain", "plain@example.invalid", "password"))

    def test_a_refusal_says_who_may_see_the_page_in_latvian(self):
        response = self.client.get(f"/padome/sedes/{self.meeting.pk}/sedes-materiali.pdf")
        content = self.assertFramedPage(response, 403, "lv", "Piekļuve liegta")
        self.assertIn("Jums nav tiesību skatīt šo lapu.", content)
        self.assertIn('href="/padome/pieteikties/"', content)

    def test_a_refusal_in_english(self):
        response = self.client.get(f"/en/padome/sedes/{self.meeting.pk}/sedes-materiali.pdf")
        content = self.assertFramedPage(response, 403, "en", "Access denied")
        self.assertIn("Sign in for council members", content)
        self.assertIn('href="/en/padome/pieteikties/"', content)

    def test_a_failed_csrf_check_explains_itself_in_both_languages(self):
        client = Client(enforce_csrf_checks=True)
        for path, lang, heading, cookie_note in (
            ("/padome/pieteikties/", "lv", "Veidlapu neizdevās nosūtīt", "Jūsu pārlūks sīkdatni nenosūtīja"),
            ("/en/padome/pieteikties/", "en", "The form could not be sent", "Your browser did not send the cookie"),
        ):
            with self.subTest(lang=lang):
                response = client.post(path, {"username": "x", "password": "y"})
                content = self.assertFramedPage(response, 403, lang, heading)
                self.assertIn(cookie_note, content)


@override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"])
class BadRequestPageTests(FramedErrorPage, TestCase):
    def test_a_request_for_an_unknown_host_gets_the_framed_400_page(self):
        for path, lang, heading in (("/", "lv", "Nepareizs pieprasījums"), ("/en/", "en", "Bad request")):
            with self.subTest(lang=lang):
                response = self.client.get(path, headers={"host": "uzbrucejs.example"})
                self.assertFramedPage(response, 400, lang, heading)


@override_settings(DEBUG=False)
class ServerErrorPageTests(FramedErrorPage, SimpleTestCase):
    """SimpleTestCase refuses every database query: the pages below fail for want of a database, as when
    it is down, and the 500 page itself must render without one (a query there would fail the test)."""

    def setUp(self):
        self.client.raise_request_exception = False

    def test_the_500_page_needs_no_database_in_latvian(self):
        content = self.assertFramedPage(self.client.get("/"), 500, "lv", "Radās kļūda")
        self.assertIn("Portāls nevarēja parādīt šo lapu kļūdas dēļ mūsu pusē", content)
        self.assertIn("Kļūda 500", content)

    def test_the_500_page_needs_no_database_in_english(self):
        content = self.assertFramedPage(self.client.get("/en/plani/"), 500, "en", "Something went wrong")
        self.assertIn("because of an error on our side", content)

    def test_it_falls_back_to_plain_bilingual_text_when_the_framed_page_cannot_be_rendered(self):
        broken = mock.patch("ogp_portal.views.loader.get_template", side_effect=RuntimeError("broken"))
        with broken, self.assertLogs("ogp_portal.views", "ERROR"):
            response = self.client.get("/")
        self.assertEqual(response.status_code, 500)
        content = response.content.decode()
        self.assertIn("Radās kļūda", content)
        self.assertIn('lang="en"', content)
        self.assertEqual(re.findall(r"<script", content), [])
