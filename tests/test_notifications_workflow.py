"""E-mail on each workflow step, queued in the outbox with the step: who gets what, once, in which language."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from commitments import services
from commitments.models import MeasureStatus, ProgressEntry
from notifications.models import MessageKind, OutgoingMessage
from plans import services as plan_services
from plans.models import RoundStatus
from tests.base import BaseTestCase, User
from tests.factories import make_commitment, make_measure, make_plan, make_round


class NotificationsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan()
        commitment = make_commitment(plan=cls.plan)
        cls.measure = make_measure(commitment, responsible_institution=cls.institution, title_lv="Mūsu pasākums")
        cls.round = make_round(plan=cls.plan, status=RoundStatus.OPEN)

    def submitted(self):
        entry = ProgressEntry(
            measure=self.measure, reporting_round=self.round, status=MeasureStatus.SUBSTANTIAL, narrative_lv="Darīts."
        )
        entry = services.progress_entry_save_draft(entry=entry, user=self.editor)
        return services.progress_entry_submit(entry=entry, user=self.editor)

    def recipients(self, kind):
        return set(OutgoingMessage.objects.filter(kind=kind).values_list("recipient__username", flat=True))


class WorkflowStepTests(NotificationsTestCase):
    def test_a_submitted_entry_is_announced_to_the_coordinators(self):
        entry = self.submitted()
        self.assertEqual(self.recipients(MessageKind.ENTRY_SUBMITTED), {"coordinator", "root"})
        message = OutgoingMessage.objects.get(kind=MessageKind.ENTRY_SUBMITTED, recipient=self.coordinator)
        self.assertEqual(message.address, self.coordinator.email)
        self.assertIn("Mūsu pasākums", message.subject)
        self.assertIn(f"/admin/commitments/progressentry/{entry.pk}/change/", message.body)
        self.assertIsNotNone(message.next_attempt_at)

    def test_a_returned_entry_is_announced_to_who_submitted_it(self):
        entry = self.submitted()
        services.progress_entry_return(entry=entry, user=self.coordinator, comment="Trūkst avota.")
        self.assertEqual(self.recipients(MessageKind.ENTRY_RETURNED), {"editor"})
        self.assertIn("Trūkst avota.", OutgoingMessage.objects.get(kind=MessageKind.ENTRY_RETURNED).body)

    def test_approval_and_its_withdrawal_are_announced_to_who_submitted_it(self):
        entry = self.submitted()
        entry = services.progress_entry_approve(entry=entry, user=self.coordinator)
        services.progress_entry_withdraw_approval(entry=entry, user=self.coordinator, comment="Kļūda skaitlī.")
        self.assertEqual(self.recipients(MessageKind.ENTRY_APPROVED), {"editor"})
        self.assertEqual(self.recipients(MessageKind.APPROVAL_WITHDRAWN), {"editor"})

    def test_the_institutions_editors_are_told_when_nobody_submitted_the_entry(self):
        entry = self.submitted()
        ProgressEntry.objects.filter(pk=entry.pk).update(submitted_by=None)
        entry.refresh_from_db()
        services.progress_entry_approve(entry=entry, user=self.coordinator)
        self.assertEqual(self.recipients(MessageKind.ENTRY_APPROVED), {"editor"})

    def test_the_one_who_took_the_step_is_not_told(self):
        entry = self.submitted()
        services.progress_entry_approve(entry=entry, user=self.superuser)
        self.assertFalse(OutgoingMessage.objects.filter(recipient=self.superuser, kind=MessageKind.ENTRY_APPROVED))

    def test_a_step_that_rolls_back_queues_nothing(self):
        with self.assertRaises(RuntimeError), transaction.atomic():
            self.submitted()
            raise RuntimeError("the request failed after the step")
        self.assertFalse(OutgoingMessage.objects.exists())

    def test_a_refused_step_queues_nothing(self):
        entry = self.submitted()
        OutgoingMessage.objects.all().delete()
        with self.assertRaises(ValidationError):
            services.progress_entry_return(entry=entry, user=self.coordinator, comment="")
        self.assertFalse(OutgoingMessage.objects.exists())

    def test_each_step_queues_each_message_once(self):
        entry = self.submitted()
        entry = services.progress_entry_return(entry=entry, user=self.coordinator, comment="Vēlreiz.")
        services.progress_entry_submit(entry=entry, user=self.editor)
        # Two submissions: two events, each mailed once to each coordinator.
        self.assertEqual(OutgoingMessage.objects.filter(kind=MessageKind.ENTRY_SUBMITTED).count(), 4)
        keys = list(OutgoingMessage.objects.values_list("key", flat=True))
        self.assertEqual(len(keys), len(set(keys)))

    def test_an_account_without_an_address_is_recorded_not_sent(self):
        User.objects.filter(pk=self.superuser.pk).update(email="")
        self.submitted()
        message = OutgoingMessage.objects.get(recipient=self.superuser)
        self.assertIsNone(message.next_attempt_at)
        self.assertNotEqual(message.last_error, "")
        self.assertEqual(list(OutgoingMessage.objects.failed()), [message])


class LanguageTests(NotificationsTestCase):
    def test_messages_are_in_the_recipients_language_not_the_requests(self):
        with translation.override("en"):
            self.submitted()
        message = OutgoingMessage.objects.filter(kind=MessageKind.ENTRY_SUBMITTED).first()
        self.assertEqual(message.language, "lv")
        self.assertTrue(message.subject.startswith("Progresa ziņojums iesniegts izskatīšanai"), message.subject)

    @override_settings(LANGUAGE_CODE="en")
    def test_an_english_recipient_gets_english(self):
        self.submitted()
        message = OutgoingMessage.objects.filter(kind=MessageKind.ENTRY_SUBMITTED).first()
        self.assertEqual(message.language, "en")
        self.assertTrue(message.subject.startswith("Progress report submitted for review"), message.subject)


class RoundTests(NotificationsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other_plan = make_plan()
        make_measure(make_commitment(plan=cls.other_plan), responsible_institution=cls.other_institution)

    def test_an_opened_round_is_announced_to_the_editors_of_the_plans_institutions(self):
        planned = make_round(plan=self.plan)
        self.round.status = RoundStatus.CLOSED
        self.round.save()
        plan_services.round_open(reporting_round=planned, user=self.coordinator)
        self.assertEqual(self.recipients(MessageKind.ROUND_OPENED), {"editor"})
        message = OutgoingMessage.objects.get(kind=MessageKind.ROUND_OPENED)
        self.assertIn(f"/admin/plans/reportinground/{planned.pk}/change/", message.body)

    def test_a_reopened_round_is_announced_again_with_the_reason(self):
        self.round.status = RoundStatus.CLOSED
        self.round.save()
        plan_services.round_reopen(reporting_round=self.round, user=self.coordinator, reason="Vēlie ziņojumi")
        plan_services.round_close(reporting_round=self.round, user=self.coordinator)
        plan_services.round_reopen(reporting_round=self.round, user=self.coordinator, reason="Labojums")
        bodies = list(OutgoingMessage.objects.filter(kind=MessageKind.ROUND_OPENED).values_list("body", flat=True))
        self.assertEqual(len(bodies), 2)
        self.assertTrue(any("Vēlie ziņojumi" in body for body in bodies))
        self.assertTrue(any("Labojums" in body for body in bodies))
