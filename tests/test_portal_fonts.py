"""The web fonts never reflow a page after its first paint (cumulative layout shift, issue 13).

Lighthouse measured a layout shift of 0.14-0.26 when Source Sans 3 swapped in for the fallback
(`font-display: swap`); bench/bench_lighthouse.py measures the pages, these tests hold the causes away.
"""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import TestCase
from django.urls import reverse

CSS = Path(settings.BASE_DIR, "static", "css", "portal.css").read_text(encoding="utf-8")


class FontTests(TestCase):
    def test_no_face_swaps_in_after_the_first_paint(self):
        displays = re.findall(r"font-display:\s*([a-z]+)", CSS)
        self.assertGreaterEqual(len(displays), 8)
        self.assertEqual(set(displays), {"optional"})

    def test_every_face_the_stylesheet_names_exists(self):
        for url in re.findall(r'url\("\.\./(fonts/[^"]+)"\)', CSS):
            with self.subTest(url=url):
                self.assertIsNotNone(finders.find(url), url)

    def test_the_fallback_is_scaled_to_the_web_fonts_metrics(self):
        fallback = re.search(r'@font-face \{\s*font-family: "Source Sans 3 Fallback";(.*?)\}', CSS, re.S).group(1)
        for descriptor in ("size-adjust", "ascent-override", "descent-override", "line-gap-override"):
            self.assertIn(descriptor, fallback)
        self.assertIn('font-family: "Source Sans 3", "Source Sans 3 Fallback"', CSS)

    def test_the_page_preloads_the_faces_it_uses_and_loads_one_stylesheet(self):
        html = self.client.get(reverse("portal:home")).content.decode()
        preloads = re.findall(
            r'<link rel="preload" href="/static/(fonts/[^"]+)" as="font" type="font/woff2" crossorigin>', html
        )
        self.assertEqual(len(preloads), 3)
        for path in preloads:
            self.assertIn(f'url("../{path}")', CSS)
        self.assertEqual(html.count('rel="stylesheet"'), 1)
