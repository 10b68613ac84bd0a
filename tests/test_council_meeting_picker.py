"""Finding a meeting in the admin by its date as people write it, and by its agenda's titles."""

import datetime
import json

from django.urls import reverse

from council.admin_search import meeting_date_filter
from council.models import AgendaItem
from council.testing import make_council, make_meeting
from tests.base import BaseTestCase
from tests.factories import make_plan


class MeetingPickerTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        council = make_council(plan=make_plan(slug="picker-plan"))
        cls.november = make_meeting(council, number=5, date=datetime.date(2024, 11, 7))
        cls.april = make_meeting(council, number=4, date=datetime.date(2024, 4, 30))
        cls.older = make_meeting(council, number=1, date=datetime.date(2023, 2, 1))
        AgendaItem.objects.create(meeting=cls.april, order=1, title="Rīcības plāna aktualizācija")

    def found(self, term: str) -> set[int]:
        self.login(self.coordinator)
        response = self.client.get(reverse("admin:council_meeting_changelist"), {"q": term})
        return {meeting.pk for meeting in response.context["cl"].result_list}

    def test_a_day_in_either_form(self):
        self.assertEqual(self.found("7.11.2024"), {self.november.pk})
        self.assertEqual(self.found("2024-11-07"), {self.november.pk})

    def test_a_month_or_a_year(self):
        self.assertEqual(self.found("11.2024"), {self.november.pk})
        self.assertEqual(self.found("2024-04"), {self.april.pk})
        self.assertEqual(self.found("2024"), {self.november.pk, self.april.pk})

    def test_the_agenda_titles_and_the_number(self):
        self.assertEqual(self.found("aktualizācija"), {self.april.pk})
        self.assertEqual(self.found("1"), {self.older.pk})

    def test_the_revision_meeting_picker_finds_it_by_date(self):
        self.login(self.coordinator)
        params = {
            "term": "7.11.2024",
            "app_label": "plans",
            "model_name": "planrevision",
            "field_name": "decided_at_meeting",
        }
        response = self.client.get(reverse("admin:autocomplete"), params)
        self.assertEqual(response.status_code, 200, response.content)
        ids = {int(result["id"]) for result in json.loads(response.content)["results"]}
        self.assertEqual(ids, {self.november.pk})

    def test_words_that_are_not_dates(self):
        self.assertIsNone(meeting_date_filter("padome"))
        self.assertIsNone(meeting_date_filter("13.2024"))
