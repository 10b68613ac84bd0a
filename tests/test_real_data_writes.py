"""load_real_data writes through the apps' services as the source loader: one history row per object."""

import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory, TestCase

from accounts import policy
from commitments.models import Commitment, Measure
from commitments.services import commitment_save, measure_save
from ogp_portal.history.actors import SOURCE_LOADER, SystemActor
from ogp_portal.history.writes import save_versioned
from plans.models import ActionPlan, ReportingRound, RoundStatus
from plans.services import reporting_round_save
from sourcedata.loading.writes import CHANGE_REASON
from tests.base import BaseTestCase
from tests.factories import make_plan
from tests.test_real_data import content_models, load


def tracked_models():
    return [model for model in content_models() if hasattr(model, "history")]


def history_rows() -> dict[str, int]:
    return {model.__name__: model.history.count() for model in tracked_models()}


class LoadedHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load()
        cls.plan = ActionPlan.objects.get(slug="lv-nap5-2022-2025")

    def test_each_loaded_object_has_one_history_row_with_the_source_reason(self):
        checked = 0
        for model in tracked_models():
            for obj in model.objects.all():
                rows = list(obj.history.values_list("history_type", "history_user_id", "history_change_reason"))
                self.assertEqual(rows, [("+", None, CHANGE_REASON)], f"{model.__name__} {obj.pk}")
                checked += 1
        self.assertGreater(checked, 100)

    def test_the_creation_row_holds_the_many_to_many_values(self):
        commitment = Commitment.objects.filter(plan=self.plan).exclude(lead_institutions=None).first()
        record = commitment.history.get()
        leads = set(record.lead_institutions.values_list("institution_id", flat=True))
        self.assertEqual(leads, set(commitment.lead_institutions.values_list("pk", flat=True)))
        self.assertTrue(leads)

    def test_a_second_run_writes_no_history_rows(self):
        before = history_rows()
        output = load()
        self.assertEqual(history_rows(), before)
        self.assertIn("0 records created", output)

    def test_a_past_closed_round_is_loaded_closed(self):
        self.assertEqual(set(self.plan.reporting_rounds.values_list("status", flat=True)), {RoundStatus.CLOSED})


class StaffEditSurvivesTests(BaseTestCase):
    def test_a_staff_edit_through_the_service_survives_a_rerun(self):
        load()
        measure = Measure.objects.get(plan__slug="lv-nap5-2022-2025", number="4.1")
        measure.title_lv = "Vienkāršas valodas mācību cikls"
        measure_save(measure=measure, user=self.coordinator, reason="Precizēts nosaukums")
        load()
        measure.refresh_from_db()
        self.assertEqual(measure.title_lv, "Vienkāršas valodas mācību cikls")
        reasons = list(measure.history.order_by("history_date").values_list("history_change_reason", flat=True))
        self.assertEqual(reasons, [CHANGE_REASON, "Precizēts nosaukums"])


class SourceLoaderActorTests(BaseTestCase):
    def test_only_the_source_loader_itself_counts_as_coordinator(self):
        self.assertTrue(policy.is_coordinator(SOURCE_LOADER))
        self.assertFalse(policy.is_coordinator(SystemActor(SOURCE_LOADER.name)))

    def test_real_users_without_the_role_are_still_refused(self):
        plan = make_plan()
        for user in (self.editor, self.public_user, self.council_member):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                commitment_save(commitment=Commitment(plan=plan, number=9, title_lv="Apņemšanās"), user=user)

    def test_the_source_loader_is_no_account_for_the_admin_or_the_policy(self):
        request = RequestFactory().get("/admin/")
        request.user = SOURCE_LOADER
        self.assertFalse(admin.site.has_permission(request))
        self.assertFalse(SOURCE_LOADER.is_authenticated)
        self.assertFalse(SOURCE_LOADER.has_perm("commitments.change_measure"))
        self.assertEqual(policy.editor_institution_ids(SOURCE_LOADER), frozenset())

    def test_a_write_as_the_source_loader_names_no_user(self):
        commitment = Commitment(plan=make_plan(), number=9, title_lv="Apņemšanās")
        save_versioned(commitment, user=SOURCE_LOADER, reason=CHANGE_REASON)
        self.assertEqual(commitment.history.get().history_user_id, None)

    def test_a_coordinator_still_cannot_create_a_closed_round(self):
        plan = make_plan()
        round_ = ReportingRound(
            plan=plan,
            title_lv="Kārta",
            period_start=datetime.date(2022, 1, 1),
            period_end=datetime.date(2022, 12, 31),
            deadline=datetime.date(2023, 3, 1),
            status=RoundStatus.CLOSED,
        )
        with self.assertRaises(ValidationError):
            reporting_round_save(reporting_round=round_, user=self.coordinator)
        round_.pk = None
        reporting_round_save(reporting_round=round_, user=SOURCE_LOADER)
        self.assertEqual(ReportingRound.objects.get().status, RoundStatus.CLOSED)
