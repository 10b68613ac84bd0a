"""/dati/api/decisions/: the decisions of published council meetings, as the public meeting pages show them."""

import datetime

from django.utils import translation

from council.models import AgendaItem, Council, Meeting, MeetingStatus
from opendata.testing import SECRET, make_public_plan, make_world
from tests.opendata_api_case import ApiTestCase


class ApiDecisionTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world(n_measures=2)
        meeting = cls.world["meeting"]
        cls.decision = meeting.agenda_items.get()
        with translation.override("lv"):
            cls.decision.decision_en = "To take note"
            cls.decision.save()
            # An item without a decision records none; the unpublished meetings' decisions are the council's.
            AgendaItem.objects.create(meeting=meeting, order=2, title="Dažādi")
            for item in AgendaItem.objects.exclude(meeting=meeting):
                item.decision = f"{SECRET}-decision"
                item.save()
        cls.second = cls.add_meeting(cls.world["plan"], decision="Apstiprināt")

    @staticmethod
    @translation.override("lv")
    def add_meeting(plan, decision):
        council = Council.objects.filter(plan=plan).first() or Council.objects.create(name="Padome", plan=plan)
        meeting = Meeting.objects.create(
            council=council, date=datetime.date(2025, 2, 3), status=MeetingStatus.PUBLISHED
        )
        item = AgendaItem.objects.create(meeting=meeting, order=1, title="Par plānu", decision=decision)
        item.measures.add(*plan.measures.all())
        return item

    def test_each_decision_with_its_meeting_and_measures(self):
        listed = self.get("/dati/api/decisions/")
        self.assertEqual([d["id"] for d in listed["items"]], [self.second.pk, self.decision.pk])
        decision = listed["items"][1]
        self.assertEqual(decision, self.get(f"/dati/api/decisions/{self.decision.pk}/"))
        self.assertEqual(
            (decision["order"], decision["title"], decision["decision"]), (1, "Par progresu", "Pieņemt zināšanai")
        )
        meeting = self.world["meeting"]
        self.assertEqual(decision["meeting"]["id"], meeting.pk)
        self.assertEqual((decision["meeting"]["number"], decision["meeting"]["date"]), (5, "2024-11-07"))
        self.assertTrue(decision["meeting"]["url"].endswith(f"/padome/sedes/{meeting.pk}/"))

    def test_unpublished_meetings_items_without_a_decision_and_hidden_measures_are_absent(self):
        response = self.client.get("/dati/api/decisions/?page_size=200")
        self.assertNotIn(SECRET.encode(), response.content)
        self.assertNotIn("Dažādi".encode(), response.content)
        decision = self.get(f"/dati/api/decisions/{self.decision.pk}/")
        # The item discussed a measure of the unpublished plan too.
        self.assertEqual([m["id"] for m in decision["measures"]], [self.world["measure"].pk])
        for item in AgendaItem.objects.exclude(pk__in=[self.decision.pk, self.second.pk]):
            self.assert_not_found(f"/dati/api/decisions/{item.pk}/")

    def test_filters(self):
        world = self.world
        other_plan, _measures = make_public_plan(1)
        self.add_meeting(other_plan, decision="Cits lēmums")
        self.assertEqual(self.get("/dati/api/decisions/")["count"], 3)
        self.assertEqual(self.get(f"/dati/api/decisions/?plan={world['plan'].slug}")["count"], 2)
        by_meeting = self.get(f"/dati/api/decisions/?meeting={world['meeting'].pk}")
        self.assertEqual([d["id"] for d in by_meeting["items"]], [self.decision.pk])
        by_measure = self.get(f"/dati/api/decisions/?measure={world['measures'][1].pk}")
        self.assertEqual([d["id"] for d in by_measure["items"]], [self.second.pk])
        self.assertEqual(self.get(f"/dati/api/decisions/?measure={world['hidden_measure'].pk}")["count"], 0)

    def test_texts_follow_the_language_of_the_address(self):
        self.assertEqual(self.get(f"/en/dati/api/decisions/{self.decision.pk}/")["decision"], "To take note")
        # No English decision: the Latvian one.
        self.assertEqual(self.get(f"/en/dati/api/decisions/{self.second.pk}/")["decision"], "Apstiprināt")

    def test_the_list_takes_the_same_queries_for_more_rows(self):
        # count, page, measures
        self.assert_fixed_queries(
            "/dati/api/decisions/", 3, lambda: self.add_meeting(make_public_plan(3)[0], decision="Lēmums")
        )
