"""The worker's heartbeat and the reports list's warning about builds that wait too long."""

import datetime
from unittest import mock

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reports.models import BuildState, Report, ReportKind, ReportLanguage, WorkerHeartbeat
from reports.worker import heartbeat_record
from tests.base import BaseTestCase
from tests.factories import make_plan

URL = reverse("admin:reports_report_changelist")


class WorkerWarningTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(slug="worker-plan")

    def queued(self, minutes_ago: int) -> Report:
        report = Report.objects.create(
            plan=self.plan,
            kind=ReportKind.MIDTERM,
            language=ReportLanguage.LV,
            version=Report.objects.count() + 1,
            as_of=datetime.date(2024, 6, 30),
            state=BuildState.QUEUED,
        )
        # requested_at is auto_now_add: set the past with an update.
        Report.objects.filter(pk=report.pk).update(
            requested_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
        )
        return report

    def warnings(self):
        self.login(self.coordinator)
        response = self.client.get("/en" + URL)  # the admin's language is the address's
        return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]

    def test_a_fresh_build_gives_no_warning(self):
        self.queued(minutes_ago=1)
        self.assertEqual(self.warnings(), [])

    def test_a_build_waiting_with_no_worker_says_start_one(self):
        self.queued(minutes_ago=12)
        [warning] = self.warnings()
        self.assertIn("more than 5 minutes", warning)
        self.assertIn("python manage.py worker", warning)

    def test_a_silent_worker_is_reported_stopped(self):
        self.queued(minutes_ago=12)
        heartbeat_record(worker_id="w1", now=timezone.now() - datetime.timedelta(minutes=10))
        [warning] = self.warnings()
        self.assertIn("seems to be stopped", warning)

    def test_a_live_worker_is_reported_busy(self):
        self.queued(minutes_ago=12)
        heartbeat_record(worker_id="w1")
        [warning] = self.warnings()
        self.assertIn("is running", warning)


class WorkerCommandTests(BaseTestCase):
    def test_the_worker_records_a_heartbeat(self):
        # django-tasks-db's loop itself is not run: it closes the database connection between tasks, and with
        # it this test's transaction on PostgreSQL.
        with mock.patch("django_tasks_db.management.commands.db_worker.Worker.run") as run:
            call_command("worker", batch=True, startup_delay=False, worker_id="test-worker", verbosity=0)
        run.assert_called_once()
        beat = WorkerHeartbeat.objects.get(worker_id="test-worker")
        self.assertLess(timezone.now() - beat.seen_at, datetime.timedelta(minutes=1))

    def test_heartbeats_update_one_row_per_worker(self):
        heartbeat_record(worker_id="w1")
        heartbeat_record(worker_id="w1")
        self.assertEqual(WorkerHeartbeat.objects.filter(worker_id="w1").count(), 1)
