"""One write path: every save claims a version it carries, writes one history row, and the admin refuses
what the services refuse."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from commitments import services, workflow
from commitments.models import Measure, MeasureStatus, ProgressEntry, ReviewState
from ogp_portal.history.writes import save_versioned
from plans.models import RoundStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_institution, make_measure, make_plan, make_round
from tests.test_history_admin import change_url, measure_form_data, revert_url


class MissingVersionTests(BaseTestCase):
    """A form posted without the version it was opened at is refused and changes nothing."""

    def setUp(self):
        self.login(self.superuser)
        self.measure = make_measure(responsible_institution=self.institution, title="Sākotnējais")

    def assert_unchanged(self, measure):
        saved = Measure.objects.get(pk=measure.pk)
        self.assertEqual((saved.title_lv, saved.version), (measure.title_lv, measure.version))
        self.assertEqual(saved.history.count(), measure.history.count())

    def test_a_change_form_without_its_version_is_refused(self):
        data = measure_form_data(self.measure, title_lv="Bez versijas", change_reason="x")
        del data["expected_version"]
        response = self.client.post(change_url(self.measure), data)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["adminform"].form.non_field_errors())
        self.assert_unchanged(self.measure)

    def test_an_inline_row_without_its_version_is_refused(self):
        commitment = self.measure.commitment
        data = {
            "plan": commitment.plan_id,
            "number": commitment.number,
            "title_lv": commitment.title_lv,
            "title_en": commitment.title_en,
            "change_reason": "Labojums",
            "measures-TOTAL_FORMS": "1",
            "measures-INITIAL_FORMS": "1",
            "measures-MIN_NUM_FORMS": "0",
            "measures-MAX_NUM_FORMS": "1000",
            "measures-0-id": self.measure.pk,
            "measures-0-commitment": commitment.pk,
            "measures-0-number": self.measure.number,
            "measures-0-order": self.measure.order,
            "measures-0-title_lv": "Bez versijas",
            "measures-0-responsible_institution": self.institution.pk,
            "measures-0-status": self.measure.status,
        }
        response = self.client.post(change_url(commitment), data)
        self.assertEqual(response.status_code, 200)
        self.assert_unchanged(self.measure)

    def test_a_revert_without_the_version_is_refused(self):
        record = self.measure.history.get()
        self.client.post(
            change_url(self.measure), measure_form_data(self.measure, title_lv="Otrais", change_reason="x")
        )
        changed = Measure.objects.get(pk=self.measure.pk)
        data = measure_form_data(changed, title_lv="Sākotnējais")
        del data["expected_version"]
        response = self.client.post(revert_url(changed, record), {**data, "_save": "Revert"})
        self.assertEqual(response.status_code, 200)
        self.assert_unchanged(changed)

    def test_a_workflow_button_without_the_version_is_refused(self):
        reporting_round = make_round(plan=self.measure.plan, status=RoundStatus.OPEN)
        entry = make_entry(self.measure, reporting_round, review_state=ReviewState.SUBMITTED)
        page = self.client.get(change_url(entry))
        self.assertEqual(page.context["workflow_actions"], ["approve", "return"])
        data = {
            "reported_on": "",
            "status": entry.status,
            "narrative_lv": entry.narrative_lv,
            "change_reason": "Labi",
            "_wf_approve": "1",
        }
        response = self.client.post(change_url(entry), data)
        self.assertEqual(response.status_code, 200)
        entry.refresh_from_db()
        self.assertEqual((entry.review_state, entry.version), (ReviewState.SUBMITTED, 1))

    def test_a_service_told_there_is_no_version_refuses(self):
        measure = Measure.objects.get(pk=self.measure.pk)
        measure.title_lv = "Bez versijas"
        with self.assertRaises(ValidationError) as caught:
            services.measure_save(measure=measure, user=self.coordinator, reason="x", expected_version=None)
        self.assertEqual(caught.exception.code, "version_required")
        self.assert_unchanged(self.measure)


class OneHistoryRowTests(BaseTestCase):
    def setUp(self):
        self.measure = make_measure(title="Pasākums", description="")

    def test_a_save_with_many_to_many_values_is_one_row_with_its_reason(self):
        partner = make_institution()
        measure = Measure.objects.get(pk=self.measure.pk)
        measure.status = MeasureStatus.SUBSTANTIAL
        save_versioned(
            measure, user=self.coordinator, reason="Partneri", m2m={"co_responsible_institutions": [partner]}
        )
        records = list(Measure.objects.get(pk=measure.pk).history.all())
        self.assertEqual(len(records), 2)
        latest = records[0]
        self.assertEqual((latest.history_change_reason, latest.history_user), ("Partneri", self.coordinator))
        self.assertEqual((latest.status, latest.version), (MeasureStatus.SUBSTANTIAL, 2))
        self.assertEqual([row.institution for row in latest.co_responsible_institutions.all()], [partner])

    def test_a_save_that_changes_nothing_readable_writes_nothing(self):
        measure = Measure.objects.get(pk=self.measure.pk)
        measure.description_en = ""  # None → "": reads the same
        save_versioned(measure, user=self.coordinator, reason="Nekas", m2m={"other_implementers": []})
        saved = Measure.objects.get(pk=measure.pk)
        self.assertEqual((saved.history.count(), saved.version), (1, 1))

    def test_an_approval_by_button_is_one_entry_row(self):
        reporting_round = make_round(plan=self.measure.plan, status=RoundStatus.OPEN)
        entry = make_entry(self.measure, reporting_round, review_state=ReviewState.SUBMITTED)
        rows_before = entry.history.count()
        self.login(self.coordinator)
        page = self.client.get(change_url(entry))
        form = page.context["adminform"].form
        data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
        # The evidence files inline, with no rows.
        data.update({"evidence_files-TOTAL_FORMS": "0", "evidence_files-INITIAL_FORMS": "0"})
        response = self.client.post(change_url(entry), {**data, "change_reason": "Atbilst", "_wf_approve": "1"})
        self.assertEqual(response.status_code, 302)
        entry = ProgressEntry.objects.get(pk=entry.pk)
        self.assertEqual(entry.history.count(), rows_before + 1)
        latest = entry.history.first()
        self.assertEqual((latest.review_state, latest.history_change_reason), (ReviewState.APPROVED, "Atbilst"))


class SameRefusalsTests(BaseTestCase):
    """For each role and each state, the admin offers a step exactly when the service takes it."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan = make_plan()
        cls.measure = make_measure(make_commitment(plan=plan), responsible_institution=cls.institution)
        cls.round = make_round(plan=plan, status=RoundStatus.OPEN)

    STEPS = {
        workflow.SUBMIT: lambda entry, user: services.progress_entry_submit(entry=entry, user=user),
        workflow.APPROVE: lambda entry, user: services.progress_entry_approve(entry=entry, user=user, reason="x"),
        workflow.RETURN: lambda entry, user: services.progress_entry_return(entry=entry, user=user, comment="x"),
        workflow.WITHDRAW: lambda entry, user: services.progress_entry_withdraw_approval(
            entry=entry, user=user, comment="x"
        ),
    }

    def test_the_admin_offers_what_the_services_allow(self):
        roles = {"coordinator": self.coordinator, "editor": self.editor, "other_editor": self.other_editor}
        for role, user in roles.items():
            for state in ReviewState.values:
                for action, step in self.STEPS.items():
                    with self.subTest(role=role, state=state, action=action):
                        ProgressEntry.objects.all().delete()
                        entry = make_entry(self.measure, self.round, review_state=state, narrative_lv="Darīts")
                        offered = action in workflow.available_actions(user, entry)
                        try:
                            step(ProgressEntry.objects.get(pk=entry.pk), user)
                            taken = True
                        except (PermissionDenied, ValidationError):
                            taken = False
                        self.assertEqual(offered, taken)

    def test_the_change_page_shows_the_same_buttons(self):
        entry = make_entry(self.measure, self.round, review_state=ReviewState.SUBMITTED)
        for user in (self.coordinator, self.editor):
            client = Client()
            self.login(user, client=client)
            page = client.get(change_url(entry))
            with self.subTest(user=user.username):
                self.assertEqual(page.context["workflow_actions"], workflow.available_actions(user, entry))
