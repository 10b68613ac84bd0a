"""/dati/api/funding/: funding sources with yearly amounts as numbers, unknown as null, published only."""

import json
from decimal import Decimal

from django.utils import translation

from opendata.testing import SECRET, make_public_plan, make_world
from plans.models import FundingAmount, FundingSource
from tests.opendata_api_case import ApiTestCase


class ApiFundingTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world(n_measures=2)
        with translation.override("lv"):
            # A general budget line (no plan) funding a public and a hidden measure.
            cls.general = FundingSource.objects.create(
                programme="Valsts budžets",
                title="Budžeta programma",
                title_en="Budget programme",
                total_amount=Decimal("1234567.89"),
                currency="USD",
            )
        FundingAmount.objects.create(source=cls.general, year=2025, amount=Decimal("1500.50"))
        FundingAmount.objects.create(source=cls.general, year=2024, amount=Decimal("0.10"))
        cls.general.measures.add(cls.world["measure"], cls.world["hidden_measure"])
        cls.plan_source = FundingSource.objects.get(plan=cls.world["plan"])

    def by_id(self, body):
        return {item["id"]: item for item in body["items"]}

    def test_amounts_are_numbers_and_an_unknown_total_is_null(self):
        response = self.client.get("/dati/api/funding/")
        self.assertNotIn(b'"2023: 90000', response.content)
        items = self.by_id(json.loads(response.content))
        plan_source, general = items[self.plan_source.pk], items[self.general.pk]
        self.assertEqual(plan_source["yearly_amounts"], [{"year": 2023, "amount": 90000}])
        self.assertIsInstance(plan_source["yearly_amounts"][0]["amount"], float)
        self.assertIsNone(plan_source["total_amount"])
        self.assertEqual(general["total_amount"], 1234567.89)
        self.assertEqual(general["yearly_amounts"], [{"year": 2024, "amount": 0.1}, {"year": 2025, "amount": 1500.5}])

    def test_currency_and_source_fields_as_stored(self):
        general = self.get(f"/dati/api/funding/{self.general.pk}/")
        self.assertEqual(general["currency"], "USD")
        self.assertEqual((general["programme"], general["code"], general["plan"]), ("Valsts budžets", "", None))
        plan_source = self.get(f"/dati/api/funding/{self.plan_source.pk}/")
        self.assertEqual((plan_source["currency"], plan_source["code"]), ("EUR", "4.3.4.5"))
        self.assertEqual(plan_source["plan"]["slug"], self.world["plan"].slug)

    def test_it_gives_the_measures_funded_and_their_commitments(self):
        plan_source = self.get(f"/dati/api/funding/{self.plan_source.pk}/")
        self.assertEqual({m["id"] for m in plan_source["measures"]}, {m.pk for m in self.world["measures"]})
        self.assertEqual(plan_source["measures"][0]["commitment"]["number"], 1)

    def test_unpublished_plans_and_their_measures_are_absent(self):
        response = self.client.get("/dati/api/funding/?page_size=200")
        self.assertNotIn(SECRET.encode(), response.content)
        general = self.by_id(json.loads(response.content))[self.general.pk]
        self.assertEqual([m["id"] for m in general["measures"]], [self.world["measure"].pk])
        hidden = FundingSource.objects.get(plan=self.world["hidden_plan"])
        self.assert_not_found(f"/dati/api/funding/{hidden.pk}/")

    def test_filters(self):
        world = self.world
        both = {self.general.pk, self.plan_source.pk}
        self.assertEqual(set(self.by_id(self.get(f"/dati/api/funding/?measure={world['measure'].pk}"))), both)
        self.assertEqual(self.get(f"/dati/api/funding/?measure={world['hidden_measure'].pk}")["count"], 0)
        commitment = world["measure"].commitment_id
        self.assertEqual(set(self.by_id(self.get(f"/dati/api/funding/?commitment={commitment}"))), both)
        by_plan = self.get(f"/dati/api/funding/?plan={world['plan'].slug}")
        self.assertEqual(list(self.by_id(by_plan)), [self.plan_source.pk])
        self.assertEqual(self.get("/dati/api/funding/?plan=no-such-plan")["count"], 0)

    def test_texts_follow_the_language_of_the_address(self):
        self.assertEqual(self.get(f"/en/dati/api/funding/{self.general.pk}/")["title"], "Budget programme")
        self.assertEqual(self.get(f"/dati/api/funding/{self.general.pk}/")["title"], "Budžeta programma")

    def test_the_list_takes_the_same_queries_for_more_rows(self):
        # count, page, yearly amounts, measures (with their commitments)
        self.assert_fixed_queries("/dati/api/funding/", 4, lambda: make_public_plan(3))
