"""The issue's own search examples on the real data (issue 13, Search): `lidzdaliba`, `LĪDZDALĪBA` and
`līdzdalība` find the same 8 measures, `Pasvaldibu` and `Jauniesu` find what their spelled-out forms find,
`providus` finds the 2 measures PROVIDUS carries out; the page and the API agree; name-sorted lists follow
the Latvian alphabet. Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import io
import json
import re

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse

from commitments.models import Measure
from institutions.models import Institution
from ui.collation import latvian_sort_key

URL = reverse("portal:measures")


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False)
class RealDataSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_real_data", stdout=io.StringIO())

    def found(self, q: str) -> set[int]:
        response = self.client.get(URL, {"q": q})
        self.assertLessEqual(response.context["page"].paginator.count, 25)  # all on the first page
        return {m.pk for m in response.context["page"].object_list}

    def api_found(self, q: str) -> set[int]:
        content = json.loads(self.client.get(reverse("opendata:api:list_measures"), {"q": q}).content)
        return {item["id"] for item in content["items"]}

    def test_lidzdaliba_in_any_case_and_spelling_finds_the_same_eight_measures(self):
        found = self.found("līdzdalība")
        self.assertEqual(len(found), 8)
        for q in ("lidzdaliba", "LĪDZDALĪBA", "LIDZDALIBA"):
            with self.subTest(q=q):
                self.assertEqual(self.found(q), found)

    def test_words_typed_without_diacritics_find_what_the_spelled_out_words_find(self):
        for plain, spelled in (("Pasvaldibu", "pašvaldību"), ("Jauniesu", "jauniešu")):
            with self.subTest(q=plain):
                found = self.found(plain)
                self.assertTrue(found)
                self.assertEqual(found, self.found(spelled))

    def test_providus_finds_the_measures_providus_carries_out(self):
        providus = Institution.objects.get(abbreviation="PROVIDUS")
        expected = set(Measure.objects.published().of_institutions([providus.pk]).values_list("pk", flat=True))
        self.assertEqual(len(expected), 2)
        self.assertEqual(self.found("providus"), expected)

    def test_the_api_q_finds_what_the_page_finds(self):
        for q in ("lidzdaliba", "LĪDZDALĪBA", "līdzdalība", "Pasvaldibu", "Jauniesu", "providus"):
            with self.subTest(q=q):
                self.assertEqual(self.api_found(q), self.found(q))

    def test_the_institution_choices_follow_the_latvian_alphabet(self):
        content = self.client.get(URL).content.decode()
        select = re.search(r'<select name="institution".*?</select>', content, re.S).group(0)
        names = re.findall(r'<option value="[^"]+">([^<]+)</option>', select)
        self.assertEqual(names[:2], ["Aizsardzības ministrija", "Ārlietu ministrija"])
        self.assertEqual(names, sorted(names, key=latvian_sort_key))

    def test_the_institutions_page_follows_the_latvian_alphabet(self):
        rows = self.client.get(reverse("portal:institutions")).context["rows"]
        names = [row.institution.name for row in rows]
        self.assertGreater(len(names), 2)
        self.assertEqual(names, sorted(names, key=latvian_sort_key))
