"""/dati/api/consultations/: published consultations with their proposals and answers, no personal data."""

import json

from django.utils import translation

from consultations.models import Consultation, Proposal, ProposalOutcome
from opendata.testing import SECRET, make_public_plan, make_world
from tests.opendata_api_case import ApiTestCase

PROPOSAL_FIELDS = {
    "id",
    "order",
    "author_institution",
    "author_name",
    "essence",
    "response",
    "outcome",
    "outcome_label",
    "measures",
}


class ApiConsultationTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world(n_measures=2)
        cls.consultation = Consultation.objects.get(plan=cls.world["plan"])
        with translation.override("lv"):
            # A person's name the consultation page shows (no institution), and one it does not (an institution's
            # contact person).
            cls.by_person = Proposal.objects.create(
                consultation=cls.consultation,
                order=2,
                author_name="A. Autore",
                essence="Otrs priekšlikums",
                essence_en="Second proposal",
                response="Iekļauts 1.2. pasākumā",
            )
            Proposal.objects.create(
                consultation=cls.consultation,
                order=3,
                author_institution=cls.world["institution"],
                author_name=f"{SECRET}-contact-person",
                essence="Trešais priekšlikums",
            )
        cls.by_person.measures.add(cls.world["hidden_measure"], cls.world["measures"][1])

    def consultation_out(self, prefix="/dati/api/"):
        return self.get(f"{prefix}consultations/{self.consultation.pk}/")

    def test_each_consultation_comes_with_its_proposals_and_answers(self):
        listed = self.get("/dati/api/consultations/")
        self.assertEqual(listed["count"], 1)
        consultation = listed["items"][0]
        self.assertEqual(consultation, self.consultation_out())
        self.assertEqual((consultation["title"], consultation["proposals_count"]), ("Apspriešana", 3))
        self.assertEqual([p["order"] for p in consultation["proposals"]], [1, 2, 3])
        first, second, _third = consultation["proposals"]
        self.assertEqual((first["outcome"], first["outcome_label"]), (ProposalOutcome.ACCEPTED, "Ņemts vērā"))
        self.assertEqual(first["author_institution"]["slug"], self.world["other"].slug)
        self.assertEqual(
            (second["response"], second["outcome"], second["outcome_label"]), ("Iekļauts 1.2. pasākumā", None, None)
        )
        self.assertTrue(consultation["url"].endswith(f"/apspriesanas/{self.consultation.pk}/"))

    def test_what_the_page_shows_of_the_author_and_nothing_more(self):
        response = self.client.get("/dati/api/consultations/")
        self.assertNotIn(SECRET.encode(), response.content)
        self.assertNotIn(SECRET.lower().encode(), response.content)  # the accounts' e-mail addresses
        self.assertNotIn(b"@", response.content)
        proposals = json.loads(response.content)["items"][0]["proposals"]
        self.assertTrue(all(set(p) == PROPOSAL_FIELDS for p in proposals))
        self.assertEqual([p["author_name"] for p in proposals], [None, "A. Autore", None])

    def test_unpublished_plans_consultations_and_measures_are_absent(self):
        hidden = Consultation.objects.get(plan=self.world["hidden_plan"])
        self.assert_not_found(f"/dati/api/consultations/{hidden.pk}/")
        second = self.consultation_out()["proposals"][1]
        self.assertEqual([m["id"] for m in second["measures"]], [self.world["measures"][1].pk])

    def test_filter_by_plan(self):
        other_plan, _measures = make_public_plan(1)
        self.assertEqual(self.get(f"/dati/api/consultations/?plan={other_plan.slug}")["count"], 1)
        self.assertEqual(self.get("/dati/api/consultations/")["count"], 2)
        self.assertEqual(self.get("/dati/api/consultations/?plan=no-such-plan")["count"], 0)

    def test_texts_follow_the_language_of_the_address(self):
        second = self.consultation_out("/en/dati/api/")["proposals"][1]
        self.assertEqual(second["essence"], "Second proposal")
        first = self.consultation_out("/en/dati/api/")["proposals"][0]
        self.assertEqual(first["outcome_label"], "Taken into account")

    def test_the_list_takes_the_same_queries_for_more_rows(self):
        # count, page, proposals (with their authors), their measures
        self.assert_fixed_queries("/dati/api/consultations/", 4, lambda: make_public_plan(3))
