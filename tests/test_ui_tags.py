"""The shared template helpers (ui_tags): one date filter for pages, PDFs and the council's pages."""

import datetime
import zoneinfo

from django.template import Context, Template, engines
from django.test import SimpleTestCase, override_settings
from django.utils import translation


def render(source: str, **context) -> str:
    return Template("{% load ui_tags %}" + source).render(Context(context))


@override_settings(TIME_ZONE="Europe/Riga", USE_TZ=True)
class LongDateTests(SimpleTestCase):
    def test_there_is_one_date_filter(self):
        libraries = engines["django"].engine.template_libraries
        date_filters = {(library, name) for library, lib in libraries.items() for name in lib.filters if "date" in name}
        self.assertEqual(date_filters, {("ui_tags", "longdate")})

    def test_it_writes_dates_the_way_each_language_does(self):
        day = datetime.date(2024, 11, 7)
        with translation.override("lv"):
            self.assertEqual(render("{{ d|longdate }}", d=day), "2024. gada 7. novembris")
            self.assertEqual(render('{{ d|longdate:"loc" }}', d=day), "2024. gada 7. novembrī")
        with translation.override("en"):
            self.assertEqual(render("{{ d|longdate }}", d=day), "7 November 2024")

    def test_a_timestamp_shows_the_local_date_it_falls_on(self):
        # 22:30 UTC on 6 November is already 7 November in Riga.
        moment = datetime.datetime(2024, 11, 6, 22, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
        with translation.override("en"):
            self.assertEqual(render("{{ d|longdate }}", d=moment), "7 November 2024")

    def test_nothing_is_written_for_no_date(self):
        self.assertEqual(render("{{ d|longdate }}", d=None), "")
