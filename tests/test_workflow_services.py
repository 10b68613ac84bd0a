"""The progress-reporting workflow: rounds, drafts, submission, review, and the measure's status."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

from commitments import services
from commitments.models import Measure, MeasureStatus, ProgressEntry, ReviewState
from plans import services as plan_services
from plans.models import RoundStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_measure, make_plan, make_round


class WorkflowTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan()
        commitment = make_commitment(plan=cls.plan)
        cls.measure = make_measure(commitment, responsible_institution=cls.institution, status=MeasureStatus.LIMITED)
        cls.foreign = make_measure(commitment, responsible_institution=cls.other_institution)
        cls.round = make_round(plan=cls.plan, status=RoundStatus.OPEN)

    def new_entry(self, measure=None, **kw):
        defaults = {"status": MeasureStatus.SUBSTANTIAL, "narrative_lv": "Paveikts darbs.", "progress_percent": 60}
        defaults.update(kw)
        return ProgressEntry(measure=measure or self.measure, reporting_round=self.round, **defaults)

    def submitted_entry(self):
        entry = services.progress_entry_save_draft(entry=self.new_entry(), user=self.editor)
        return services.progress_entry_submit(entry=entry, user=self.editor)

    def reasons(self, obj):
        return list(obj.history.order_by("history_id").values_list("history_change_reason", flat=True))


class RoundTests(WorkflowTestCase):
    def test_the_coordinator_opens_a_planned_round(self):
        planned = make_round(plan=make_plan())
        plan_services.round_open(reporting_round=planned, user=self.coordinator)
        planned.refresh_from_db()
        self.assertEqual(planned.status, RoundStatus.OPEN)
        self.assertEqual(planned.opened_by, self.coordinator)
        self.assertIsNotNone(planned.opened_at)
        self.assertEqual(planned.history.first().history_user, self.coordinator)

    def test_it_rejects_opening_by_an_editor(self):
        planned = make_round(plan=make_plan())
        with self.assertRaises(PermissionDenied):
            plan_services.round_open(reporting_round=planned, user=self.editor)

    def test_it_rejects_opening_an_open_round(self):
        with self.assertRaises(ValidationError) as caught:
            plan_services.round_open(reporting_round=self.round, user=self.coordinator)
        self.assertEqual(caught.exception.code, "invalid_transition")

    def test_it_rejects_a_second_open_round_in_one_plan(self):
        planned = make_round(plan=self.plan)
        with self.assertRaises(ValidationError) as caught:
            plan_services.round_open(reporting_round=planned, user=self.coordinator)
        self.assertEqual(caught.exception.code, "another_round_open")

    def test_closing_then_reopening_is_refused(self):
        plan_services.round_close(reporting_round=self.round, user=self.coordinator)
        with self.assertRaises(ValidationError):
            plan_services.round_open(reporting_round=self.round, user=self.coordinator)


class DraftAndSubmitTests(WorkflowTestCase):
    def test_an_editor_saves_a_draft_for_their_measure(self):
        entry = services.progress_entry_save_draft(entry=self.new_entry(), user=self.editor)
        entry.refresh_from_db()
        self.assertEqual(entry.review_state, ReviewState.DRAFT)
        self.assertEqual(entry.version, 1)
        self.assertEqual(entry.history.first().history_user, self.editor)

    def test_it_rejects_other_institutions_measures(self):
        with self.assertRaises(PermissionDenied):
            services.progress_entry_save_draft(entry=self.new_entry(self.foreign), user=self.editor)
        self.assertFalse(ProgressEntry.objects.exists())

    def test_it_rejects_a_second_entry_for_the_same_measure_and_round(self):
        services.progress_entry_save_draft(entry=self.new_entry(), user=self.editor)
        with self.assertRaises(ValidationError):
            services.progress_entry_save_draft(entry=self.new_entry(), user=self.editor)
        self.assertEqual(ProgressEntry.objects.count(), 1)

    def test_it_rejects_reporting_in_a_closed_round(self):
        self.round.status = RoundStatus.CLOSED
        self.round.save()
        with self.assertRaises(PermissionDenied):
            services.progress_entry_save_draft(entry=self.new_entry(), user=self.editor)

    def test_a_caller_cannot_set_the_workflow_state_directly(self):
        entry = self.new_entry(review_state=ReviewState.APPROVED)
        services.progress_entry_save_draft(entry=entry, user=self.editor)
        self.assertEqual(ProgressEntry.objects.get().review_state, ReviewState.DRAFT)

    def test_submit_records_who_and_when(self):
        entry = self.submitted_entry()
        entry.refresh_from_db()
        self.assertEqual(entry.review_state, ReviewState.SUBMITTED)
        self.assertEqual(entry.submitted_by, self.editor)
        self.assertIsNotNone(entry.submitted_at)
        self.assertEqual(self.reasons(entry), [gettext("Draft saved"), gettext("Submitted for review")])

    def test_it_rejects_submitting_an_empty_report(self):
        entry = services.progress_entry_save_draft(entry=self.new_entry(narrative_lv=""), user=self.editor)
        with self.assertRaises(ValidationError) as caught:
            services.progress_entry_submit(entry=entry, user=self.editor)
        self.assertIn("narrative", caught.exception.message_dict)
        entry.refresh_from_db()
        self.assertEqual(entry.review_state, ReviewState.DRAFT)

    def test_it_rejects_editing_after_submission(self):
        entry = self.submitted_entry()
        entry.narrative_lv = "Pārrakstīts"
        with self.assertRaises(ValidationError) as caught:
            services.progress_entry_save_draft(entry=entry, user=self.editor)
        self.assertEqual(caught.exception.code, "invalid_transition")
        entry.refresh_from_db()
        self.assertEqual(entry.narrative_lv, "Paveikts darbs.")

    def test_it_rejects_submitting_twice(self):
        entry = self.submitted_entry()
        with self.assertRaises(ValidationError) as caught:
            services.progress_entry_submit(entry=entry, user=self.editor)
        self.assertEqual(caught.exception.code, "invalid_transition")

    def test_it_rejects_moving_an_entry_to_another_measure(self):
        entry = services.progress_entry_save_draft(entry=self.new_entry(), user=self.editor)
        entry.measure = make_measure(make_commitment(plan=self.plan), responsible_institution=self.institution)
        with self.assertRaises(ValidationError):
            services.progress_entry_save_draft(entry=entry, user=self.editor)


class ReviewTests(WorkflowTestCase):
    def test_approval_makes_the_entry_public_and_updates_the_measure(self):
        entry = self.submitted_entry()
        services.progress_entry_approve(entry=entry, user=self.coordinator, reason="Pārbaudīts")
        entry.refresh_from_db()
        self.assertEqual(entry.review_state, ReviewState.APPROVED)
        self.assertEqual(entry.reviewed_by, self.coordinator)
        self.assertIn(entry, ProgressEntry.objects.published())
        measure = Measure.objects.get(pk=self.measure.pk)
        self.assertEqual((measure.status, measure.progress_percent), (MeasureStatus.SUBSTANTIAL, 60))
        latest = measure.history.first()
        self.assertEqual((latest.history_user, latest.history_change_reason), (self.coordinator, "Pārbaudīts"))
        self.assertEqual(measure.version, 2)

    def test_approval_without_a_reason_records_the_report_as_the_reason(self):
        entry = self.submitted_entry()
        services.progress_entry_approve(entry=entry, user=self.coordinator)
        self.assertIn(str(self.round), Measure.objects.get(pk=self.measure.pk).history.first().history_change_reason)

    def test_it_rejects_approval_by_an_editor(self):
        entry = self.submitted_entry()
        with self.assertRaises(PermissionDenied):
            services.progress_entry_approve(entry=entry, user=self.editor, reason="x")
        entry.refresh_from_db()
        self.assertEqual(entry.review_state, ReviewState.SUBMITTED)

    def test_it_rejects_approving_a_draft(self):
        entry = services.progress_entry_save_draft(entry=self.new_entry(), user=self.editor)
        with self.assertRaises(ValidationError) as caught:
            services.progress_entry_approve(entry=entry, user=self.coordinator, reason="x")
        self.assertEqual(caught.exception.code, "invalid_transition")

    def test_return_needs_a_comment(self):
        entry = self.submitted_entry()
        with self.assertRaises(ValidationError):
            services.progress_entry_return(entry=entry, user=self.coordinator, comment="  ")

    def test_the_coordinator_withdraws_an_approval_with_a_reason(self):
        entry = services.progress_entry_approve(entry=self.submitted_entry(), user=self.coordinator, reason="Labi")
        services.progress_entry_withdraw_approval(entry=entry, user=self.coordinator, comment="Kļūdains skaitlis")
        entry.refresh_from_db()
        self.assertEqual((entry.review_state, entry.reviewed_by), (ReviewState.RETURNED, self.coordinator))
        withdrawn = gettext("Approval withdrawn: %(comment)s") % {"comment": "Kļūdains skaitlis"}
        self.assertEqual(entry.history.first().history_change_reason, withdrawn)
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).status, MeasureStatus.SUBSTANTIAL)

    def test_it_rejects_withdrawal_by_an_editor_or_without_a_reason(self):
        entry = services.progress_entry_approve(entry=self.submitted_entry(), user=self.coordinator, reason="Labi")
        with self.assertRaises(PermissionDenied):
            services.progress_entry_withdraw_approval(entry=entry, user=self.editor, comment="Mans")
        with self.assertRaises(ValidationError):
            services.progress_entry_withdraw_approval(entry=entry, user=self.coordinator, comment=" ")
        self.assertEqual(ProgressEntry.objects.get().review_state, ReviewState.APPROVED)

    def test_it_rejects_withdrawing_an_entry_that_is_not_approved(self):
        entry = self.submitted_entry()
        with self.assertRaises(ValidationError) as caught:
            services.progress_entry_withdraw_approval(entry=entry, user=self.coordinator, comment="x")
        self.assertEqual(caught.exception.code, "invalid_transition")

    def test_a_returned_entry_can_be_fixed_and_resubmitted(self):
        entry = self.submitted_entry()
        services.progress_entry_return(entry=entry, user=self.coordinator, comment="Pievienojiet saites")
        entry.refresh_from_db()
        self.assertEqual((entry.review_state, entry.review_comment), (ReviewState.RETURNED, "Pievienojiet saites"))
        entry.evidence_links = "https://example.invalid/a"
        services.progress_entry_save_draft(entry=entry, user=self.editor)
        self.assertEqual(ProgressEntry.objects.get().review_state, ReviewState.RETURNED)
        services.progress_entry_submit(entry=entry, user=self.editor)
        entry.refresh_from_db()
        self.assertEqual(entry.review_state, ReviewState.SUBMITTED)
        returned = gettext("Returned for changes: %(comment)s") % {"comment": "Pievienojiet saites"}
        self.assertIn(returned, self.reasons(entry))

    def test_approving_an_older_round_late_keeps_the_newer_status(self):
        newer = make_round(
            plan=self.plan,
            period_start=self.round.period_end.replace(year=self.round.period_end.year + 1),
            period_end=self.round.period_end.replace(year=self.round.period_end.year + 1),
        )
        make_entry(self.measure, newer, status=MeasureStatus.COMPLETE, review_state=ReviewState.APPROVED)
        self.measure.status = MeasureStatus.COMPLETE
        self.measure.save()
        entry = self.submitted_entry()
        services.progress_entry_approve(entry=entry, user=self.coordinator, reason="Vēlu")
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).status, MeasureStatus.COMPLETE)


class MeasureStatusTests(WorkflowTestCase):
    def test_a_status_change_needs_a_reason(self):
        with self.assertRaises(ValidationError) as caught:
            services.measure_update_status(
                measure=self.measure, status=MeasureStatus.COMPLETE, user=self.coordinator, reason=" "
            )
        self.assertIn("reason", caught.exception.message_dict)
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).status, MeasureStatus.LIMITED)

    def test_the_reason_and_user_are_in_the_history(self):
        services.measure_update_status(
            measure=self.measure, status=MeasureStatus.COMPLETE, user=self.coordinator, reason="Likums pieņemts"
        )
        latest = Measure.objects.get(pk=self.measure.pk).history.first()
        self.assertEqual(latest.status, MeasureStatus.COMPLETE)
        self.assertEqual(latest.history_change_reason, "Likums pieņemts")
        self.assertEqual(latest.history_user, self.coordinator)

    def test_it_rejects_a_status_change_by_the_editor(self):
        with self.assertRaises(PermissionDenied):
            services.measure_update_status(
                measure=self.measure, status=MeasureStatus.COMPLETE, user=self.editor, reason="x"
            )

    def test_it_rejects_an_unknown_status(self):
        with self.assertRaises(ValidationError):
            services.measure_update_status(measure=self.measure, status="done", user=self.coordinator, reason="x")

    def test_it_rejects_an_editor_rewriting_the_promise(self):
        for name, value in [
            ("title_lv", "Cits solījums"),
            ("description_lv", "Jauns apraksts"),
            ("expected_result_en", "Another result"),
            ("indicator_lv", "Cits rādītājs"),
            ("due_date", datetime.date(2030, 1, 1)),
            ("special_attention", True),
        ]:
            with self.subTest(field=name):
                measure = Measure.objects.get(pk=self.measure.pk)
                setattr(measure, name, value)
                with self.assertRaises(PermissionDenied):
                    services.measure_save(measure=measure, user=self.editor, reason="Labots")
        with self.assertRaises(PermissionDenied):
            services.measure_save(
                measure=Measure.objects.get(pk=self.measure.pk),
                user=self.editor,
                reason="Labots",
                m2m={"co_responsible_institutions": [self.other_institution]},
            )
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).version, self.measure.version)

    def test_the_coordinator_edits_the_promise(self):
        measure = Measure.objects.get(pk=self.measure.pk)
        measure.description_lv = "Jauns apraksts"
        services.measure_save(measure=measure, user=self.coordinator, reason="Plāna grozījumi")
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).description_lv, "Jauns apraksts")

    def test_it_rejects_an_editor_changing_coordinator_fields(self):
        measure = Measure.objects.get(pk=self.measure.pk)
        measure.responsible_institution = self.other_institution
        measure.status = MeasureStatus.COMPLETE
        with self.assertRaises(PermissionDenied):
            services.measure_save(measure=measure, user=self.editor, reason="x")
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).responsible_institution, self.institution)

    def test_it_rejects_editing_another_institutions_measure(self):
        measure = Measure.objects.get(pk=self.foreign.pk)
        measure.description_lv = "x"
        with self.assertRaises(PermissionDenied):
            services.measure_save(measure=measure, user=self.editor)
