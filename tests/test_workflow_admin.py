"""The reporting workflow and the role rules as people meet them in the admin."""

from unittest import mock

import tablib
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from commitments import workflow
from commitments.models import Measure, MeasureStatus, ProgressEntry, ReviewState
from plans.models import ReportingRound, RoundStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_measure, make_plan, make_round


def form_data(response, **changes) -> dict:
    """What the browser would post back for the admin form on `response`, plus `changes`."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


ADD_ENTRY = reverse("admin:commitments_progressentry_add")


class AdminWorkflowTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(slug="admin-plan")
        commitment = make_commitment(plan=cls.plan)
        cls.measure = make_measure(
            commitment, responsible_institution=cls.institution, status=MeasureStatus.LIMITED, internal_note="Piezīme"
        )
        cls.foreign = make_measure(commitment, responsible_institution=cls.other_institution)
        cls.round = make_round(plan=cls.plan, status=RoundStatus.OPEN)

    def add_entry(self, measure=None, **changes):
        page = self.client.get(ADD_ENTRY)
        data = form_data(
            page,
            measure=(measure or self.measure).pk,
            reporting_round=self.round.pk,
            status=MeasureStatus.SUBSTANTIAL,
            progress_percent="70",
            narrative_lv="Izdarīts daudz",
            change_reason="",
            **changes,
        )
        return self.client.post(ADD_ENTRY, data)


class EditorEntryTests(AdminWorkflowTestCase):
    def setUp(self):
        self.login(self.editor)

    def test_an_editor_adds_a_draft_for_their_measure(self):
        response = self.add_entry()
        self.assertEqual(response.status_code, 302)
        entry = ProgressEntry.objects.get()
        self.assertEqual((entry.review_state, entry.measure), (ReviewState.DRAFT, self.measure))

    def test_it_rejects_other_institutions_measures(self):
        response = self.add_entry(measure=self.foreign)
        self.assertEqual(response.status_code, 200)
        self.assertIn("measure", response.context["adminform"].form.errors)
        self.assertFalse(ProgressEntry.objects.exists())

    def test_the_measure_choices_are_their_own(self):
        field = self.client.get(ADD_ENTRY).context["adminform"].form.fields["measure"]
        self.assertEqual(set(field.queryset), {self.measure})

    def test_an_editor_submits_with_the_button(self):
        self.add_entry(_wf_submit="1")
        entry = ProgressEntry.objects.get()
        self.assertEqual((entry.review_state, entry.submitted_by), (ReviewState.SUBMITTED, self.editor))
        self.assertIsNotNone(entry.submitted_at)

    def test_a_submitted_entry_is_read_only_for_its_editor(self):
        self.add_entry(_wf_submit="1")
        entry = ProgressEntry.objects.get()
        page = self.client.get(change_url(entry))
        self.assertEqual(page.status_code, 200)
        self.assertFalse(page.context["has_change_permission"])
        self.assertEqual(self.client.post(change_url(entry), {"narrative_lv": "Cits"}).status_code, 403)

    def test_an_editor_cannot_approve_even_with_a_crafted_post(self):
        # On their own draft, which they may change: the admin hands the button to the service, whose
        # workflow guard refuses it (on a submitted entry the admin's change permission would refuse first).
        self.add_entry()
        entry = ProgressEntry.objects.get()
        page = self.client.get(change_url(entry))
        self.assertEqual(page.context["workflow_actions"], ["submit"])
        with mock.patch.object(workflow, "may_take", wraps=workflow.may_take) as guard:
            response = self.client.post(change_url(entry), form_data(page, change_reason="x", _wf_approve="1"))
        self.assertEqual(response.status_code, 403)
        self.assertIn(mock.call(self.editor, workflow.APPROVE, mock.ANY), guard.call_args_list)
        entry.refresh_from_db()
        self.assertEqual((entry.review_state, entry.version), (ReviewState.DRAFT, 1))

    def test_the_review_state_is_not_a_form_field(self):
        form = self.client.get(ADD_ENTRY).context["adminform"].form
        self.assertNotIn("review_state", form.fields)
        self.assertNotIn("review_comment", form.fields)

    def test_another_institutions_entry_does_not_exist_for_them(self):
        entry = make_entry(self.foreign, self.round, review_state=ReviewState.DRAFT)
        self.assertEqual(self.client.get(change_url(entry)).status_code, 404)
        changelist = self.client.get(reverse("admin:commitments_progressentry_changelist"))
        self.assertNotIn(entry, changelist.context["cl"].result_list)


class CoordinatorReviewTests(AdminWorkflowTestCase):
    def submitted(self):
        editor = Client()
        self.login(self.editor, client=editor)
        self.client, original = editor, self.client
        self.add_entry(_wf_submit="1")
        self.client = original
        self.login(self.coordinator)
        return ProgressEntry.objects.get()

    def test_approving_publishes_and_updates_the_measure_with_the_reason(self):
        entry = self.submitted()
        page = self.client.get(change_url(entry))
        self.assertEqual(page.context["workflow_actions"], ["approve", "return"])
        response = self.client.post(change_url(entry), form_data(page, change_reason="Atbilst plānam", _wf_approve="1"))
        self.assertEqual(response.status_code, 302)
        entry.refresh_from_db()
        self.assertEqual((entry.review_state, entry.reviewed_by), (ReviewState.APPROVED, self.coordinator))
        measure = Measure.objects.get(pk=self.measure.pk)
        self.assertEqual((measure.status, measure.progress_percent), (MeasureStatus.SUBSTANTIAL, 70))
        self.assertEqual(measure.history.first().history_change_reason, "Atbilst plānam")

    def test_returning_sends_the_comment(self):
        entry = self.submitted()
        page = self.client.get(change_url(entry))
        self.client.post(
            change_url(entry),
            form_data(page, review_comment="Pievienojiet saites", change_reason="Atgriezts", _wf_return="1"),
        )
        entry.refresh_from_db()
        self.assertEqual((entry.review_state, entry.review_comment), (ReviewState.RETURNED, "Pievienojiet saites"))

    def test_returning_without_a_comment_is_a_form_error(self):
        entry = self.submitted()
        page = self.client.get(change_url(entry))
        response = self.client.post(change_url(entry), form_data(page, change_reason="", _wf_return="1"))
        self.assertEqual(response.status_code, 200)
        entry.refresh_from_db()
        self.assertEqual(entry.review_state, ReviewState.SUBMITTED)

    def test_an_approved_entry_is_locked_but_its_approval_can_be_withdrawn(self):
        entry = self.submitted()
        page = self.client.get(change_url(entry))
        self.client.post(change_url(entry), form_data(page, change_reason="Labi", _wf_approve="1"))
        page = self.client.get(change_url(entry))
        self.assertEqual(page.context["workflow_actions"], ["withdraw"])
        self.assertNotIn("narrative_lv", page.context["adminform"].form.fields)
        self.assertContains(page, 'name="_wf_withdraw"')

    def test_withdrawing_an_approval_takes_the_entry_off_the_public_pages(self):
        entry = self.submitted()
        page = self.client.get(change_url(entry))
        self.client.post(change_url(entry), form_data(page, change_reason="Labi", _wf_approve="1"))
        page = self.client.get(change_url(entry))
        response = self.client.post(
            change_url(entry),
            form_data(page, review_comment="Skaitļi neatbilst", change_reason="Kļūda", _wf_withdraw="1"),
        )
        self.assertEqual(response.status_code, 302)
        entry.refresh_from_db()
        self.assertEqual((entry.review_state, entry.review_comment), (ReviewState.RETURNED, "Skaitļi neatbilst"))
        self.assertFalse(ProgressEntry.objects.approved().filter(pk=entry.pk).exists())
        # The status the approval set stays until the coordinator changes it with a reason.
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).status, MeasureStatus.SUBSTANTIAL)

    def test_withdrawing_without_a_comment_is_a_form_error(self):
        entry = self.submitted()
        page = self.client.get(change_url(entry))
        self.client.post(change_url(entry), form_data(page, change_reason="Labi", _wf_approve="1"))
        page = self.client.get(change_url(entry))
        response = self.client.post(change_url(entry), form_data(page, change_reason="", _wf_withdraw="1"))
        self.assertEqual(response.status_code, 200)
        entry.refresh_from_db()
        self.assertEqual(entry.review_state, ReviewState.APPROVED)


class ConcurrentAdminEditTests(AdminWorkflowTestCase):
    def test_the_second_of_two_open_forms_is_refused_with_what_changed(self):
        first, second = Client(), Client()
        self.login(self.coordinator, client=first)
        self.login(self.superuser, client=second)
        url = change_url(self.measure)
        first_page, second_page = first.get(url), second.get(url)

        saved = first.post(url, form_data(first_page, title_lv="Pirmā redakcija", change_reason="Precizēts"))
        self.assertEqual(saved.status_code, 302)
        refused = second.post(url, form_data(second_page, title_lv="Otrā redakcija", change_reason="Cits"))

        self.assertEqual(refused.status_code, 200)
        errors = " ".join(refused.context["adminform"].form.non_field_errors())
        self.assertIn("Pirmā redakcija", errors)
        self.assertIn(self.coordinator.username, errors)
        measure = Measure.objects.get(pk=self.measure.pk)
        self.assertEqual((measure.title_lv, measure.version), ("Pirmā redakcija", 2))

    def test_a_fresh_form_after_the_refusal_saves(self):
        self.login(self.coordinator)
        url = change_url(self.measure)
        page = self.client.get(url)
        Measure.objects.filter(pk=self.measure.pk).update(version=5)
        self.assertEqual(self.client.post(url, form_data(page, title_lv="A", change_reason="x")).status_code, 200)
        page = self.client.get(url)
        self.assertEqual(self.client.post(url, form_data(page, title_lv="A", change_reason="x")).status_code, 302)

    def test_two_editors_of_one_entry(self):
        entry = make_entry(self.measure, self.round, review_state=ReviewState.DRAFT, narrative_lv="Sākums")
        first, second = Client(), Client()
        self.login(self.editor, client=first)
        self.login(self.coordinator, client=second)
        url = change_url(entry)
        first_page, second_page = first.get(url), second.get(url)
        self.assertEqual(
            first.post(url, form_data(first_page, narrative_lv="Redaktora teksts", change_reason="a")).status_code, 302
        )
        refused = second.post(url, form_data(second_page, narrative_lv="Koordinatora teksts", change_reason="b"))
        self.assertEqual(refused.status_code, 200)
        entry.refresh_from_db()
        self.assertEqual(entry.narrative_lv, "Redaktora teksts")


class EditorMeasureTests(AdminWorkflowTestCase):
    def setUp(self):
        self.login(self.editor)

    def test_the_promise_is_read_only_for_an_editor(self):
        url = change_url(self.measure)
        page = self.client.get(url)
        form = page.context["adminform"].form
        for name in ("title_lv", "description_lv", "expected_result_lv", "indicator_en", "due_date", "status"):
            self.assertNotIn(name, form.fields)
        self.assertContains(page, self.measure.title_lv)
        response = self.client.post(
            url, form_data(page, description_lv="Jauns apraksts", status=MeasureStatus.COMPLETE, change_reason="x")
        )
        # A view-only page: the post is refused before any form is read.
        self.assertEqual(response.status_code, 403)
        measure = Measure.objects.get(pk=self.measure.pk)
        self.assertEqual((measure.description_lv, measure.status), (self.measure.description_lv, MeasureStatus.LIMITED))
        self.assertEqual(measure.history.count(), 1)

    def test_another_institutions_measure_does_not_exist_for_them(self):
        self.assertEqual(self.client.get(change_url(self.foreign)).status_code, 404)
        history = reverse("admin:commitments_measure_history", args=[self.foreign.pk])
        self.assertEqual(self.client.get(history).status_code, 404)

    def test_an_editor_cannot_revert(self):
        record = self.measure.history.first()
        url = reverse("admin:commitments_measure_simple_history", args=[self.measure.pk, record.history_id])
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertTrue(page.context["revert_disabled"])
        self.assertEqual(self.client.post(url, form_data(page, description_lv="x")).status_code, 403)

    def test_the_progress_entries_inline_is_read_only(self):
        make_entry(self.measure, self.round, review_state=ReviewState.DRAFT)
        page = self.client.get(change_url(self.measure))
        inline = page.context["inline_admin_formsets"][0]
        self.assertFalse(inline.has_change_permission)


class EditorImportTests(AdminWorkflowTestCase):
    def test_a_file_with_another_institutions_row_is_refused_whole_through_the_admin(self):
        self.login(self.editor)
        data = tablib.Dataset(headers=["plan", "measure", "reporting_round", "status", "narrative_lv"])
        data.append(["admin-plan", self.measure.number, self.round.title_lv, "limited", "Mūsu"])
        data.append(["admin-plan", self.foreign.number, self.round.title_lv, "limited", "Svešs"])
        upload = data.export("csv").encode()
        url = reverse("admin:commitments_progressentry_import")
        page = self.client.get(url)
        choices = page.context["form"].fields["format"].choices
        csv_index = next(value for value, label in choices if str(label).lower() == "csv")
        response = self.client.post(
            url,
            {
                "resource": "0",
                "format": str(csv_index),
                "import_file": SimpleUploadedFile("zinojumi.csv", upload, content_type="text/csv"),
            },
        )
        self.assertEqual(response.status_code, 200)
        result = response.context["result"]
        # The foreign row is the file's third line, after the header and the editor's own row.
        self.assertEqual([row.number for row in result.invalid_rows], [3])
        self.assertContains(response, self.foreign.number)
        self.assertNotIn("confirm_form", response.context)
        self.assertFalse(ProgressEntry.objects.exists())


class RoundActionTests(AdminWorkflowTestCase):
    def test_the_coordinator_opens_a_round_with_the_action(self):
        self.login(self.coordinator)
        planned = make_round(plan=make_plan(), title_lv="Jaunā kārta")
        response = self.client.post(
            reverse("admin:plans_reportinground_changelist"),
            {"action": "open_rounds", "_selected_action": [planned.pk]},
        )
        self.assertEqual(response.status_code, 302)
        planned.refresh_from_db()
        self.assertEqual((planned.status, planned.opened_by), (RoundStatus.OPEN, self.coordinator))

    def test_the_status_is_not_a_form_field(self):
        self.login(self.coordinator)
        page = self.client.get(change_url(self.round))
        self.assertNotIn("status", page.context["adminform"].form.fields)

    def test_editors_have_no_round_actions(self):
        self.login(self.editor)
        response = self.client.post(
            reverse("admin:plans_reportinground_changelist"),
            {"action": "close_rounds", "_selected_action": [self.round.pk]},
        )
        self.assertNotEqual(response.status_code, 500)
        self.assertEqual(ReportingRound.objects.get(pk=self.round.pk).status, RoundStatus.OPEN)


class HistoryProtectionTests(BaseTestCase):
    def test_no_historical_model_is_in_the_admin(self):
        registered = [model._meta.model_name for model in admin.site._registry]
        self.assertEqual([name for name in registered if name.startswith("historical")], [])

    def test_nobody_but_superusers_may_change_history_rows(self):
        from django.contrib.auth.models import Permission

        writers = Permission.objects.filter(content_type__model__startswith="historical", group__isnull=False).exclude(
            codename__startswith="view_"
        )
        self.assertFalse(writers.exists())


class AdminDashboardPageTests(AdminWorkflowTestCase):
    def test_the_admin_home_shows_each_role_its_dashboard(self):
        self.login(self.coordinator)
        self.assertContains(self.client.get(reverse("admin:index")), 'class="ogp-dashboard"')
        self.login(self.editor)
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, str(self.measure.title_lv))
        self.assertNotContains(response, str(self.foreign.title_lv))

    def test_the_editors_due_list_links_to_a_prefilled_report(self):
        self.login(self.editor)
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, f"?measure={self.measure.pk}&amp;reporting_round={self.round.pk}")
        page = self.client.get(f"{ADD_ENTRY}?measure={self.measure.pk}&reporting_round={self.round.pk}")
        self.assertEqual(page.context["adminform"].form.initial["measure"], str(self.measure.pk))


class EditorExportTests(AdminWorkflowTestCase):
    def test_an_editors_export_holds_only_their_measures_and_entries(self):
        from django.test import RequestFactory

        from commitments.admin import MeasureAdmin, ProgressEntryAdmin

        own_entry = make_entry(self.measure, self.round, review_state=ReviewState.DRAFT)
        make_entry(self.foreign, self.round, review_state=ReviewState.SUBMITTED)
        request = RequestFactory().get("/admin/commitments/measure/export/")
        request.user = self.editor
        measures = MeasureAdmin(Measure, admin.site).get_export_queryset(request)
        entries = ProgressEntryAdmin(ProgressEntry, admin.site).get_export_queryset(request)
        self.assertEqual(list(measures), [self.measure])
        self.assertEqual(list(entries), [own_entry])


class PromiseReadOnlyPageTests(BaseTestCase):
    """The editor's measure page is a read-only view: no save button, no reason to give."""

    def test_it_shows_an_editor_the_measure_without_a_save_button_or_a_reason_field(self):
        plan = make_plan()
        commitment = make_commitment(plan=plan)
        measure = make_measure(commitment=commitment, responsible_institution=self.institution)
        self.login(self.editor)
        response = self.client.get(reverse("admin:commitments_measure_change", args=[measure.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="_save"')
        self.assertNotContains(response, 'name="change_reason"')
        self.assertNotContains(response, "history-reason")
        post = self.client.post(reverse("admin:commitments_measure_change", args=[measure.pk]), {"title_lv": "X"})
        self.assertEqual(post.status_code, 403)

    def test_it_gives_the_coordinator_the_reason_field(self):
        plan = make_plan()
        measure = make_measure(commitment=make_commitment(plan=plan), responsible_institution=self.institution)
        self.login(self.coordinator)
        response = self.client.get(reverse("admin:commitments_measure_change", args=[measure.pk]))
        self.assertContains(response, 'name="change_reason"')
        self.assertContains(response, 'name="_save"')
