"""The admin home's dashboards: what the coordinator and an institution editor each see."""

import datetime

from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from commitments import services
from commitments.models import MeasureStatus, ProgressEntry, ReviewState
from plans.models import PlanStatus, RoundStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_measure, make_plan, make_round

TODAY = datetime.date(2025, 4, 2)


def render_dashboard(user) -> str:
    request = RequestFactory().get("/admin/")
    request.user = user
    return Template("{% load commitments_dashboard %}{% admin_dashboard %}").render(Context({"request": request}))


class DashboardTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(
            short_name="Sestais plāns", status=PlanStatus.IMPLEMENTATION, period_start=datetime.date(2024, 1, 1)
        )
        commitment = make_commitment(plan=cls.plan)
        cls.own = make_measure(
            commitment,
            title_lv="Mūsu pasākums",
            responsible_institution=cls.institution,
            due_date=datetime.date(2024, 12, 31),
        )
        cls.foreign = make_measure(
            commitment, title_lv="Svešs pasākums", responsible_institution=cls.other_institution, special_attention=True
        )
        cls.round = make_round(
            plan=cls.plan, title_lv="2024. gada kārta", status=RoundStatus.OPEN, deadline=datetime.date(2025, 3, 31)
        )


class CoordinatorDashboardTests(DashboardTestCase):
    def test_it_shows_the_current_plan_and_the_charts(self):
        html = render_dashboard(self.coordinator)
        self.assertIn("Sestais plāns", html)
        self.assertIn('id="admin-status-chart-t"', html)
        self.assertIn('id="admin-commitment-chart-t"', html)

    def test_it_says_what_is_reported_and_counts_overdue_over_measures_with_a_due_date(self):
        html = render_dashboard(self.coordinator)
        self.assertIn("Apstiprināts statuss ir 2 no 2 pasākumiem; īstenoti: 0.", html)
        # Only the own measure has a due date (passed, not complete); the foreign one's is unknown.
        self.assertIn(
            "Nokavēti: 1 no 1 pasākuma, kam ir izpildes termiņš; vēl 1 pasākumam izpildes termiņš nav zināms.", html
        )
        self.assertIn("No 2 pasākumiem ar apstiprinātu statusu lielā mērā vai pilnībā īstenoti: 0 (0\xa0%", html)
        self.assertIn("<summary>Kā aprēķina IRM augsto izpildi</summary>", html)
        self.assertIn("Neatkarīgais ziņošanas mehānisms (IRM)", html)

    def test_it_says_plainly_when_nothing_is_reported_and_no_due_date_is_known(self):
        for measure in (self.own, self.foreign):
            measure.status, measure.due_date = MeasureStatus.NO_INFORMATION, None
            measure.save()
        html = render_dashboard(self.coordinator)
        self.assertIn("Nevienam no 2 pasākumiem vēl nav ne apstiprināta statusa, ne zināma izpildes termiņa", html)
        self.assertIn("Nav zināms: nevienam pasākumam nav izpildes termiņa.", html)
        self.assertNotIn("Neviens pasākums, kam ir izpildes termiņš, nav nokavēts.", html)
        self.assertNotRegex(html, r"[> ]0(\xa0)?%")  # no "0 %" anywhere, in the text or the charts

    def test_it_shows_the_open_round_and_the_late_institutions(self):
        make_entry(self.foreign, self.round, review_state=ReviewState.SUBMITTED)
        html = render_dashboard(self.coordinator)
        self.assertIn("2024. gada kārta", html)
        self.assertIn(str(self.institution), html)  # still has to report
        self.assertIn("Svešs pasākums", html)  # awaiting review

    def test_it_lists_overdue_and_special_attention_measures(self):
        html = render_dashboard(self.coordinator)
        self.assertIn("Mūsu pasākums", html)
        self.assertIn("Svešs pasākums", html)

    def test_it_shows_latest_changes_with_reasons(self):
        services.measure_update_status(
            measure=self.own, status=MeasureStatus.SUBSTANTIAL, user=self.coordinator, reason="Padomes lēmums"
        )
        self.assertIn("Padomes lēmums", render_dashboard(self.coordinator))

    def test_the_query_count_does_not_grow_with_the_plan(self):
        make_entry(self.foreign, self.round, review_state=ReviewState.SUBMITTED)
        render_dashboard(self.coordinator)
        with CaptureQueriesContext(connection) as small:
            render_dashboard(self.coordinator)
        for _ in range(5):
            measure = make_measure(
                make_commitment(plan=self.plan),
                responsible_institution=self.other_institution,
                due_date=datetime.date(2024, 1, 1),
                special_attention=True,
            )
            make_entry(measure, self.round, review_state=ReviewState.SUBMITTED)
        with self.assertNumQueries(len(small)):
            render_dashboard(self.coordinator)


class EditorDashboardTests(DashboardTestCase):
    def test_it_shows_only_their_own_measures(self):
        html = render_dashboard(self.editor)
        self.assertIn("Mūsu pasākums", html)
        self.assertNotIn("Svešs pasākums", html)
        self.assertIn(str(self.institution), html)

    def test_it_shows_what_is_due_and_what_was_returned(self):
        entry = services.progress_entry_submit(
            entry=ProgressEntry(
                measure=self.own, reporting_round=self.round, status=MeasureStatus.LIMITED, narrative_lv="Darīts"
            ),
            user=self.editor,
        )
        services.progress_entry_return(entry=entry, user=self.coordinator, comment="Trūkst pierādījumu")
        html = render_dashboard(self.editor)
        self.assertIn("2024. gada kārta", html)
        self.assertIn("Trūkst pierādījumu", html)

    def test_the_other_editor_does_not_see_it(self):
        html = render_dashboard(self.other_editor)
        self.assertNotIn("Mūsu pasākums", html)
        self.assertIn("Svešs pasākums", html)

    def test_the_query_count_does_not_grow_with_their_measures(self):
        make_entry(self.own, self.round, review_state=ReviewState.RETURNED)
        render_dashboard(self.editor)
        with CaptureQueriesContext(connection) as small:
            render_dashboard(self.editor)
        for _ in range(5):
            measure = make_measure(make_commitment(plan=self.plan), responsible_institution=self.institution)
            make_entry(measure, self.round, review_state=ReviewState.RETURNED)
        with self.assertNumQueries(len(small)):
            render_dashboard(self.editor)


class OtherRolesTests(DashboardTestCase):
    def test_council_members_and_the_public_get_no_dashboard(self):
        self.assertEqual(render_dashboard(self.council_member).strip(), "")
        self.assertEqual(render_dashboard(self.public_user).strip(), "")
