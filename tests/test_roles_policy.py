"""accounts.policy: the one set of rules every layer asks."""

from django.contrib.auth.models import Group

from accounts import policy, roles
from accounts.models import InstitutionEditor
from accounts.services import institution_editor_grant, institution_editor_revoke
from commitments.models import Measure, ProgressEntry, ReviewState
from council.models import Council, CouncilMember
from plans.models import ReportingRound, RoundStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_measure, make_plan, make_round


class RoleGroupTests(BaseTestCase):
    def test_migrate_created_the_three_groups(self):
        self.assertEqual(
            set(Group.objects.filter(name__in=roles.ALL_ROLES).values_list("name", flat=True)), set(roles.ALL_ROLES)
        )

    def test_the_coordinator_group_can_review_but_not_edit_history(self):
        codenames = set(Group.objects.get(name=roles.COORDINATOR).permissions.values_list("codename", flat=True))
        self.assertIn("review_progressentry", codenames)
        self.assertIn("change_measure", codenames)
        self.assertIn("view_historicalmeasure", codenames)
        self.assertNotIn("change_historicalmeasure", codenames)
        self.assertNotIn("delete_historicalmeasure", codenames)

    def test_the_editor_group_cannot_review_or_delete(self):
        codenames = set(Group.objects.get(name=roles.INSTITUTION_EDITOR).permissions.values_list("codename", flat=True))
        self.assertIn("change_progressentry", codenames)
        self.assertNotIn("review_progressentry", codenames)
        self.assertNotIn("delete_measure", codenames)
        self.assertNotIn("add_measure", codenames)

    def test_the_council_group_has_no_admin_permissions(self):
        self.assertFalse(Group.objects.get(name=roles.COUNCIL_MEMBER).permissions.exists())

    def test_sync_is_idempotent(self):
        first = roles.sync_roles()
        self.assertEqual(roles.sync_roles(), first)


class RolePredicateTests(BaseTestCase):
    def test_personas_have_their_roles(self):
        self.assertEqual(policy.role_of(self.superuser), "coordinator")
        self.assertEqual(policy.role_of(self.coordinator), "coordinator")
        self.assertEqual(policy.role_of(self.editor), "institution_editor")
        self.assertEqual(policy.role_of(self.other_editor), "institution_editor")
        self.assertEqual(policy.role_of(self.council_member), "council_member")
        self.assertEqual(policy.role_of(self.public_user), "public")

    def test_an_inactive_coordinator_has_no_role(self):
        self.coordinator.is_active = False
        self.assertFalse(policy.is_coordinator(self.coordinator))

    def test_the_editor_link_is_unique(self):
        from django.db import IntegrityError, transaction

        with self.assertRaises(IntegrityError), transaction.atomic():
            InstitutionEditor.objects.create(user=self.editor, institution=self.institution)


class CouncilDraftTests(BaseTestCase):
    def test_council_members_and_coordinators_see_drafts(self):
        self.assertTrue(policy.can_view_council_drafts(self.council_member))
        self.assertTrue(policy.can_view_council_drafts(self.coordinator))
        self.assertTrue(policy.can_view_council_drafts(self.superuser))

    def test_editors_and_the_public_do_not(self):
        from django.contrib.auth.models import AnonymousUser

        for user in (self.editor, self.public_user, AnonymousUser()):
            self.assertFalse(policy.can_view_council_drafts(user), user)

    def test_a_council_member_record_linked_to_the_account_is_enough(self):
        council = Council.objects.create(name="Padome")
        CouncilMember.objects.create(council=council, person_name="Jānis", user=self.public_user)
        self.assertTrue(policy.can_view_council_drafts(self.public_user))

    def test_a_member_whose_term_ended_no_longer_sees_drafts(self):
        import datetime

        council = Council.objects.create(name="Padome")
        CouncilMember.objects.create(
            council=council,
            person_name="Jānis",
            user=self.public_user,
            term_start=datetime.date(2020, 1, 1),
            term_end=datetime.date(2021, 1, 1),
        )
        self.assertFalse(policy.can_view_council_drafts(self.public_user))


class MeasureScopeTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan()
        commitment = make_commitment(plan=cls.plan)
        cls.own = make_measure(commitment, responsible_institution=cls.institution)
        cls.co = make_measure(commitment, responsible_institution=cls.other_institution)
        cls.co.co_responsible_institutions.add(cls.institution)
        cls.implementer = make_measure(commitment)
        cls.implementer.other_implementers.add(cls.institution)
        cls.foreign = make_measure(commitment, responsible_institution=cls.other_institution)
        cls.unpublished = make_measure(
            make_commitment(plan=make_plan(is_published=False)), responsible_institution=cls.other_institution
        )

    def test_an_editor_manages_responsible_co_responsible_and_implementer_measures(self):
        self.assertEqual(
            set(policy.measures_managed_by(self.editor, Measure.objects.all())), {self.own, self.co, self.implementer}
        )

    def test_it_rejects_other_institutions_measures(self):
        self.assertFalse(policy.can_edit_measure(self.editor, self.foreign))
        self.assertTrue(policy.can_edit_measure(self.other_editor, self.foreign))

    def test_the_coordinator_edits_everything(self):
        self.assertTrue(policy.can_edit_measure(self.coordinator, self.foreign))
        self.assertEqual(policy.measures_managed_by(self.coordinator, Measure.objects.all()).count(), 5)

    def test_the_public_sees_published_measures_and_edits_none(self):
        self.assertNotIn(self.unpublished, policy.admin_rows(self.public_user, Measure.objects.all()))
        self.assertIn(self.foreign, policy.admin_rows(self.public_user, Measure.objects.all()))
        self.assertFalse(policy.measures_managed_by(self.public_user, Measure.objects.all()).exists())
        self.assertFalse(policy.measures_managed_by(self.council_member, Measure.objects.all()).exists())

    def test_an_editor_reads_published_measures_plus_their_own(self):
        visible = set(policy.admin_rows(self.editor, Measure.objects.all()))
        self.assertIn(self.foreign, visible)
        self.assertNotIn(self.unpublished, visible)
        self.assertIn(self.unpublished, policy.admin_rows(self.other_editor, Measure.objects.all()))

    def test_only_the_coordinator_changes_status(self):
        self.assertTrue(policy.can_change_measure_status(self.coordinator, self.own))
        self.assertFalse(policy.can_change_measure_status(self.editor, self.own))

    def test_the_editable_queryset_can_be_updated(self):
        # A pk__in subquery, not .distinct(): the admin's bulk actions must work on it.
        self.assertEqual(
            policy.measures_managed_by(self.editor, Measure.objects.all()).update(special_attention=True), 3
        )


class EntryScopeTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan()
        commitment = make_commitment(plan=cls.plan)
        cls.own = make_measure(commitment, responsible_institution=cls.institution)
        cls.foreign = make_measure(commitment, responsible_institution=cls.other_institution)
        cls.round = make_round(plan=cls.plan, status=RoundStatus.OPEN)
        cls.own_draft = make_entry(cls.own, cls.round, review_state=ReviewState.DRAFT)
        cls.foreign_draft = make_entry(cls.foreign, cls.round, review_state=ReviewState.DRAFT)
        cls.old_round = make_round(plan=cls.plan, status=RoundStatus.CLOSED)
        cls.foreign_approved = make_entry(cls.foreign, cls.old_round, review_state=ReviewState.APPROVED)

    def test_an_editor_sees_own_entries_and_public_ones(self):
        visible = set(policy.admin_rows(self.editor, ProgressEntry.objects.all()))
        self.assertEqual(visible, {self.own_draft, self.foreign_approved})
        self.assertEqual(set(policy.entries_managed_by(self.editor, ProgressEntry.objects.all())), {self.own_draft})

    def test_the_public_sees_approved_entries_only(self):
        self.assertEqual(set(policy.admin_rows(self.public_user, ProgressEntry.objects.all())), {self.foreign_approved})
        self.assertTrue(policy.can_see_in_admin(self.public_user, self.foreign_approved))
        self.assertFalse(policy.can_see_in_admin(self.public_user, self.own_draft))

    def test_an_editor_edits_drafts_in_open_rounds_only(self):
        self.assertTrue(policy.can_edit_entry(self.editor, self.own_draft))
        self.assertFalse(policy.can_edit_entry(self.editor, self.foreign_draft))
        self.own_draft.reporting_round.status = RoundStatus.CLOSED
        self.assertFalse(policy.can_edit_entry(self.editor, self.own_draft))

    def test_it_rejects_editing_a_submitted_entry_by_its_editor(self):
        self.own_draft.review_state = ReviewState.SUBMITTED
        self.assertFalse(policy.can_edit_entry(self.editor, self.own_draft))
        self.assertTrue(policy.can_edit_entry(self.coordinator, self.own_draft))

    def test_only_the_coordinator_reviews(self):
        self.assertTrue(policy.can_review_entry(self.coordinator, self.own_draft))
        self.assertFalse(policy.can_review_entry(self.editor, self.own_draft))
        self.assertFalse(policy.can_review_entry(self.council_member, self.own_draft))

    def test_editors_report_in_open_rounds_of_the_measures_plan(self):
        self.assertTrue(policy.can_create_entry(self.editor, self.own, self.round))
        self.assertFalse(policy.can_create_entry(self.editor, self.own, self.old_round))
        self.assertFalse(policy.can_create_entry(self.editor, self.foreign, self.round))
        other_plan_round = make_round(status=RoundStatus.OPEN)
        self.assertFalse(policy.can_create_entry(self.coordinator, self.own, other_plan_round))
        # Open rounds of the plans the editor has measures in, not every open round.
        self.assertEqual(set(policy.rounds_reportable_by(self.editor, ReportingRound.objects.all())), {self.round})

    def test_a_second_institution_widens_the_scope(self):
        institution_editor_grant(user=self.editor, institution=self.other_institution)
        self.assertTrue(policy.can_edit_entry(self.editor, self.foreign_draft))

    def test_revoking_the_last_link_removes_the_role(self):
        institution_editor_revoke(user=self.editor, institution=self.institution)
        self.assertFalse(policy.is_institution_editor(self.editor))
        self.assertFalse(self.editor.groups.filter(name=roles.INSTITUTION_EDITOR).exists())


class PolicyLayerTests(BaseTestCase):
    def test_the_policy_imports_no_app_above_accounts(self):
        # It answers from roles and the objects it is given; an import of a content app would be a cycle.
        import ast
        from pathlib import Path

        import accounts.policy

        tree = ast.parse(Path(accounts.policy.__file__).read_text())
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        above = ("commitments", "plans", "council", "consultations", "reports", "portal", "opendata")
        self.assertEqual(sorted(name for name in imported if name.split(".")[0] in above), [])
