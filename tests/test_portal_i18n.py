import datetime
import re
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from commitments.models import MeasureStatus
from commitments.selectors import ROLL_UP_METHOD
from portal.templatetags.portal_tags import status_label
from tests.test_portal_base import PortalTestCase
from ui import formatting

PO = Path(settings.BASE_DIR) / "portal" / "locale" / "lv" / "LC_MESSAGES" / "django.po"


class FormattingTests(PortalTestCase):
    def test_dates_in_each_language(self):
        day = datetime.date(2024, 11, 7)
        self.assertEqual(formatting.long_date(day, "lv"), "2024. gada 7. novembris")
        self.assertEqual(formatting.long_date(day, "en"), "7 November 2024")
        self.assertEqual(formatting.long_date(day, "lv", case="gen"), "2024. gada 7. novembra")
        self.assertEqual(formatting.long_date(day, "lv", case="loc"), "2024. gada 7. novembrī")
        self.assertEqual(formatting.long_date(day, "lv", case="acc"), "2024. gada 7. novembri")
        self.assertEqual(formatting.long_date(day, "en", case="loc"), "7 November 2024")

    def test_every_latvian_month_in_every_case(self):
        # "Dati uz 1. decembri" (accusative), "Sagatavots 1. decembrī" (locative), "līdz 1. decembrim" (dative).
        expected = {
            "": "janvāris februāris marts aprīlis maijs jūnijs jūlijs augusts septembris oktobris novembris decembris",
            "gen": "janvāra februāra marta aprīļa maija jūnija jūlija augusta septembra oktobra novembra decembra",
            "dat": "janvārim februārim martam aprīlim maijam jūnijam jūlijam augustam septembrim oktobrim "
            "novembrim decembrim",
            "acc": "janvāri februāri martu aprīli maiju jūniju jūliju augustu septembri oktobri novembri decembri",
            "loc": "janvārī februārī martā aprīlī maijā jūnijā jūlijā augustā septembrī oktobrī novembrī decembrī",
        }
        for case, months in expected.items():
            for month, name in enumerate(months.split(), start=1):
                with self.subTest(case=case, month=month):
                    day = datetime.date(2026, month, 1)
                    self.assertEqual(formatting.long_date(day, "lv", case=case), f"2026. gada 1. {name}")

    def test_date_ranges_shorten_within_a_year(self):
        start, end = datetime.date(2024, 7, 2), datetime.date(2024, 7, 16)
        self.assertEqual(formatting.date_range(start, end, "lv"), "2024. gada 2.–16. jūlijs")
        self.assertEqual(formatting.date_range(start, end, "en"), "2–16 July 2024")
        self.assertEqual(
            formatting.date_range(datetime.date(2021, 5, 24), datetime.date(2021, 6, 30), "en"), "24 May – 30 June 2021"
        )

    def test_money_and_numbers_in_each_language(self):
        nbsp = "\u00a0"
        self.assertEqual(formatting.money(Decimal("1740000.00"), "EUR", "lv"), f"1{nbsp}740{nbsp}000{nbsp}EUR")
        self.assertEqual(formatting.money(Decimal("1740000.00"), "EUR", "en"), f"EUR{nbsp}1,740,000")
        self.assertEqual(formatting.money(Decimal("0.5"), "EUR", "lv"), f"0,50{nbsp}EUR")
        self.assertEqual(formatting.percent(45, "lv"), f"45{nbsp}%")
        self.assertEqual(formatting.percent(45, "en"), "45%")


class LanguageTests(PortalTestCase):
    def test_language_switch_goes_to_the_same_page_with_hreflang(self):
        url = reverse("portal:measures") + "?q=dati&status=limited"
        content = self.client.get(url).content.decode()
        self.assertIn('<html lang="lv">', content)
        self.assertIn('<a href="/en/pasakumi/?q=dati&amp;status=limited" lang="en" hreflang="en">English</a>', content)
        alternate = "http://testserver/en/pasakumi/?q=dati&amp;status=limited"
        self.assertIn(f'<link rel="alternate" hreflang="en" href="{alternate}">', content)

        english = self.client.get("/en/pasakumi/?q=dati").content.decode()
        self.assertIn('<html lang="en">', english)
        self.assertIn('<a href="/pasakumi/?q=dati" lang="lv" hreflang="lv">Latviešu</a>', english)

    def test_every_page_type_has_the_switch_to_the_same_page(self):
        measure = self.plan.measures.first()
        for name, args in [
            ("portal:home", []),
            ("portal:plans", []),
            ("portal:plan", ["piektais"]),
            ("portal:commitment", ["piektais", 1]),
            ("portal:measure", ["piektais", measure.pk]),
            ("portal:institutions", []),
            ("portal:institution", ["varam"]),
            ("portal:consultations", []),
            ("portal:consultation", [self.consultation.pk]),
            ("portal:accessibility", []),
        ]:
            with translation.override("lv"):
                lv = reverse(name, args=args)
            with translation.override("en"):
                en = reverse(name, args=args)
            self.assertEqual(en, "/en" + lv)
            self.assertContains(self.client.get(lv), f'href="{en}" lang="en" hreflang="en"')
            self.assertContains(self.client.get(en), f'href="{lv}" lang="lv" hreflang="lv"')

    def test_missing_english_title_is_shown_in_latvian_and_marked(self):
        measure = self.plan.measures.first()
        measure.title_en = ""
        measure.save()
        with translation.override("en"):
            response = self.client.get(reverse("portal:commitment", args=["piektais", 1]))
        self.assertContains(response, '<span lang="lv">Pasākums 1.1</span> <span class="lang-note">(in Latvian)</span>')

    def test_an_english_title_kept_in_the_latvian_field_is_marked_english(self):
        measure = self.plan.measures.first()
        measure.title_lv = measure.title_en = "Open data skills"
        measure.save()
        response = self.client.get(reverse("portal:commitment", args=["piektais", 1]))
        self.assertContains(
            response, '<span lang="en">Open data skills</span> <span class="lang-note">(angliski)</span>'
        )

    def test_english_text_is_not_marked(self):
        with translation.override("en"):
            response = self.client.get(reverse("portal:commitment", args=["piektais", 1]))
        self.assertContains(response, "Measure 1.1</a>")
        self.assertNotContains(response, '<span lang="lv">Measure 1.1')

    def test_status_labels_and_roll_up_method_are_translated(self):
        with translation.override("en"):
            self.assertEqual(status_label(MeasureStatus.LIMITED), "Limited")
            english_method = str(ROLL_UP_METHOD)
        with translation.override("lv"):
            self.assertEqual(status_label(MeasureStatus.LIMITED), "Daļēji īstenots")
            self.assertTrue(str(ROLL_UP_METHOD).startswith("Katrs pasākums"), "untranslated roll-up method")
            self.assertNotEqual(str(ROLL_UP_METHOD), english_method)

    def test_every_portal_string_has_a_latvian_translation(self):
        text = PO.read_text(encoding="utf-8")
        header = 'msgid ""\nmsgstr ""\n"'
        entries = [e for e in text.split("\n\n") if re.search(r"^msgid ", e, re.M) and header not in e]
        self.assertGreater(len(entries), 200)
        for entry in entries:
            if entry.startswith("#~"):
                continue
            self.assertNotIn("#, fuzzy", entry, entry)
            self.assertNotRegex(entry, r'msgstr(\[\d\])? ""\Z', entry)
