"""A report as of a date says what the portal's records said on that date, and nothing recorded later
(read without building a PDF)."""

import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from commitments.models import MeasureStatus, ReviewState
from commitments.selectors import plan_summary
from council.models import Council, Meeting, MeetingStatus
from plans.models import FundingSource, PlanRevision
from reports.models import ReportKind
from reports.rendering import plan_titles, report_html
from reports.selectors import report_data
from tests.factories import make_commitment, make_entry, make_measure, make_plan, make_round
from tests.report_history import all_history_on, change_on, latest_history_on
from ui.formatting import long_date

MID = datetime.date(2024, 3, 1)  # the mid-term reporting deadline
LATER = datetime.date(2026, 6, 1)


class ReportAsOfTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plan = make_plan()
        cls.r1 = make_round(
            plan=cls.plan,
            period_start=datetime.date(2022, 1, 1),
            period_end=datetime.date(2023, 12, 31),
            deadline=datetime.date(2024, 3, 1),
        )
        cls.r2 = make_round(
            plan=cls.plan,
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2025, 12, 31),
            deadline=datetime.date(2026, 3, 1),
        )
        refresh = PlanRevision.objects.create(
            plan=cls.plan, title="Aktualizācija", decided_on=datetime.date(2024, 4, 30)
        )
        commitment = make_commitment(cls.plan)
        cls.late = make_measure(commitment, number="1.1", status=MeasureStatus.NO_INFORMATION)
        cls.early = make_measure(commitment, number="1.2", status=MeasureStatus.NO_INFORMATION)
        cls.added = make_measure(commitment, number="", status=MeasureStatus.NO_INFORMATION, added_by_revision=refresh)
        all_history_on(datetime.date(2022, 2, 10))
        # 1.2: reported and approved before the mid-term deadline, due in January 2024; its approval was
        # withdrawn in May 2026 (the entry sent back), while a report on the second round was approved.
        cls.early_r1 = make_entry(cls.early, cls.r1, status=MeasureStatus.SUBSTANTIAL, narrative="AGRĪNS")
        latest_history_on(cls.early_r1, datetime.date(2024, 2, 20))
        change_on(
            cls.early, datetime.date(2024, 2, 20), status=MeasureStatus.SUBSTANTIAL, due_date=datetime.date(2024, 1, 31)
        )
        change_on(cls.early_r1, datetime.date(2026, 5, 1), review_state=ReviewState.RETURNED)
        latest_history_on(make_entry(cls.early, cls.r2, status=MeasureStatus.COMPLETE, narrative="OTRĀ KĀRTA"), LATER)
        # 1.1: its report on the first round approved only in March 2026 ("limited, 40 %").
        cls.late_r1 = make_entry(cls.late, cls.r1, status=MeasureStatus.LIMITED, progress_percent=40, narrative="VĒLS")
        latest_history_on(cls.late_r1, datetime.date(2026, 3, 10))
        change_on(cls.late, datetime.date(2026, 3, 10), status=MeasureStatus.LIMITED, progress_percent=40)
        council = Council.objects.create(plan=cls.plan, name="Padome")
        for day, status in (
            (datetime.date(2024, 1, 15), MeetingStatus.DRAFT),
            (datetime.date(2024, 4, 30), MeetingStatus.PUBLISHED),
            (datetime.date(2024, 11, 7), MeetingStatus.PUBLISHED),
        ):
            Meeting.objects.create(council=council, date=day, status=status)

    def data(self, kind, as_of):
        with translation.override("lv"):
            return report_data(plan=self.plan, kind=kind, as_of=as_of)

    def views(self, data):
        return {m.number or "added": m for m in data.measures}

    def test_an_english_report_marks_a_progress_report_written_only_in_latvian(self):
        html = report_html(plan=self.plan, kind=ReportKind.FINAL, language="en", as_of=LATER)
        self.assertIn('<div lang="lv"><p>VĒLS</p></div><p><span class="lang-note">(in Latvian: not translated', html)

    def test_a_status_approved_later_is_not_counted_earlier(self):
        mid = self.views(self.data(ReportKind.MIDTERM, MID))
        self.assertEqual(mid["1.1"].status, MeasureStatus.NO_INFORMATION)
        self.assertIsNone(mid["1.1"].progress_percent)
        self.assertEqual(mid["1.2"].status, MeasureStatus.SUBSTANTIAL)
        later = self.views(self.data(ReportKind.FINAL, LATER))
        self.assertEqual((later["1.1"].status, later["1.1"].progress_percent), (MeasureStatus.LIMITED, 40))

    def test_nothing_recorded_by_the_date_is_no_information(self):
        data = self.data(ReportKind.MIDTERM, datetime.date(2021, 12, 31))
        self.assertEqual({m.status for m in data.measures}, {MeasureStatus.NO_INFORMATION})
        self.assertTrue(data.summary.nothing_reported)
        self.assertIsNone(data.summary.percent_high_completion)

    def test_a_date_before_the_record_begins_says_why_it_knows_nothing(self):
        before = self.data(ReportKind.MIDTERM, datetime.date(2021, 12, 31))
        self.assertEqual(before.records_start, datetime.date(2022, 2, 10))
        self.assertTrue(before.recorded_after_data_date)
        self.assertFalse(self.data(ReportKind.MIDTERM, MID).recorded_after_data_date)
        html = report_html(plan=self.plan, kind=ReportKind.MIDTERM, language="lv", as_of=datetime.date(2021, 12, 31))
        self.assertIn("ieraksti par šī plāna pasākumiem sākas 2022. gada 10. februārī", html)
        html = report_html(plan=self.plan, kind=ReportKind.MIDTERM, language="lv", as_of=MID)
        self.assertNotIn("ieraksti par šī plāna pasākumiem sākas", html)

    def test_measures_added_by_the_refresh_exist_from_its_decision(self):
        self.assertNotIn("added", self.views(self.data(ReportKind.MIDTERM, MID)))
        self.assertNotIn("added", self.views(self.data(ReportKind.MIDTERM, datetime.date(2024, 4, 29))))
        self.assertIn("added", self.views(self.data(ReportKind.MIDTERM, datetime.date(2024, 4, 30))))
        self.assertEqual([r.title for r in self.data(ReportKind.MIDTERM, MID).revisions], [])

    def test_progress_reports_print_when_they_were_approved_on_the_date(self):
        mid = self.views(self.data(ReportKind.MIDTERM, MID))
        self.assertEqual([e.narrative for e in mid["1.2"].entries], ["AGRĪNS"])
        self.assertEqual(mid["1.1"].entries, [])
        later = self.views(self.data(ReportKind.FINAL, LATER))
        self.assertEqual([e.narrative for e in later["1.1"].entries], ["VĒLS"])
        # Sent back in May 2026: no longer approved on the later date.
        self.assertEqual([e.narrative for e in later["1.2"].entries], ["OTRĀ KĀRTA"])

    def test_the_mid_term_report_covers_the_rounds_to_the_midpoint(self):
        self.assertEqual(self.data(ReportKind.MIDTERM, LATER).rounds, [self.r1])
        self.assertEqual(self.data(ReportKind.FINAL, LATER).rounds, [self.r1, self.r2])
        self.assertEqual(self.data(ReportKind.FINAL, MID).rounds, [self.r1])
        self.assertEqual(self.data(ReportKind.FINAL, datetime.date(2023, 12, 30)).rounds, [])

    def test_council_meetings_are_those_published_and_held_by_the_date(self):
        dates = [mv.meeting.date for mv in self.data(ReportKind.MIDTERM, datetime.date(2024, 5, 1)).meetings]
        self.assertEqual(dates, [datetime.date(2024, 4, 30)])
        self.assertEqual(len(self.data(ReportKind.FINAL, LATER).meetings), 2)

    def test_the_summary_counts_what_is_known_on_the_date(self):
        s = self.data(ReportKind.MIDTERM, MID).summary
        self.assertEqual((s.total, s.reported, s.unreported, s.complete), (2, 1, 1, 0))
        self.assertEqual((s.high_completion, s.percent_high_completion), (1, 100))
        # 1.2 was due on 31 January 2024 and only substantially done: overdue; 1.1 has no due date.
        self.assertEqual((s.with_due_date, s.due_unknown, s.overdue), (1, 1, 1))
        before = self.data(ReportKind.MIDTERM, datetime.date(2023, 1, 1)).summary
        self.assertEqual((before.with_due_date, before.due_unknown, before.overdue), (0, 2, 0))
        self.assertTrue(before.nothing_reported)

    def test_the_report_figures_are_the_dashboard_figures_for_today(self):
        today = self.data(ReportKind.FINAL, timezone.localdate()).summary
        dashboard = plan_summary(plan=self.plan)
        for name in ("total", "reported", "complete", "with_due_date", "due_unknown", "overdue"):
            self.assertEqual(getattr(today, name), getattr(dashboard, name), name)


class ReportWordingTests(TestCase):
    """The Latvian forms the reports print (checked in the HTML the PDF is made from: no PDF needed)."""

    @classmethod
    def setUpTestData(cls):
        cls.plan = make_plan(title_en="")
        make_round(plan=cls.plan, period_start=datetime.date(2022, 1, 1), period_end=datetime.date(2023, 12, 31))
        make_measure(make_commitment(cls.plan))
        FundingSource.objects.create(
            plan=cls.plan,
            programme="ESF+",
            title="Atbalsts",
            available_from="provizoriski no 2023. gada 1. pusgada",
            available_from_en="from H1 2023 (provisional)",
        )

    def html(self, language, kind=ReportKind.MIDTERM):
        return report_html(plan=self.plan, kind=kind, language=language, as_of=datetime.date(2024, 12, 1))

    def test_dates_take_the_case_their_sentence_needs(self):
        html = self.html("lv")
        self.assertIn("<dd>2024. gada 1. decembri</dd>", html)  # "Dati uz" + accusative
        self.assertNotIn("<dd>2024. gada 1. decembris</dd>", html)
        built = long_date(timezone.localdate(), "lv", case="loc")
        self.assertIn(f"Sagatavots {built} no", html)  # locative
        self.assertIn("atskaites kārtu", html)
        self.assertNotIn("kāršu", html)

    def test_an_english_report_never_shows_the_latvian_title_as_english(self):
        titles = plan_titles(self.plan, "en")
        self.assertEqual(titles.title, "Open government action plan 2022–2025")
        self.assertEqual(titles.in_latvian, self.plan.title_lv)
        html = self.html("en", ReportKind.FINAL)
        self.assertIn("<title>Open government action plan 2022–2025: Final report</title>", html)
        self.assertIn(f'its title in Latvian: <span lang="lv">{self.plan.title_lv}</span>', html)
        self.plan.title_en = "Fifth plan"
        self.assertEqual(plan_titles(self.plan, "en").title, "Fifth plan")
        self.assertEqual(plan_titles(self.plan, "lv").title, self.plan.title_lv)

    def test_the_funding_label_does_not_double_from(self):
        self.assertIn("<dt>Availability</dt><dd>from H1 2023 (provisional)</dd>", self.html("en", ReportKind.FINAL))
        lv = self.html("lv", ReportKind.FINAL)
        self.assertIn("<dt>Finansējuma pieejamība</dt><dd>provizoriski no 2023. gada 1. pusgada</dd>", lv)
        self.assertNotIn("Pieejams no", lv)


class ReportQueryCountTests(TestCase):
    def test_the_number_of_queries_does_not_grow_with_the_plan(self):
        plan = make_plan()
        make_round(plan=plan, period_start=datetime.date(2022, 1, 1), period_end=datetime.date(2023, 12, 31))
        counts = []
        for _ in range(2):
            commitment = make_commitment(plan)
            for _ in range(3):
                make_entry(make_measure(commitment), plan.reporting_rounds.get())
            with CaptureQueriesContext(connection) as queries, translation.override("lv"):
                data = report_data(plan=plan, kind=ReportKind.FINAL, as_of=timezone.localdate())
            counts.append(len(queries))
        self.assertEqual(len(data.measures), 6)
        self.assertTrue(all(m.entries for m in data.measures))
        self.assertEqual(counts[0], counts[1])
        self.assertLess(counts[0], 25)
