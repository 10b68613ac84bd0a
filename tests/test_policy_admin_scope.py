"""What the admin shows and lets change follows accounts.policy on every page, not only on the measure's.

- An institution editor sees nothing unpublished of another institution: not on change pages, lists,
  autocomplete results, list-filter choices or inline rows.
- A staff account with bare model permissions and no role changes nothing.
"""

import datetime
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from commitments.models import Measure, MeasureStatus, ReviewState
from consultations.models import Consultation
from plans.models import ActionPlan, RoundStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_measure, make_plan, make_round
from tests.test_workflow_admin import form_data

SECRET = "SECRET-HIDDEN-PLAN-a11c"


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


class EditorScopeTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(slug="scope-plan", short_name="Publicētais plāns")
        cls.commitment = make_commitment(plan=cls.plan, title="Publicētā apņemšanās")
        cls.own = make_measure(cls.commitment, responsible_institution=cls.institution)
        cls.round = make_round(plan=cls.plan, status=RoundStatus.OPEN)
        # Another institution's unpublished plan: none of it may reach the editor of `institution`.
        cls.hidden_plan = make_plan(slug="scope-hidden", short_name=SECRET, title=SECRET, is_published=False)
        cls.hidden_commitment = make_commitment(plan=cls.hidden_plan, title=SECRET, title_en=SECRET)
        cls.hidden_measure = make_measure(
            cls.hidden_commitment, title=SECRET, title_en=SECRET, responsible_institution=cls.other_institution
        )
        cls.hidden_round = make_round(plan=cls.hidden_plan, title=SECRET, status=RoundStatus.OPEN)
        cls.hidden_consultation = Consultation.objects.create(
            plan=cls.hidden_plan,
            title=SECRET,
            period_start=datetime.date(2021, 9, 1),
            period_end=datetime.date(2021, 9, 30),
        )
        # The editor's own unpublished plan: they report on it, so they see it.
        cls.own_hidden_plan = make_plan(slug="scope-own-hidden", short_name="Mans neizsludinātais", is_published=False)
        cls.own_hidden_measure = make_measure(
            make_commitment(plan=cls.own_hidden_plan), responsible_institution=cls.institution
        )

    def setUp(self):
        self.login(self.editor)


class EditorChangePagesTests(EditorScopeTestCase):
    # Out of sight and missing look the same on every admin: a 404, never a redirect that says "does not exist".
    def test_it_refuses_another_institutions_unpublished_plan(self):
        response = self.client.get(change_url(self.hidden_plan))
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, SECRET, status_code=404)

    def test_it_refuses_another_institutions_unpublished_commitment(self):
        self.assertEqual(self.client.get(change_url(self.hidden_commitment)).status_code, 404)

    def test_it_refuses_another_institutions_unpublished_round(self):
        self.assertEqual(self.client.get(change_url(self.hidden_round)).status_code, 404)

    def test_it_refuses_the_history_of_another_institutions_unpublished_plan(self):
        url = reverse("admin:plans_actionplan_history", args=[self.hidden_plan.pk])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_it_answers_another_institutions_measure_as_missing(self):
        response = self.client.get(change_url(self.hidden_measure))
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, SECRET, status_code=404)

    def test_it_answers_another_institutions_progress_entry_as_missing(self):
        entry = make_entry(self.hidden_measure, self.hidden_round)
        self.assertEqual(self.client.get(change_url(entry)).status_code, 404)

    def test_a_measure_that_does_not_exist_gets_the_same_answer(self):
        url = reverse("admin:commitments_measure_change", args=[987654])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_it_shows_published_plans_and_the_editors_own_unpublished_plan(self):
        self.assertEqual(self.client.get(change_url(self.plan)).status_code, 200)
        self.assertEqual(self.client.get(change_url(self.own_hidden_plan)).status_code, 200)
        self.assertEqual(self.client.get(change_url(self.commitment)).status_code, 200)


class EditorListsTests(EditorScopeTestCase):
    def test_it_leaves_the_hidden_plan_out_of_every_list_and_its_filters(self):
        from commitments.models import Commitment, ProgressEntry
        from plans.models import ReportingRound

        for model in (ActionPlan, Commitment, Measure, ProgressEntry, ReportingRound):
            with self.subTest(model=model._meta.model_name):
                response = self.client.get(changelist_url(model))
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, SECRET)

    def test_the_plan_filter_still_offers_the_visible_plans(self):
        response = self.client.get(changelist_url(Measure))
        self.assertContains(response, "Publicētais plāns")

    def test_it_leaves_the_hidden_plan_out_of_autocomplete_results(self):
        for model_name, field_name in (("measure", "plan"), ("measure", "commitment"), ("progressentry", "measure")):
            with self.subTest(field=f"{model_name}.{field_name}"):
                response = self.client.get(
                    reverse("admin:autocomplete"),
                    {"app_label": "commitments", "model_name": model_name, "field_name": field_name, "term": ""},
                )
                self.assertEqual(response.status_code, 200)
                texts = [row["text"] for row in json.loads(response.content)["results"]]
                self.assertFalse([text for text in texts if SECRET in text], texts)

    def test_it_leaves_the_hidden_round_out_of_a_new_entrys_choices(self):
        page = self.client.get(reverse("admin:commitments_progressentry_add"))
        choices = page.context["adminform"].form.fields["reporting_round"].queryset
        self.assertNotIn(self.hidden_round, choices)


class EditorOtherModelsTests(EditorScopeTestCase):
    def test_it_refuses_another_institutions_unpublished_consultation(self):
        # Editors have no permission on consultations at all.
        self.assertEqual(self.client.get(change_url(self.hidden_consultation)).status_code, 403)

    def test_the_coordinator_still_sees_everything(self):
        self.login(self.coordinator)
        for obj in (self.hidden_plan, self.hidden_commitment, self.hidden_measure, self.hidden_round):
            with self.subTest(obj=obj._meta.model_name):
                self.assertEqual(self.client.get(change_url(obj)).status_code, 200)


class BareStaffTests(BaseTestCase):
    """Staff with model permissions given by hand but no role: they may look at published data, never change."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(slug="bare-plan")
        cls.commitment = make_commitment(plan=cls.plan)
        cls.measure = make_measure(cls.commitment, responsible_institution=cls.institution)
        cls.round = make_round(plan=cls.plan, status=RoundStatus.OPEN)
        cls.entry = make_entry(cls.measure, cls.round, review_state=ReviewState.DRAFT)
        cls.hidden_plan = make_plan(slug="bare-hidden", short_name=SECRET, is_published=False)
        cls.bare = get_user_model().objects.create_user("bare", "b@example.invalid", "password", is_staff=True)
        codenames = [
            f"{action}_{model}"
            for action in ("view", "add", "change", "delete")
            for model in ("measure", "progressentry", "commitment", "actionplan", "reportinground")
        ]
        cls.bare.user_permissions.set(Permission.objects.filter(codename__in=codenames))

    def coordinator_form(self, obj, **changes):
        self.login(self.coordinator)
        data = form_data(self.client.get(change_url(obj)), **changes)
        self.login(self.bare)
        return data

    def test_it_refuses_a_bare_staff_measure_status_change(self):
        data = self.coordinator_form(self.measure, status=MeasureStatus.COMPLETE, change_reason="Bez lomas")
        response = self.client.post(change_url(self.measure), data)
        self.assertEqual(response.status_code, 403)
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.status, MeasureStatus.LIMITED)

    def test_it_refuses_a_bare_staff_plan_change(self):
        data = self.coordinator_form(self.plan, title_lv="Pārrakstīts", change_reason="Bez lomas")
        response = self.client.post(change_url(self.plan), data)
        self.assertEqual(response.status_code, 403)
        self.plan.refresh_from_db()
        self.assertNotEqual(self.plan.title_lv, "Pārrakstīts")

    def test_it_refuses_every_add_and_delete_page(self):
        from commitments.models import Commitment, ProgressEntry
        from plans.models import ReportingRound

        self.login(self.bare)
        for model in (Measure, ProgressEntry, Commitment, ActionPlan, ReportingRound):
            with self.subTest(model=model._meta.model_name):
                add = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
                self.assertEqual(self.client.get(add).status_code, 403)
        delete = reverse("admin:commitments_measure_delete", args=[self.measure.pk])
        self.assertEqual(self.client.get(delete).status_code, 403)

    def test_bare_staff_see_published_data_only(self):
        self.login(self.bare)
        self.assertEqual(self.client.get(change_url(self.plan)).status_code, 200)
        self.assertIn(self.client.get(change_url(self.hidden_plan)).status_code, (403, 404))
        self.assertNotContains(self.client.get(changelist_url(ActionPlan)), SECRET)
        # A draft entry is not published (its page says it does not exist).
        self.assertNotEqual(self.client.get(change_url(self.entry)).status_code, 200)


class BareStaffReportDownloadTests(BaseTestCase):
    def test_it_refuses_an_unpublished_build_to_staff_with_only_the_view_permission(self):
        import hashlib
        import shutil
        import tempfile

        from django.core.files.base import ContentFile
        from django.test import override_settings

        from reports.models import BuildState, Report, ReportKind, ReportLanguage

        pdf = b"%PDF-1.4\n%%EOF\n"
        media = tempfile.mkdtemp(prefix="policy-report-")
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        with override_settings(MEDIA_ROOT=media):
            report = Report(
                plan=make_plan(slug="report-plan"),
                kind=ReportKind.FINAL,
                language=ReportLanguage.LV,
                version=1,
                as_of=datetime.date(2024, 6, 30),
                state=BuildState.DONE,
                sha256=hashlib.sha256(pdf).hexdigest(),
                size=len(pdf),
                page_count=1,
            )
            report.file.save("report.pdf", ContentFile(pdf), save=False)
            report.save()
            clerk = get_user_model().objects.create_user("clerk", "k@example.invalid", "password", is_staff=True)
            clerk.user_permissions.set(Permission.objects.filter(codename="view_report"))
            url = reverse("reports:download", args=[report.pk])
            self.login(clerk)
            self.assertEqual(self.client.get(url).status_code, 404)
            self.login(self.coordinator)
            self.assertEqual(self.client.get(url).status_code, 200)
