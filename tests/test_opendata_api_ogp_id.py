"""Commitments and measures by their OGP ID: a filter on both lists and a commitment's own address."""

from commitments.models import Commitment
from opendata.testing import make_world
from tests.opendata_api_case import ApiTestCase


class ApiOgpIdTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world(n_measures=2)
        cls.commitment = cls.world["measure"].commitment
        Commitment.objects.filter(pk=cls.commitment.pk).update(ogp_id="XX0051")
        Commitment.objects.filter(plan=cls.world["hidden_plan"]).update(ogp_id="XX0666")

    def test_a_commitment_is_found_by_its_ogp_id_whatever_the_case(self):
        for ogp_id in ("XX0051", "xx0051"):
            with self.subTest(ogp_id=ogp_id):
                commitment = self.get(f"/dati/api/commitments/ogp/{ogp_id}/")
                self.assertEqual((commitment["id"], commitment["ogp_id"]), (self.commitment.pk, "XX0051"))
                self.assertEqual({m["id"] for m in commitment["measures"]}, {m.pk for m in self.world["measures"]})
        self.assertEqual(
            self.get("/dati/api/commitments/ogp/XX0051/"), self.get(f"/dati/api/commitments/{self.commitment.pk}/")
        )

    def test_an_absent_or_unpublished_ogp_id_is_a_404_in_the_error_shape(self):
        self.assert_not_found("/dati/api/commitments/ogp/XX9999/")
        self.assert_not_found("/dati/api/commitments/ogp/XX0666/")
        self.assert_not_found("/en/dati/api/commitments/ogp/XX0666/")

    def test_a_nul_in_the_ogp_id_is_refused(self):
        body = self.get("/dati/api/commitments/ogp/XX%00/", 422)
        self.assertEqual(body["errors"][0]["loc"][:2], ["path", "ogp_id"])
        for endpoint in ("commitments", "measures"):
            body = self.get(f"/dati/api/{endpoint}/?ogp_id=%00", 422)
            self.assertEqual(body["errors"][0]["loc"][:2], ["query", "ogp_id"])

    def test_the_lists_filter_by_ogp_id(self):
        commitments = self.get("/dati/api/commitments/?ogp_id=xx0051")
        self.assertEqual([c["id"] for c in commitments["items"]], [self.commitment.pk])
        measures = self.get("/dati/api/measures/?ogp_id=XX0051&page_size=200")
        self.assertEqual({m["id"] for m in measures["items"]}, {m.pk for m in self.world["measures"]})
        for endpoint in ("commitments", "measures"):
            with self.subTest(endpoint=endpoint):
                self.assertEqual(self.get(f"/dati/api/{endpoint}/?ogp_id=XX0666")["count"], 0)
                self.assertEqual(self.get(f"/dati/api/{endpoint}/?ogp_id=XX9999")["count"], 0)
