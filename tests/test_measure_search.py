"""The measure search (issue 13, Search): words found whatever their case and Latvian diacritics, in the
measure's text and its institutions' names; results sorted by number, due date, status or institution,
the sort kept in the URL. Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import datetime
import json
import re

from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from commitments.models import MeasureStatus
from portal.views.measures import PAGE_SIZE
from tests.factories import make_commitment, make_institution, make_measure, make_plan

URL = reverse("portal:measures")


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False)
class MeasureSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ministry = make_institution(
            slug="arlietu", name="Ārlietu ministrija", name_en="Ministry of Foreign Affairs"
        )
        cls.defence = make_institution(
            slug="aizsardzibas", name="Aizsardzības ministrija", name_en="", abbreviation="AM"
        )
        cls.ngo = make_institution(
            slug="providus", name="Sabiedriskās politikas centrs PROVIDUS", name_en="", abbreviation="PROVIDUS"
        )
        cls.school = make_institution(slug="vas", name="Valsts administrācijas skola", name_en="", abbreviation="VAS")
        plan = make_plan(slug="piektais", short_name="Piektais plāns")
        commitment = make_commitment(plan, number=1)
        cls.participation = make_measure(
            commitment,
            number="1.1",
            title="Sabiedrības līdzdalība pašvaldību lēmumos",
            status=MeasureStatus.COMPLETE,
            due_date=datetime.date(2025, 6, 30),
            responsible_institution=cls.school,
        )
        cls.youth = make_measure(
            commitment,
            number="1.2",
            title="Jauniešu iesaiste",
            status=MeasureStatus.NO_INFORMATION,
            due_date=None,
            responsible_institution=cls.ministry,
        )
        cls.data = make_measure(
            commitment,
            number="1.3",
            title="Atvērtie dati",
            status=MeasureStatus.NOT_STARTED,
            due_date=datetime.date(2024, 3, 31),
            responsible_institution=cls.defence,
        )
        cls.data.other_implementers.add(cls.ngo)
        cls.lobby = make_measure(
            commitment,
            number="1.4",
            title="Lobēšanas atklātība",
            status=MeasureStatus.LIMITED,
            due_date=datetime.date(2024, 12, 31),
            responsible_institution=None,
        )
        make_measure(
            make_commitment(make_plan(is_published=False), number=1),
            title="Līdzdalība SECRET",
            responsible_institution=cls.ngo,
        )

    def found(self, **params) -> list[str]:
        response = self.client.get(URL, params)
        self.assertEqual(response.status_code, 200)
        return [m.number for m in response.context["page"].object_list]

    def test_case_and_diacritics_do_not_matter(self):
        for words in ("līdzdalība", "lidzdaliba", "LĪDZDALĪBA", "LIDZDALIBA", "Pasvaldibu", "PAŠVALDĪBU"):
            with self.subTest(q=words):
                self.assertEqual(self.found(q=words), ["1.1"])
        self.assertEqual(self.found(q="Jauniesu"), ["1.2"])

    def test_every_word_must_be_found(self):
        self.assertEqual(self.found(q="lidzdaliba pasvaldibu"), ["1.1"])
        self.assertEqual(self.found(q="lidzdaliba jauniesu"), [])

    def test_institution_names_and_abbreviations_are_searched(self):
        # PROVIDUS is an other implementer of 1.3; the school is responsible for 1.1; "Ārlietu" by its name
        # without the macron; a draft plan's measure of PROVIDUS stays hidden.
        self.assertEqual(self.found(q="providus"), ["1.3"])
        self.assertEqual(self.found(q="vas"), ["1.1"])
        self.assertEqual(self.found(q="arlietu"), ["1.2"])
        self.assertEqual(self.found(q="Foreign"), ["1.2"])

    def test_a_sorted_search_runs_as_many_queries_as_the_plain_list(self):
        self.client.get(URL)  # what is read once per process
        with CaptureQueriesContext(connection) as plain:
            self.client.get(URL)
        with self.assertNumQueries(len(plain.captured_queries)):
            self.client.get(URL, {"q": "lidzdaliba", "sort": "institution"})

    def test_the_default_order_is_by_number(self):
        self.assertEqual(self.found(), ["1.1", "1.2", "1.3", "1.4"])
        self.assertEqual(self.found(sort="number"), ["1.1", "1.2", "1.3", "1.4"])

    def test_due_date_order_puts_unknown_due_dates_last(self):
        self.assertEqual(self.found(sort="due"), ["1.3", "1.4", "1.1", "1.2"])

    def test_status_order_follows_the_scale_with_no_information_last(self):
        self.assertEqual(self.found(sort="status"), ["1.3", "1.4", "1.1", "1.2"])

    def test_institution_order_follows_the_latvian_alphabet(self):
        # Aizsardzības, Ārlietu, Valsts administrācijas skola; no responsible institution last.
        self.assertEqual(self.found(sort="institution"), ["1.3", "1.2", "1.1", "1.4"])

    def test_institution_order_on_english_pages_follows_the_names_shown(self):
        with translation.override("en"):
            url = reverse("portal:measures")
        response = self.client.get(url, {"sort": "institution"})
        # Aizsardzības ministrija (no English name), Ministry of Foreign Affairs, Valsts administrācijas skola.
        self.assertEqual([m.number for m in response.context["page"].object_list], ["1.3", "1.2", "1.1", "1.4"])

    def test_the_sort_is_in_the_form_and_kept_in_pagination_links(self):
        commitment = make_commitment(self.participation.plan, number=2)
        for k in range(PAGE_SIZE):
            make_measure(commitment, number=f"2.{k + 1}", due_date=datetime.date(2024, 1, 1))
        response = self.client.get(URL, {"sort": "due"})
        content = response.content.decode()
        self.assertRegex(
            content,
            r"(?s)<select name=\"sort\"[^>]*>.*<option value=\"due\" selected>",
        )
        self.assertIn("?sort=due&amp;page=2", content)
        self.assertIn('<label for="id_sort">Kārtot pēc</label>', content)
        self.assertIn('<option value="due" selected>Izpildes termiņa</option>', content)

    def test_an_unknown_sort_is_reported_and_the_list_still_shown(self):
        response = self.client.get(URL, {"sort": "bogus"})
        self.assertContains(response, "Dažus filtrus nevarēja izmantot")
        self.assertEqual([m.number for m in response.context["page"].object_list], ["1.1", "1.2", "1.3", "1.4"])

    def test_the_institution_choices_follow_the_latvian_alphabet(self):
        content = self.client.get(URL).content.decode()
        select = re.search(r'<select name="institution".*?</select>', content, re.S).group(0)
        self.assertEqual(
            re.findall(r'<option value="([a-z]+)"', select), ["aizsardzibas", "arlietu", "providus", "vas"]
        )

    def test_the_institutions_page_follows_the_latvian_alphabet(self):
        rows = self.client.get(reverse("portal:institutions")).context["rows"]
        self.assertEqual([row.institution.slug for row in rows], ["aizsardzibas", "arlietu", "providus", "vas"])

    def test_the_api_q_finds_the_same_measures(self):
        for words in ("lidzdaliba", "LĪDZDALĪBA", "providus", "Jauniesu"):
            with self.subTest(q=words):
                api = json.loads(self.client.get(reverse("opendata:api:list_measures"), {"q": words}).content)
                self.assertEqual(sorted(item["number"] for item in api["items"]), sorted(self.found(q=words)))


@override_settings(PAGE_CACHE_ENABLED=True, FRAGMENT_CACHE_ENABLED=True)
class SortedPartsCacheTests(TestCase):
    """With the caches on, each sort is its own part: the second order is not the first one served again."""

    def setUp(self):
        cache.clear()

    def titles_in_order(self, sort: str) -> list[str]:
        content = self.client.get(URL, {"sort": sort}).content.decode()
        return sorted(("Zeta", "Alfa"), key=content.index)

    def test_each_sort_is_cached_apart(self):
        commitment = make_commitment(make_plan(), number=1)
        make_measure(commitment, number="1.1", title="Zeta", due_date=datetime.date(2025, 1, 1))
        make_measure(commitment, number="1.2", title="Alfa", due_date=datetime.date(2024, 1, 1))
        for _ in range(2):  # the second time from the cache
            self.assertEqual(self.titles_in_order("number"), ["Zeta", "Alfa"])
            self.assertEqual(self.titles_in_order("due"), ["Alfa", "Zeta"])
