"""A plan's figures agree everywhere the public reads them (on the real data): its dashboard, the plan list,
the measure search, the measures dataset and the API."""

import datetime
import io
import json
from collections import Counter
from unittest import mock

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from commitments.models import Measure, MeasureStatus
from plans.selectors import public_plans

TODAY = datetime.date(2025, 6, 1)
today = mock.patch("django.utils.timezone.localdate", return_value=TODAY)


@today
class PlanCountsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_real_data", stdout=io.StringIO())
        # The real data has no reported status and no due date yet. For the comparison to mean something,
        # this test (only) gives a few measures a status and a due date, saved as an editor would.
        measures = list(Measure.objects.order_by("plan__period_start", "commitment__number", "order")[:8])
        statuses = [MeasureStatus.COMPLETE, MeasureStatus.SUBSTANTIAL, MeasureStatus.LIMITED, MeasureStatus.NOT_STARTED]
        for i, measure in enumerate(measures):
            measure.status = statuses[i % len(statuses)]
            measure.due_date = datetime.date(2024, 12, 31) if i % 2 else None
            measure.save()

    def dataset_items(self, plan) -> list[dict]:
        url = reverse("opendata:download", args=["measures", "json"]) + f"?plan={plan.slug}"
        return json.loads(self.client.get(url).content)["items"]

    def search_count(self, query: str) -> int:
        return self.client.get(reverse("portal:measures") + "?" + query).context["page"].paginator.count

    def api_count(self, query: str) -> int:
        return json.loads(self.client.get(reverse("opendata:api:list_measures") + "?page_size=1&" + query).content)[
            "count"
        ]

    def test_every_plan_has_the_same_counts_on_every_page_download_and_api(self, _):
        listed = dict(self.client.get(reverse("portal:plans")).context["plans"])
        plans = list(public_plans())
        self.assertGreaterEqual(len(plans), 2)
        for plan in plans:
            with self.subTest(plan.slug):
                summary = self.client.get(reverse("portal:plan", args=[plan.slug])).context["summary"]
                items = self.dataset_items(plan)
                by_status = Counter(item["status"] for item in items)
                self.assertEqual(summary.total, len(items))
                self.assertEqual(listed[plan].total, summary.total)
                for status in MeasureStatus.values:
                    query = f"plan={plan.slug}&status={status}"
                    count = summary.counts.get(status, 0)
                    self.assertEqual(by_status[status], count, status)
                    self.assertEqual(listed[plan].counts.get(status, 0), count, status)
                    self.assertEqual(self.search_count(query), count, status)
                    self.assertEqual(self.api_count(query), count, status)
                self.assertEqual((listed[plan].reported, listed[plan].complete), (summary.reported, summary.complete))
                counted = [item for item in items if item["status"] != MeasureStatus.WITHDRAWN]
                self.assertEqual(summary.due_unknown, sum(item["due_date"] is None for item in counted))
                self.assertEqual(summary.with_due_date, sum(item["due_date"] is not None for item in counted))
                self.assertEqual(self.search_count(f"plan={plan.slug}&overdue=1"), summary.overdue)

    def test_the_changed_figures_show_on_the_dashboard(self, _):
        """The comparison above is not between zeros: the plan with the changed measures says so."""
        plan = Measure.objects.order_by("plan__period_start").first().plan
        summary = self.client.get(reverse("portal:plan", args=[plan.slug])).context["summary"]
        self.assertEqual((summary.reported, summary.complete, summary.high_completion), (8, 2, 4))
        self.assertEqual((summary.with_due_date, summary.overdue), (4, 4))  # the dated ones are not complete
