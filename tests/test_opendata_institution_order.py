"""The institutions dataset and the API's institution list follow the Latvian alphabet, as the Latvian
institutions page does (before, "Ārlietu ministrija" came after "Zemkopības ministrija")."""

from django.test import TestCase

from opendata.selectors import public_institutions
from tests.factories import make_institution

NAMES = ["Zemkopības ministrija", "Ārlietu ministrija", "Bērnu lietu centrs", "Aizsardzības ministrija"]
LATVIAN_ORDER = ["Aizsardzības ministrija", "Ārlietu ministrija", "Bērnu lietu centrs", "Zemkopības ministrija"]


class InstitutionOrderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        for name in NAMES:
            make_institution(name=name, name_lv=name)

    def test_the_dataset_follows_the_latvian_alphabet(self):
        names = [i.name_lv for i in public_institutions() if i.name_lv in NAMES]
        self.assertEqual(names, LATVIAN_ORDER)

    def test_the_api_list_follows_it_in_both_languages(self):
        for prefix in ("", "/en"):
            with self.subTest(prefix=prefix):
                items = self.client.get(f"{prefix}/dati/api/institutions/?page_size=200").json()["items"]
                slugs = {i.slug: i.name_lv for i in public_institutions()}
                names = [slugs[item["slug"]] for item in items if slugs.get(item["slug"]) in NAMES]
                self.assertEqual(names, LATVIAN_ORDER)
