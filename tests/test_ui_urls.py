"""object_url() gives what reverse() gives, in every language, for every object."""

from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation

from ui.urls import object_url


class ObjectUrlTests(SimpleTestCase):
    def test_it_gives_what_reverse_gives_in_each_language_and_for_each_argument(self):
        for language in ("lv", "en", "lv"):
            for slug, pk in (("plan-a", 1), ("plan-b", 1), ("plan-a", 2)):
                with self.subTest(language=language, slug=slug, pk=pk), translation.override(language):
                    expected = reverse("portal:measure", kwargs={"slug": slug, "pk": pk})
                    self.assertEqual(object_url("portal:measure", slug=slug, pk=pk), expected)
        with translation.override("en"):
            self.assertTrue(object_url("portal:measure", slug="plan-a", pk=1).startswith("/en/"))
