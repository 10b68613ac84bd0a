"""Building in the background, publishing, freezing and versioning of reports."""

import datetime
import hashlib
import shutil
import tempfile
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from commitments.models import Measure
from reports.build import report_build
from reports.models import BuildState, Report, ReportKind
from reports.services import report_publish, report_rebuild, report_request_build
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_measure, make_plan
from ui.formatting import long_date

User = get_user_model()
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
AS_OF = datetime.date(2024, 6, 30)


def fast_render(html: str, **kw) -> tuple[bytes, int]:
    """Stand-in for WeasyPrint where a test is about the workflow: bytes still follow the data."""
    return b"%PDF-1.7 test " + hashlib.sha256(html.encode()).hexdigest().encode(), 3


class PublishingTestCase(BaseTestCase):
    # Real PDFs are built only where the bytes themselves are what the test is about.
    real_pdf = False

    def setUp(self):
        super().setUp()
        # A request under /en/ in an earlier test leaves English active, and reverse() would follow it.
        translation.activate("lv")
        self.addCleanup(translation.deactivate)
        if not self.real_pdf:
            patcher = mock.patch("reports.rendering.render_pdf_with_pages", side_effect=fast_render)
            patcher.start()
            self.addCleanup(patcher.stop)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.media = tempfile.mkdtemp(prefix="reports-media-")
        cls.media_override = override_settings(MEDIA_ROOT=cls.media, TASKS=IMMEDIATE)
        cls.media_override.enable()

    @classmethod
    def tearDownClass(cls):
        cls.media_override.disable()
        shutil.rmtree(cls.media, ignore_errors=True)
        super().tearDownClass()

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(slug="maza", title="Mazais plāns")
        cls.measure = make_measure(
            make_commitment(cls.plan, number=1, title="Apņemšanās"), title="Sākotnējais nosaukums"
        )

    def request_build(self, **kw) -> Report:
        params = {"plan": self.plan, "kind": ReportKind.FINAL, "language": "lv", "as_of": AS_OF, "user": self.superuser}
        params.update(kw)
        with self.captureOnCommitCallbacks(execute=True):
            report = report_request_build(**params)
        report.refresh_from_db()
        return report


class BuildTests(PublishingTestCase):
    real_pdf = True

    def test_a_requested_build_runs_as_a_task_and_stores_the_pdf_with_its_hash(self):
        report = self.request_build()
        self.assertEqual(report.state, BuildState.DONE)
        self.assertEqual(report.version, 1)
        self.assertNotEqual(report.task_id, "")
        with report.file.open("rb") as fh:
            data = fh.read()
        self.assertTrue(data.startswith(b"%PDF"))
        self.assertEqual(report.sha256, hashlib.sha256(data).hexdigest())
        self.assertEqual(report.size, len(data))
        self.assertGreaterEqual(report.page_count, 3)
        self.assertEqual(report.requested_by, self.superuser)


class BuildFlowTests(PublishingTestCase):
    def test_with_the_database_backend_the_request_only_queues(self):
        with override_settings(TASKS=DATABASE), self.captureOnCommitCallbacks(execute=True):
            report = report_request_build(
                plan=self.plan, kind=ReportKind.MIDTERM, language="en", as_of=AS_OF, user=self.superuser
            )
        report.refresh_from_db()
        self.assertEqual(report.state, BuildState.QUEUED)
        self.assertFalse(report.file)
        from django_tasks_db.models import DBTaskResult

        queued = DBTaskResult.objects.get(id=report.task_id)
        self.assertEqual(queued.task_path, "reports.tasks.build_report_task")
        self.assertEqual(queued.args_kwargs["args"], [report.pk])

    def test_a_failed_build_is_marked_failed_with_its_error(self):
        with mock.patch("reports.rendering.report_html", side_effect=RuntimeError("boom")):
            report = self.request_build()
        self.assertEqual(report.state, BuildState.FAILED)
        self.assertIn("boom", report.error)
        self.assertFalse(report.file)

    def test_versions_count_up_per_plan_kind_and_language(self):
        first = self.request_build()
        second = report_rebuild(report=first, user=self.superuser)
        other_language = self.request_build(language="en")
        self.assertEqual((first.version, second.version, other_language.version), (1, 2, 1))

    def test_the_database_refuses_a_duplicate_version(self):
        report = self.request_build()
        with self.assertRaises(IntegrityError), transaction.atomic():
            Report.objects.create(plan=self.plan, kind=report.kind, language=report.language, version=1, as_of=AS_OF)

    def test_the_database_refuses_a_published_report_without_a_file(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            Report.objects.create(
                plan=self.plan,
                kind=ReportKind.FINAL,
                language="lv",
                version=9,
                as_of=AS_OF,
                published_at=datetime.datetime(2024, 7, 1, tzinfo=datetime.UTC),
                published_by=self.superuser,
            )


class FreezeTests(PublishingTestCase):
    real_pdf = True

    def test_later_edits_never_change_a_published_report(self):
        report = report_publish(report=self.request_build(), user=self.coordinator)
        with report.file.open("rb") as fh:
            stored = fh.read()
        digest = report.sha256

        Measure.objects.filter(pk=self.measure.pk).update(title="Pavisam cits nosaukums")
        report_build(report_id=report.pk)  # a stray rerun of the task must not rewrite it

        report.refresh_from_db()
        with report.file.open("rb") as fh:
            self.assertEqual(fh.read(), stored)
        self.assertEqual(report.sha256, digest)
        response = self.client.get(reverse("reports:download", args=[report.pk]))
        self.assertEqual(b"".join(response.streaming_content), stored)
        self.assertEqual(response["ETag"], f'"{digest}"')

    def test_regenerating_makes_a_new_version_and_the_old_stays_downloadable(self):
        old = report_publish(report=self.request_build(), user=self.coordinator)
        Measure.objects.filter(pk=self.measure.pk).update(title="Pavisam cits nosaukums")
        with self.captureOnCommitCallbacks(execute=True):
            new = report_rebuild(report=old, user=self.superuser)
        new.refresh_from_db()
        report_publish(report=new, user=self.coordinator)
        self.assertEqual(new.version, 2)
        self.assertNotEqual(new.sha256, old.sha256)
        self.assertNotEqual(new.file.name, old.file.name)
        for report in (old, new):
            self.assertEqual(self.client.get(reverse("reports:download", args=[report.pk])).status_code, 200)


class PublishTests(PublishingTestCase):
    def test_publishing_records_who_and_when(self):
        report = report_publish(report=self.request_build(), user=self.coordinator)
        self.assertEqual(report.published_by, self.coordinator)
        self.assertIsNotNone(report.published_at)
        self.assertEqual(report.as_of, AS_OF)

    def test_it_refuses_to_publish_twice_or_an_unfinished_build(self):
        report = report_publish(report=self.request_build(), user=self.coordinator)
        with self.assertRaises(ValidationError):
            report_publish(report=report, user=self.coordinator)
        queued = Report.objects.create(plan=self.plan, kind=ReportKind.MIDTERM, language="lv", version=1, as_of=AS_OF)
        with self.assertRaises(ValidationError):
            report_publish(report=queued, user=self.coordinator)

    def test_it_refuses_to_publish_a_file_whose_bytes_were_altered(self):
        report = self.request_build()
        with open(report.file.path, "ab") as fh:
            fh.write(b"tampered")
        with self.assertRaises(ValidationError):
            report_publish(report=report, user=self.coordinator)


class PublicPageTests(PublishingTestCase):
    def test_the_list_shows_published_reports_only(self):
        self.client.get(reverse("reports:list"))  # a cached empty page must not outlive the publication
        published = report_publish(report=self.request_build(), user=self.coordinator)
        self.request_build(language="en")  # done but not published
        # The list, and once per content change the whole dataset its download links measure.
        with self.assertNumQueries(2):
            response = self.client.get(reverse("reports:list"))
        self.assertContains(response, reverse("reports:download", args=[published.pk]))
        self.assertContains(response, published.sha256)
        self.assertContains(response, "Nobeiguma ziņojums")
        self.assertEqual(response.content.decode().count("lejupieladet/"), 1)
        # "Dati uz" takes the accusative, "publicēts" the locative.
        self.assertContains(response, "Dati uz 2024. gada 30. jūniju; publicēts ")
        self.assertContains(
            response, f"publicēts {long_date(timezone.localtime(published.published_at), 'lv', case='loc')}."
        )

    def test_an_unpublished_report_is_not_downloadable_by_the_public(self):
        report = self.request_build()
        self.assertEqual(self.client.get(reverse("reports:download", args=[report.pk])).status_code, 404)
        self.client.force_login(self.public_user)
        self.assertEqual(self.client.get(reverse("reports:download", args=[report.pk])).status_code, 404)

    def test_the_coordinator_can_check_a_build_before_publishing(self):
        report = self.request_build()
        self.login(self.coordinator)
        response = self.client.get(reverse("reports:download", args=[report.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Cache-Control"], "private, no-store")

    def test_it_refuses_an_unpublished_build_to_an_editor_even_with_the_view_permission(self):
        # Who sees unpublished builds is the policy's call (the coordinator), not a model permission's.
        report = self.request_build()
        self.editor.user_permissions.add(Permission.objects.get(codename="view_report"))
        self.login(self.editor)
        self.assertEqual(self.client.get(reverse("reports:download", args=[report.pk])).status_code, 404)

    def test_the_english_list_is_under_en(self):
        report_publish(report=self.request_build(language="en"), user=self.coordinator)
        response = self.client.get("/en" + reverse("reports:list"))
        self.assertContains(response, "Final report")


class AdminTests(PublishingTestCase):
    def setUp(self):
        self.login(self.superuser)

    def test_the_add_page_is_the_build_request_form(self):
        response = self.client.get(reverse("admin:reports_report_add"))
        self.assertContains(response, 'name="as_of"')

    def test_posting_the_form_queues_a_build(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("admin:reports_report_add"),
                {"plan": self.plan.pk, "kind": ReportKind.REFRESH, "language": "lv", "as_of": "2024-06-30"},
            )
        self.assertRedirects(response, reverse("admin:reports_report_changelist"), fetch_redirect_response=False)
        report = Report.objects.get(plan=self.plan, kind=ReportKind.REFRESH)
        self.assertEqual(report.state, BuildState.DONE)
        changelist = self.client.get(reverse("admin:reports_report_changelist"))
        with translation.override(changelist.wsgi_request.LANGUAGE_CODE):
            self.assertContains(changelist, f'<td class="field-state_label">{BuildState.DONE.label}</td>', html=False)

    def test_the_publish_action_asks_before_it_publishes(self):
        report = self.request_build()
        data = {"action": "publish_selected", "_selected_action": [report.pk]}
        response = self.client.post(reverse("admin:reports_report_changelist"), data)
        self.assertContains(response, 'name="apply"')
        self.assertContains(response, str(report))
        report.refresh_from_db()
        self.assertIsNone(report.published_at)
        self.client.post(reverse("admin:reports_report_changelist"), {**data, "apply": "1"})
        report.refresh_from_db()
        self.assertEqual(report.published_by, self.superuser)

    def test_a_published_report_cannot_be_deleted(self):
        report = report_publish(report=self.request_build(), user=self.coordinator)
        response = self.client.post(reverse("admin:reports_report_delete", args=[report.pk]), {"post": "yes"})
        self.assertEqual(response.status_code, 403)
        self.assertTrue(Report.objects.filter(pk=report.pk).exists())

    def test_staff_without_a_role_get_no_publish_or_rebuild_action(self):
        report = self.request_build()
        clerk = User.objects.create_user("clerk", "clerk@example.invalid", "password", is_staff=True)
        codenames = ["view_report", "add_report", "publish_report"]
        clerk.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
        self.login(clerk)
        response = self.client.get(reverse("admin:reports_report_changelist"))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "publish_selected")
        self.assertNotContains(response, "rebuild_selected")
        # The unpublished build is not theirs to see either.
        self.assertNotContains(response, reverse("admin:reports_report_change", args=[report.pk]))
