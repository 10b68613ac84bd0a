"""The Content Security Policy allows no inline script or style, and no page needs one.

Every kind of public page (both languages, the page list of the browser tests) and the admin pages the
project overrides are fetched; each must send a policy without 'unsafe-inline' and carry no style
attribute, no <style> or executable <script> element without a nonce and no inline event handler, which
that policy would make the browser refuse. (Headless Chromium checked the same on every admin page with
its console's CSP errors captured: none.)
"""

from html.parser import HTMLParser

from django.urls import reverse
from django.utils import translation

from commitments.models import Measure
from council.models import Meeting
from tests.base import BaseTestCase
from tests.browser.conftest import build_site

# <script> types that are data, never run: the policy does not apply to them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineFinder(HTMLParser):
    """What in a page a policy without 'unsafe-inline' would block."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self._script_open = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        where = f"line {self.getpos()[0]}: <{tag}>"
        if "style" in names:
            self.problems.append(f"{where} has a style attribute")
        self.problems.extend(f"{where} has an inline handler {n}" for n in names if n.startswith("on"))
        if tag == "style" and "nonce" not in names:
            self.problems.append(f"{where} without a nonce")
        if tag == "script" and "src" not in names and "nonce" not in names:
            self._script_open = names.get("type") not in DATA_SCRIPT_TYPES

    def handle_data(self, data):
        if self._script_open and data.strip():
            self.problems.append(f"line {self.getpos()[0]}: inline <script> without a nonce")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_open = False


def inline_problems(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.problems


def admin_pages() -> list[str]:
    """The admin's index, a measure's pages (those the project overrides among them) and a council's form."""
    measure = Measure.objects.filter(progress_percent__gt=0).first()
    return [
        reverse("admin:index"),
        reverse("admin:commitments_measure_changelist"),
        reverse("admin:commitments_measure_add"),
        reverse("admin:commitments_measure_change", args=[measure.pk]),
        reverse("admin:commitments_measure_history", args=[measure.pk]),
        reverse("admin:commitments_measure_history_compare", args=[measure.pk]),
        reverse("admin:commitments_measure_import"),
        reverse("admin:commitments_measure_export"),
        reverse("admin:council_council_change", args=[Meeting.objects.get().council_id]),
        reverse("admin:commitments_progressentry_changelist"),
    ]


def directives(policy: str) -> dict[str, str]:
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip())


class CspPagesTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.site = build_site("")
        meeting = Meeting.objects.get()
        cls.extra_pages = [
            reverse("council:meetings"),
            reverse("council:meeting", args=[meeting.pk]),
            reverse("council:login"),
            reverse("reports:list"),
            reverse("opendata:index"),
            "/no-such-page/",
        ]
        with translation.override("en"):
            cls.extra_pages.append(reverse("council:meetings"))
        cls.admin_pages = admin_pages()

    def assert_strict(self, url, response):
        policy = directives(response["Content-Security-Policy"])
        self.assertNotIn("'unsafe-inline'", response["Content-Security-Policy"], url)
        self.assertEqual(policy["style-src"], "'self'", url)
        self.assertEqual(policy["script-src"], "'self'", url)
        self.assertEqual(inline_problems(response.content.decode()), [], url)

    def test_public_pages_need_no_inline_script_or_style(self):
        urls = [path for pages in self.site["pages"].values() for path in pages.values()] + self.extra_pages
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertIn(response.status_code, (200, 404), url)
                self.assert_strict(url, response)

    def test_the_measure_page_draws_its_progress_bar_without_a_style(self):
        measure = Measure.objects.filter(progress_percent=40).first()
        html = self.client.get(measure.get_absolute_url()).content.decode()
        self.assertInHTML('<rect class="progress__bar" width="40" height="10"/>', html)
        self.assertIn('<span class="progress__text">40', html)

    def test_the_admin_pages_the_project_overrides_need_no_inline_script_or_style(self):
        self.login(self.superuser)
        for url in self.admin_pages:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200, url)
                self.assert_strict(url, response)


class InlineFinderTests(BaseTestCase):
    def test_it_finds_what_the_policy_would_block(self):
        html = (
            '<p style="color:red">x</p><style>p{}</style><script>alert(1)</script>'
            '<button onclick="f()">b</button><script type="application/json">{}</script>'
            '<script src="/a.js"></script><script nonce="n">ok()</script>'
        )
        problems = inline_problems(html)
        self.assertEqual(len(problems), 4, problems)
