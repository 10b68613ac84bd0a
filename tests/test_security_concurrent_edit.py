"""No lost updates: the second save of a stale copy is refused, with what changed and by whom."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from commitments import services
from commitments.models import Measure, MeasureStatus, ProgressEntry, ReviewState
from ogp_portal.history.concurrency import StaleObjectError, claim_version
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


class InlineMeasureConcurrencyTests(BaseTestCase):
    """Measures edited inside their commitment's admin page are checked like on their own page."""

    def setUp(self):
        self.login(self.superuser)
        self.measure = make_measure(responsible_institution=self.institution, status=MeasureStatus.LIMITED)
        self.commitment = self.measure.commitment

    def _post(self, *, version, status, title_lv=None):
        measure = self.measure
        data = {
            "plan": self.commitment.plan_id,
            "number": self.commitment.number,
            "title_lv": title_lv or self.commitment.title_lv,
            "title_en": self.commitment.title_en,
            "description_lv": "",
            "description_en": "",
            "ogp_id": "",
            "change_reason": "Labojums",
            "measures-TOTAL_FORMS": "1",
            "measures-INITIAL_FORMS": "1",
            "measures-MIN_NUM_FORMS": "0",
            "measures-MAX_NUM_FORMS": "1000",
            "measures-0-id": measure.pk,
            "measures-0-commitment": self.commitment.pk,
            "measures-0-number": measure.number,
            "measures-0-order": measure.order,
            "measures-0-title_lv": measure.title_lv,
            "measures-0-title_en": measure.title_en,
            "measures-0-responsible_institution": self.institution.pk,
            "measures-0-status": status,
            "measures-0-expected_version": version,
        }
        url = reverse("admin:commitments_commitment_change", args=[self.commitment.pk])
        return self.client.post(url, data)

    def _change_elsewhere(self):
        services.measure_update_status(
            measure=Measure.objects.get(pk=self.measure.pk),
            status=MeasureStatus.COMPLETE,
            user=self.coordinator,
            reason="Pabeigts",
        )

    def test_the_form_carries_the_version_of_each_row(self):
        url = reverse("admin:commitments_commitment_change", args=[self.commitment.pk])
        self.assertContains(self.client.get(url), 'name="measures-0-expected_version"')

    def test_it_refuses_a_stale_row_and_keeps_the_other_change(self):
        opened_at = self.measure.version
        self._change_elsewhere()

        response = self._post(version=opened_at, status=MeasureStatus.NOT_STARTED)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "coordinator")
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).status, MeasureStatus.COMPLETE)

    def test_a_current_row_is_saved_and_its_version_moves_on(self):
        response = self._post(version=self.measure.version, status=MeasureStatus.SUBSTANTIAL)

        self.assertEqual(response.status_code, 302)
        saved = Measure.objects.get(pk=self.measure.pk)
        self.assertEqual((saved.status, saved.version), (MeasureStatus.SUBSTANTIAL, self.measure.version + 1))

    def test_a_stale_row_left_unchanged_does_not_block_the_commitment(self):
        opened_at = self.measure.version
        self._change_elsewhere()

        response = self._post(version=opened_at, status=MeasureStatus.COMPLETE, title_lv="Jauns nosaukums")

        self.assertEqual(response.status_code, 302)
        self.commitment.refresh_from_db()
        self.assertEqual(self.commitment.title_lv, "Jauns nosaukums")
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).status, MeasureStatus.COMPLETE)
