"""Overdue and done are defined once (commitments.models) and every reader agrees with it."""

import datetime
import itertools
from unittest import mock

from django.contrib.admin.sites import site
from django.test import RequestFactory, TestCase

from commitments.admin import OverdueFilter
from commitments.models import DONE_STATUSES, Measure, MeasureStatus, is_overdue
from commitments.selectors import plan_summary
from reports.selectors import report_data
from tests.factories import make_commitment, make_plan
from tests.report_history import all_history_on

TODAY = datetime.date(2025, 6, 1)
DUE_DATES = (None, datetime.date(2025, 5, 31), TODAY, datetime.date(2025, 6, 2))


class OverdueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plan = make_plan()
        commitment = make_commitment(plan=cls.plan)
        for n, (status, due) in enumerate(itertools.product(MeasureStatus.values, DUE_DATES), start=1):
            Measure.objects.create(
                plan=cls.plan,
                commitment=commitment,
                number=f"1.{n}",
                order=n,
                title=f"M {n}",
                status=status,
                due_date=due,
            )
        all_history_on(datetime.date(2025, 1, 1))  # the report reads the measures as recorded on TODAY
        cls.expected = {
            m.pk for m in Measure.objects.all() if m.due_date and m.due_date < TODAY and m.status not in DONE_STATUSES
        }

    def test_done_means_complete_or_withdrawn(self):
        self.assertEqual(set(DONE_STATUSES), {MeasureStatus.COMPLETE, MeasureStatus.WITHDRAWN})

    def test_the_queryset_and_the_instance_agree(self):
        self.assertEqual(len(self.expected), 4)  # due yesterday, in each of the four states that are not done
        self.assertEqual(set(Measure.objects.overdue(TODAY).values_list("pk", flat=True)), self.expected)
        self.assertEqual({m.pk for m in Measure.objects.all() if m.is_overdue(TODAY)}, self.expected)
        every = set(Measure.objects.values_list("pk", flat=True))
        self.assertEqual(set(Measure.objects.not_overdue(TODAY).values_list("pk", flat=True)), every - self.expected)

    def test_a_reported_status_follows_the_same_rule(self):
        self.assertTrue(is_overdue(MeasureStatus.LIMITED, datetime.date(2025, 5, 31), TODAY))
        self.assertFalse(is_overdue(MeasureStatus.WITHDRAWN, datetime.date(2025, 5, 31), TODAY))
        self.assertFalse(is_overdue(MeasureStatus.LIMITED, None, TODAY))

    def test_the_dashboard_summary_and_the_report_count_the_same_measures(self):
        self.assertEqual(plan_summary(plan=self.plan, today=TODAY).overdue, len(self.expected))
        data = report_data(plan=self.plan, kind="final", as_of=TODAY)
        self.assertEqual({view.measure.pk for view in data.overdue}, self.expected)

    def test_the_admin_filter_splits_the_measures_in_two(self):
        request = RequestFactory().get("/")
        every = set(Measure.objects.values_list("pk", flat=True))
        for value, expected in (("yes", self.expected), ("no", every - self.expected)):
            with self.subTest(value), mock.patch("django.utils.timezone.localdate", return_value=TODAY):
                overdue_filter = OverdueFilter(request, {"overdue": [value]}, Measure, site._registry[Measure])
                found = overdue_filter.queryset(request, Measure.objects.all())
                self.assertEqual(set(found.values_list("pk", flat=True)), expected)
