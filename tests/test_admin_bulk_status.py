"""The measure list's bulk action: one status and one reason for the selected measures."""

from unittest import mock

from django.urls import reverse

from commitments.models import Measure, MeasureStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_measure

URL = reverse("admin:commitments_measure_changelist")


class BulkStatusTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        commitment = make_commitment()
        cls.a, cls.b = (make_measure(commitment, status=MeasureStatus.LIMITED) for _ in range(2))
        cls.done = make_measure(commitment, status=MeasureStatus.COMPLETE)

    def post(self, measures, **form):
        data = {"action": "set_status", "_selected_action": [m.pk for m in measures], "index": 0, **form}
        return self.client.post(URL, data)

    def records(self, measure):
        return list(Measure.history.filter(id=measure.pk).order_by("-history_id"))

    def test_choosing_the_action_asks_for_status_and_reason(self):
        self.login(self.coordinator)
        response = self.post([self.a, self.b])
        self.assertContains(response, 'name="reason"')
        self.assertContains(response, 'name="apply"')
        self.assertContains(response, str(self.a))
        self.assertContains(response, f'name="_selected_action" value="{self.b.pk}"')
        self.assertEqual(Measure.objects.get(pk=self.a.pk).status, MeasureStatus.LIMITED)

    def test_it_sets_the_status_with_one_record_per_measure(self):
        self.login(self.coordinator)
        before = {m.pk: len(self.records(m)) for m in (self.a, self.b, self.done)}
        response = self.post([self.a, self.b, self.done], status=MeasureStatus.COMPLETE, reason="Pieņemts", apply="1")
        self.assertRedirects(response, URL, fetch_redirect_response=False)
        for measure in (self.a, self.b):
            records = self.records(measure)
            self.assertEqual(len(records), before[measure.pk] + 1)
            self.assertEqual(
                (records[0].status, records[0].history_change_reason, records[0].history_user),
                (MeasureStatus.COMPLETE, "Pieņemts", self.coordinator),
            )
        # Already complete: nothing to record.
        self.assertEqual(len(self.records(self.done)), before[self.done.pk])

    def test_it_says_how_many_changed(self):
        self.login(self.coordinator)
        response = self.post([self.a, self.done], status=MeasureStatus.COMPLETE, reason="Pieņemts", apply="1")
        messages = [str(m) for m in response.wsgi_request._messages]
        self.assertEqual(len(messages), 1)
        self.assertIn("1", messages[0])

    def test_it_requires_a_reason(self):
        self.login(self.coordinator)
        response = self.post([self.a], status=MeasureStatus.COMPLETE, reason="  ", apply="1")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "errorlist")
        self.assertEqual(Measure.objects.get(pk=self.a.pk).status, MeasureStatus.LIMITED)

    def test_a_refusal_changes_none_of_them(self):
        self.login(self.coordinator)

        def refuse_b(user, measure=None):
            return measure is None or measure.pk != self.b.pk

        with mock.patch("commitments.services.policy.can_change_measure_status", refuse_b):
            self.post([self.a, self.b], status=MeasureStatus.COMPLETE, reason="Pieņemts", apply="1")
        self.assertEqual(
            set(Measure.objects.filter(pk__in=[self.a.pk, self.b.pk]).values_list("status", flat=True)),
            {MeasureStatus.LIMITED},
        )

    def test_it_is_not_offered_to_institution_editors(self):
        self.login(self.editor)
        response = self.client.get(URL)
        self.assertNotContains(response, 'value="set_status"')

    def test_it_is_offered_to_the_coordinator(self):
        self.login(self.coordinator)
        self.assertContains(self.client.get(URL), 'value="set_status"')
