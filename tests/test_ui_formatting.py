"""ui.formatting's own date formatter writes what Django's dateformat writes, in both languages."""

import datetime

from django.test import SimpleTestCase
from django.utils import dateformat, translation

from ui import formatting


class DateFormatTests(SimpleTestCase):
    def test_it_matches_django_for_every_format_it_uses_on_every_day_of_a_year(self):
        formats = {
            lang: {
                formatting.DATE_FORMATS[lang],
                *formatting.SAME_YEAR_FORMATS[lang],
                *formatting.SAME_MONTH_FORMATS[lang],
            }
            for lang in ("lv", "en")
        }
        first = datetime.date(2024, 1, 1)
        for lang, format_strings in formats.items():
            for active in ("lv", "en"):  # the page's language must not leak into another language's date
                for format_string in format_strings:
                    with self.subTest(lang=lang, active=active, format=format_string), translation.override(active):
                        for day in range(366):
                            value = first + datetime.timedelta(days=day)
                            with translation.override(lang):
                                expected = dateformat.format(value, format_string)
                            self.assertEqual(formatting._format(value, format_string, lang), expected)

    def test_it_refuses_a_letter_it_does_not_know(self):
        with self.assertRaises(ValueError):
            formatting._format(datetime.date(2024, 1, 1), "D j F", "en")
