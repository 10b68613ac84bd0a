"""No lost updates: the second save of a stale copy is refused, with what changed and by whom."""

from django.core.exceptions import ValidationError

from accounts.concurrency import StaleObjectError, claim_version
from commitments import services
from commitments.models import Measure, MeasureStatus, ProgressEntry, ReviewState
from plans.models import RoundStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_measure, make_plan, make_round


class ServiceLevelConcurrencyTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan = make_plan()
        cls.measure = make_measure(make_commitment(plan=plan), responsible_institution=cls.institution)
        cls.round = make_round(plan=plan, status=RoundStatus.OPEN)

    def test_it_refuses_the_second_of_two_entry_edits(self):
        entry = services.progress_entry_save_draft(
            entry=ProgressEntry(
                measure=self.measure, reporting_round=self.round, status=MeasureStatus.LIMITED, narrative_lv="A"
            ),
            user=self.editor,
        )
        first = ProgressEntry.objects.get(pk=entry.pk)
        second = ProgressEntry.objects.get(pk=entry.pk)
        first.narrative_lv = "Pirmā versija"
        services.progress_entry_save_draft(entry=first, user=self.editor)
        second.narrative_lv = "Otrā versija"
        with self.assertRaises(StaleObjectError) as caught:
            services.progress_entry_save_draft(entry=second, user=self.coordinator)
        message = caught.exception.messages[0]
        self.assertIn("editor", message)
        self.assertIn("Pirmā versija", message)
        saved = ProgressEntry.objects.get(pk=entry.pk)
        self.assertEqual((saved.narrative_lv, saved.version), ("Pirmā versija", 2))

    def test_a_stale_review_is_refused(self):
        entry = services.progress_entry_submit(
            entry=ProgressEntry(
                measure=self.measure, reporting_round=self.round, status=MeasureStatus.LIMITED, narrative_lv="A"
            ),
            user=self.editor,
        )
        stale = ProgressEntry.objects.get(pk=entry.pk)
        services.progress_entry_return(entry=entry, user=self.coordinator, comment="Labot")
        services.progress_entry_submit(entry=ProgressEntry.objects.get(pk=entry.pk), user=self.editor)
        with self.assertRaises(StaleObjectError):
            services.progress_entry_approve(entry=stale, user=self.superuser, reason="x")
        self.assertEqual(ProgressEntry.objects.get(pk=entry.pk).review_state, ReviewState.SUBMITTED)

    def test_a_stale_status_change_is_refused_and_names_the_change(self):
        stale = Measure.objects.get(pk=self.measure.pk)
        services.measure_update_status(
            measure=Measure.objects.get(pk=self.measure.pk),
            status=MeasureStatus.COMPLETE,
            user=self.coordinator,
            reason="Pabeigts",
        )
        with self.assertRaises(StaleObjectError) as caught:
            services.measure_update_status(
                measure=stale, status=MeasureStatus.NOT_STARTED, user=self.superuser, reason="Kļūda"
            )
        self.assertIn(str(MeasureStatus.COMPLETE.label), caught.exception.messages[0])
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).status, MeasureStatus.COMPLETE)

    def test_claim_version_is_a_validation_error_with_code_stale(self):
        measure = Measure.objects.get(pk=self.measure.pk)
        with self.assertRaises(ValidationError) as caught:
            claim_version(measure, expected_version=measure.version + 5)
        self.assertEqual(caught.exception.code, "stale")
