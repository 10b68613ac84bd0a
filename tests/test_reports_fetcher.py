"""WeasyPrint may load the portal's own static and media files and nothing else."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase, override_settings

from ogp_portal.pdf import PortalURLFetcher, RefusedURL, render_pdf


class FetcherTests(SimpleTestCase):
    def setUp(self):
        self.fetcher = PortalURLFetcher()

    def test_it_refuses_etc_passwd(self):
        with self.assertRaises(RefusedURL):
            self.fetcher.fetch("file:///etc/passwd")

    def test_it_refuses_a_project_file_outside_static_and_media(self):
        outside = Path(settings.BASE_DIR) / "manage.py"
        self.assertTrue(outside.is_file())
        with self.assertRaises(RefusedURL):
            self.fetcher.fetch(outside.as_uri())

    def test_it_refuses_a_path_that_climbs_out_of_static(self):
        with self.assertRaises(RefusedURL):
            self.fetcher.fetch(settings.SITE_URL + "/static/../manage.py")
        with self.assertRaises(RefusedURL):
            self.fetcher.fetch((Path(settings.BASE_DIR) / "static" / ".." / "manage.py").as_uri())

    def test_it_refuses_the_network(self):
        for url in ["http://example.com", "https://example.com/static/x.css", "ftp://example.com/x"]:
            with self.subTest(url=url), self.assertRaises(RefusedURL):
                self.fetcher.fetch(url)

    def test_it_refuses_site_pages_that_are_not_static_or_media(self):
        with self.assertRaises(RefusedURL):
            self.fetcher.fetch(settings.SITE_URL + "/admin/")

    def test_it_serves_the_report_fonts_from_disk(self):
        response = self.fetcher.fetch(settings.SITE_URL + "/static/reports/fonts/fonts.css")
        self.assertIn(b"@font-face", response.body if hasattr(response, "body") else response.read())

    def test_it_serves_media_files(self):
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            (Path(media) / "x.txt").write_text("hello")
            response = self.fetcher.fetch(settings.SITE_URL + "/media/x.txt")
            self.assertIn(b"hello", response.body if hasattr(response, "body") else response.read())

    def test_a_document_pointing_at_local_files_still_renders_without_them(self):
        with self.assertLogs("weasyprint", level="ERROR") as logs:
            pdf = render_pdf(
                '<html lang="en"><head><title>t</title></head><body>'
                '<img src="file:///etc/passwd" alt="x"><img src="http://example.com/x.png" alt="y"></body></html>'
            )
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertTrue(any("Refused to fetch" in line for line in logs.output))
