import datetime

from django.test import TestCase
from django.utils import translation

from commitments.models import MeasureStatus
from commitments.selectors import plan_summary
from tests.factories import make_commitment, make_measure, make_plan
from ui.charts import commitment_progress_svg, measure_timeline_svg, status_distribution_svg

TODAY = datetime.date(2025, 6, 1)


class PlanSummaryTests(TestCase):
    def setUp(self):
        self.plan = make_plan()
        self.c1 = make_commitment(plan=self.plan, number=1)
        self.c2 = make_commitment(plan=self.plan, number=2, special_attention=True)
        make_measure(commitment=self.c1, status=MeasureStatus.COMPLETE)
        make_measure(commitment=self.c1, status=MeasureStatus.LIMITED, due_date=datetime.date(2025, 1, 1))
        make_measure(commitment=self.c1, status=MeasureStatus.WITHDRAWN, due_date=datetime.date(2025, 1, 1))
        make_measure(commitment=self.c2, status=MeasureStatus.NO_INFORMATION)
        make_measure(commitment=self.c2, status=MeasureStatus.COMPLETE, due_date=datetime.date(2025, 1, 1))

    def test_it_counts_statuses_and_excludes_withdrawn_from_the_share(self):
        summary = plan_summary(plan=self.plan, today=TODAY)
        self.assertEqual(summary.total, 5)
        self.assertEqual(summary.counted, 4)
        self.assertEqual(summary.complete, 2)
        self.assertEqual(summary.percent_complete, 50)
        counts = {row.status: row.count for row in summary.by_status()}
        self.assertEqual(counts[MeasureStatus.LIMITED], 1)
        self.assertEqual(counts[MeasureStatus.WITHDRAWN], 1)

    def test_it_rolls_up_per_commitment(self):
        summary = plan_summary(plan=self.plan, today=TODAY)
        first, second = summary.commitments
        self.assertEqual((first.commitment, first.total, first.percent_complete), (self.c1, 3, 50))
        self.assertEqual((second.commitment, second.total, second.percent_complete), (self.c2, 2, 50))

    def test_it_counts_overdue_and_special_attention(self):
        summary = plan_summary(plan=self.plan, today=TODAY)
        self.assertEqual(summary.overdue, 1)  # the limited one; complete and withdrawn are not overdue
        self.assertEqual(summary.special_attention, 2)  # both measures of commitment 2

    def test_it_says_how_many_measures_have_a_reported_status(self):
        summary = plan_summary(plan=self.plan, today=TODAY)
        # Withdrawn is out of the count; "no information" is counted apart, never as not complete.
        self.assertEqual((summary.counted, summary.reported, summary.unreported), (4, 3, 1))
        self.assertFalse(summary.nothing_reported)

    def test_it_reads_completion_on_ogps_scale_over_the_reported_measures(self):
        summary = plan_summary(plan=self.plan, today=TODAY)
        self.assertEqual(summary.high_completion, 2)  # two complete; the limited one is not high
        self.assertEqual(summary.percent_high_completion, 67)  # 2 of the 3 with a reported status

    def test_it_counts_overdue_only_over_measures_with_a_due_date(self):
        summary = plan_summary(plan=self.plan, today=TODAY)
        # Withdrawn measures are out; of the other four, two have a due date.
        self.assertEqual((summary.with_due_date, summary.due_unknown, summary.overdue), (2, 2, 1))

    def test_nothing_reported_gives_no_completion_share(self):
        plan = make_plan()
        commitment = make_commitment(plan=plan)
        for _ in range(3):
            make_measure(commitment=commitment, status=MeasureStatus.NO_INFORMATION)
        summary = plan_summary(plan=plan, today=TODAY)
        self.assertTrue(summary.nothing_reported)
        self.assertEqual((summary.reported, summary.unreported), (0, 3))
        self.assertIsNone(summary.percent_high_completion)
        self.assertEqual((summary.with_due_date, summary.due_unknown, summary.overdue), (0, 3, 0))

    def test_it_runs_a_fixed_number_of_queries(self):
        with self.assertNumQueries(2):
            plan_summary(plan=self.plan, today=TODAY)
        for _ in range(10):
            make_measure(commitment=make_commitment(plan=self.plan))
        with self.assertNumQueries(2):
            plan_summary(plan=self.plan, today=TODAY)

    def test_an_empty_plan_is_zero_percent(self):
        summary = plan_summary(plan=make_plan(), today=TODAY)
        self.assertEqual((summary.total, summary.percent_complete, summary.commitments), (0, 0, []))


class ChartTests(TestCase):
    def setUp(self):
        self.enterContext(translation.override("en"))  # the assertions read English labels
        self.plan = make_plan()
        commitment = make_commitment(plan=self.plan, number=1)
        self.measure = make_measure(
            commitment=commitment,
            number="1.1",
            status=MeasureStatus.LIMITED,
            start_date=datetime.date(2022, 3, 1),
            due_date=datetime.date(2024, 12, 31),
        )
        make_measure(commitment=commitment, status=MeasureStatus.COMPLETE)

    def test_status_chart_is_accessible_svg_with_its_numbers(self):
        svg = status_distribution_svg(plan_summary(plan=self.plan, today=TODAY), title="1 no 2 pabeigti")
        self.assertTrue(svg.startswith("<svg"))
        self.assertIn('role="img"', svg)
        self.assertIn("<title", svg)
        self.assertIn("1 no 2 pabeigti", svg)
        self.assertIn("Limited: 1", svg)  # the text alternative carries the numbers

    def test_chart_text_is_escaped(self):
        svg = status_distribution_svg(plan_summary(plan=self.plan, today=TODAY), title="<script>x</script>")
        self.assertNotIn("<script>", svg)
        self.assertIn("&lt;script&gt;", svg)

    def test_commitment_chart_states_percent_complete(self):
        svg = commitment_progress_svg(plan_summary(plan=self.plan, today=TODAY), title="t")
        self.assertIn("50%", svg)

    def test_timeline_places_measures_with_dates(self):
        svg = measure_timeline_svg(
            [self.measure],
            start=datetime.date(2022, 1, 1),
            end=datetime.date(2025, 12, 31),
            today=TODAY,
            title="t",
        )
        self.assertIn("1.1", svg)
        self.assertIn("2022-03-01", svg)
        self.assertIn(">2024<", svg)  # year ticks


class ChartLegendTests(TestCase):
    """Every chart names its categories with their numbers; an unknown status is never drawn as progress."""

    def setUp(self):
        self.plan = make_plan()
        self.reported = make_commitment(plan=self.plan, number=1)
        self.unknown = make_commitment(plan=self.plan, number=2)
        make_measure(commitment=self.reported, status=MeasureStatus.COMPLETE)
        make_measure(commitment=self.reported, status=MeasureStatus.NO_INFORMATION)
        make_measure(commitment=self.unknown, status=MeasureStatus.NO_INFORMATION)
        make_measure(commitment=self.unknown, status=MeasureStatus.NO_INFORMATION)

    def chart(self) -> str:
        with translation.override("en"):
            return commitment_progress_svg(plan_summary(plan=self.plan, today=TODAY), title="t")

    def test_the_commitment_chart_has_a_legend_with_each_statuss_count(self):
        svg = self.chart()
        for label, count in (("Complete", 1), ("Substantial", 0), ("Limited", 0), ("Not started", 0)):
            self.assertIn(f'{label}: <tspan font-weight="700">{count}</tspan>', svg)
        self.assertIn('No information: <tspan font-weight="700">3</tspan>', svg)
        self.assertNotIn("Withdrawn", svg)  # none withdrawn: no empty category
        self.assertIn("Legend: Complete: 1, Substantial: 0, Limited: 0, Not started: 0, No information: 3", svg)

    def test_an_unknown_status_is_drawn_empty_and_its_share_is_not_known(self):
        svg = self.chart()
        self.assertNotIn('fill="#595959"', svg)  # the old solid grey bar read as progress
        self.assertIn('fill="#fff" stroke="#595959" stroke-width="1.5" stroke-dasharray="4 3"', svg)
        self.assertIn(">50%</text>", svg)  # commitment 1: one of two complete, one reported
        self.assertIn(">not known</text>", svg)  # commitment 2: nothing reported
        self.assertNotIn(">0%</text>", svg)
        self.assertIn("Commitment 2: no status reported (No information: 2)", svg)

    def test_the_status_chart_labels_each_bar_with_its_count(self):
        with translation.override("en"):
            svg = status_distribution_svg(plan_summary(plan=self.plan, today=TODAY), title="t")
        self.assertIn('<text x="0" y="226" fill="#1b1b1b">No information</text>', svg)
        self.assertIn('fill="#fff" stroke="#595959"', svg)
        self.assertIn("Complete: 1; Substantial: 0; Limited: 0; Not started: 0; No information: 3", svg)
