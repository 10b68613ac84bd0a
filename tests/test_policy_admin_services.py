"""The admin and the services refuse exactly the same things, role by role.

For every role and action, the action is tried twice from the same starting point (each try rolled back):
once through the admin as a person would (the change form's buttons, the list's actions) and once by
calling the service. The admin's try changes the database exactly when the service's call does not raise
PermissionDenied.
"""

from __future__ import annotations

import datetime
import hashlib
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from commitments import services as commitment_services
from commitments.models import Measure, MeasureStatus, ProgressEntry, ReviewState
from council import services as council_services
from council.models import Meeting, MeetingStatus
from council.testing import make_council, make_meeting
from plans import services as plan_services
from plans.models import ReportingRound, RoundStatus
from reports.models import BuildState, Report, ReportKind, ReportLanguage
from reports.services import report_publish
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_measure, make_plan, make_round
from tests.test_workflow_admin import form_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ROLES = ("coordinator", "editor", "other_editor", "council", "bare_staff", "public", "anonymous")


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@dataclass
class Action:
    admin: Callable  # (test, user) -> None: what the person does in the admin
    service: Callable  # (test, user) -> None: the service call
    done: Callable  # (test) -> bool: the database shows the action happened


def _form_post(obj, **changes):
    """Post the change form of `obj` as filled for the coordinator, with `changes`."""

    def run(test, user):
        data = test.coordinator_form(obj(test), **changes)
        test.as_user(user).post(change_url(obj(test)), data)

    return run


def _list_action(model, obj, action, **form):
    """Choose `action` on the list for `obj`; `form` fills the action's own page, submitted with `apply`."""

    def run(test, user):
        data = {"action": action, "_selected_action": [obj(test).pk], "index": 0}
        if form:
            data |= {**form, "apply": "1"}
        test.as_user(user).post(changelist_url(model), data)

    return run


ACTIONS = {
    "measure status": Action(
        admin=_form_post(lambda t: t.measure, status=MeasureStatus.COMPLETE, change_reason="Pabeigts"),
        service=lambda t, user: commitment_services.measure_update_status(
            measure=Measure.objects.get(pk=t.measure.pk), user=user, status=MeasureStatus.COMPLETE, reason="Pabeigts"
        ),
        done=lambda t: Measure.objects.get(pk=t.measure.pk).status == MeasureStatus.COMPLETE,
    ),
    "measure bulk status": Action(
        admin=_list_action(
            Measure, lambda t: t.measure, "set_status", status=MeasureStatus.COMPLETE, reason="Pabeigts"
        ),
        service=lambda t, user: commitment_services.measures_update_status(
            measures=[Measure.objects.get(pk=t.measure.pk)], user=user, status=MeasureStatus.COMPLETE, reason="Pabeigts"
        ),
        done=lambda t: Measure.objects.get(pk=t.measure.pk).status == MeasureStatus.COMPLETE,
    ),
    "measure edit": Action(
        admin=_form_post(lambda t: t.measure, description_lv="Jauns apraksts", change_reason="Precizēts"),
        service=lambda t, user: commitment_services.measure_save(
            measure=_with(Measure.objects.get(pk=t.measure.pk), description_lv="Jauns apraksts"),
            user=user,
            reason="Precizēts",
        ),
        done=lambda t: Measure.objects.get(pk=t.measure.pk).description_lv == "Jauns apraksts",
    ),
    "entry submit": Action(
        admin=_form_post(lambda t: t.draft, _wf_submit="1", change_reason="Iesniegts"),
        service=lambda t, user: commitment_services.progress_entry_submit(
            entry=ProgressEntry.objects.get(pk=t.draft.pk), user=user
        ),
        done=lambda t: ProgressEntry.objects.get(pk=t.draft.pk).review_state == ReviewState.SUBMITTED,
    ),
    "entry approve": Action(
        admin=_form_post(lambda t: t.submitted, _wf_approve="1", change_reason="Atbilst"),
        service=lambda t, user: commitment_services.progress_entry_approve(
            entry=ProgressEntry.objects.get(pk=t.submitted.pk), user=user, reason="Atbilst"
        ),
        done=lambda t: ProgressEntry.objects.get(pk=t.submitted.pk).review_state == ReviewState.APPROVED,
    ),
    "entry return": Action(
        admin=_form_post(lambda t: t.submitted, _wf_return="1", review_comment="Papildiniet", change_reason="Atpakaļ"),
        service=lambda t, user: commitment_services.progress_entry_return(
            entry=ProgressEntry.objects.get(pk=t.submitted.pk), user=user, comment="Papildiniet"
        ),
        done=lambda t: ProgressEntry.objects.get(pk=t.submitted.pk).review_state == ReviewState.RETURNED,
    ),
    "round open": Action(
        admin=_list_action(ReportingRound, lambda t: t.planned_round, "open_rounds"),
        service=lambda t, user: plan_services.round_open(
            reporting_round=ReportingRound.objects.get(pk=t.planned_round.pk), user=user
        ),
        done=lambda t: ReportingRound.objects.get(pk=t.planned_round.pk).status == RoundStatus.OPEN,
    ),
    "round close": Action(
        admin=_list_action(ReportingRound, lambda t: t.round, "close_rounds"),
        service=lambda t, user: plan_services.round_close(
            reporting_round=ReportingRound.objects.get(pk=t.round.pk), user=user
        ),
        done=lambda t: ReportingRound.objects.get(pk=t.round.pk).status == RoundStatus.CLOSED,
    ),
    "round reopen": Action(
        admin=_list_action(ReportingRound, lambda t: t.closed_round, "reopen_rounds", reason="Vēlās atskaites"),
        service=lambda t, user: plan_services.round_reopen(
            reporting_round=ReportingRound.objects.get(pk=t.closed_round.pk), user=user, reason="Vēlās atskaites"
        ),
        done=lambda t: ReportingRound.objects.get(pk=t.closed_round.pk).status == RoundStatus.OPEN,
    ),
    "report publish": Action(
        admin=_list_action(Report, lambda t: t.report, "publish_selected", confirm="1"),
        service=lambda t, user: report_publish(report=Report.objects.get(pk=t.report.pk), user=user),
        done=lambda t: Report.objects.get(pk=t.report.pk).published_at is not None,
    ),
    "meeting publish": Action(
        admin=_list_action(Meeting, lambda t: t.meeting, "publish_meeting_action"),
        service=lambda t, user: council_services.meeting_publish(
            meeting=Meeting.objects.get(pk=t.meeting.pk), user=user
        ),
        done=lambda t: Meeting.objects.get(pk=t.meeting.pk).status == MeetingStatus.PUBLISHED,
    ),
}

# Who may do what (the rest follows from the agreement of the two paths).
COORDINATOR_ONLY = {"measure status", "entry approve", "entry return", "round open", "round close", "report publish"}
COORDINATOR_ONLY |= {"meeting publish", "measure bulk status", "round reopen"}
NOBODY_BUT_STAFF_WITH_A_ROLE = {"coordinator", "editor", "other_editor"}


def _with(obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    return obj


class AdminAgreesWithServicesTests(BaseTestCase):
    @classmethod
    def setUpClass(cls):
        cls._media = tempfile.mkdtemp(prefix="policy-media-")
        cls._override = override_settings(MEDIA_ROOT=cls._media)
        cls._override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._override.disable()
        shutil.rmtree(cls._media, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(slug="agree-plan")
        cls.measure = make_measure(
            make_commitment(plan=cls.plan), responsible_institution=cls.institution, status=MeasureStatus.LIMITED
        )
        cls.round = make_round(plan=cls.plan, status=RoundStatus.OPEN)
        # Its own plan: a plan has one open round at a time, and this plan has two already.
        cls.planned_round = make_round(plan=make_plan(slug="agree-next"), status=RoundStatus.PLANNED)
        cls.closed_round = make_round(plan=make_plan(slug="agree-closed"), status=RoundStatus.CLOSED)
        cls.draft = make_entry(cls.measure, cls.round, review_state=ReviewState.DRAFT, narrative_lv="Izdarīts")
        other_round = make_round(plan=cls.plan, status=RoundStatus.OPEN)
        cls.submitted = make_entry(cls.measure, other_round, review_state=ReviewState.SUBMITTED, narrative_lv="Gatavs")
        cls.meeting = make_meeting(make_council(plan=cls.plan), number=1, status=MeetingStatus.APPROVED)
        cls.report = Report(
            plan=cls.plan,
            kind=ReportKind.MIDTERM,
            language=ReportLanguage.LV,
            version=1,
            as_of=datetime.date(2024, 6, 30),
            state=BuildState.DONE,
            sha256=hashlib.sha256(PDF).hexdigest(),
            size=len(PDF),
            page_count=1,
        )
        cls.report.file.save("report.pdf", ContentFile(PDF), save=False)
        cls.report.save()
        cls.bare_staff = get_user_model().objects.create_user("bare", "b@example.invalid", "password", is_staff=True)
        apps = ["commitments", "plans", "reports", "council"]
        cls.bare_staff.user_permissions.set(Permission.objects.filter(content_type__app_label__in=apps))

    def user(self, role):
        if role == "anonymous":
            return AnonymousUser()
        names = {"council": "council_member", "public": "public_user"}
        return get_user_model().objects.get(pk=getattr(self, names.get(role, role)).pk)

    def as_user(self, user):
        self.client.logout()
        if user.is_authenticated:
            self.login(user)
        return self.client

    def coordinator_form(self, obj, **changes):
        self.login(self.coordinator)
        return form_data(self.client.get(change_url(obj)), **changes)

    def attempt(self, run) -> tuple[bool, bool]:
        """(refused, done): run in a savepoint that is always rolled back."""
        savepoint = transaction.savepoint()
        try:
            try:
                run()
            except PermissionDenied:
                return True, False
            return False, self.done()
        finally:
            transaction.savepoint_rollback(savepoint)

    def check_role(self, role):
        for name, action in ACTIONS.items():
            with self.subTest(role=role, action=name):
                self.done = lambda action=action: action.done(self)
                _refused, by_admin = self.attempt(lambda action=action: action.admin(self, self.user(role)))
                refused, by_service = self.attempt(lambda action=action: action.service(self, self.user(role)))
                self.assertEqual(by_admin, by_service, f"admin did it: {by_admin}, service did it: {by_service}")
                self.assertEqual(refused, not by_service)
                if role not in NOBODY_BUT_STAFF_WITH_A_ROLE:
                    self.assertTrue(refused, "only staff with a role change anything")
                elif name in COORDINATOR_ONLY:
                    self.assertEqual(refused, role != "coordinator")
                elif role == "other_editor":
                    self.assertTrue(refused, "another institution's measure")

    def test_the_coordinator(self):
        self.check_role("coordinator")

    def test_an_institution_editor(self):
        self.check_role("editor")

    def test_another_institutions_editor(self):
        self.check_role("other_editor")

    def test_a_council_member(self):
        self.check_role("council")

    def test_staff_with_bare_permissions_and_no_role(self):
        self.check_role("bare_staff")

    def test_a_plain_account(self):
        self.check_role("public")

    def test_an_anonymous_visitor(self):
        self.check_role("anonymous")
