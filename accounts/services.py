"""Writes that change who may do what (keyword-only, atomic, validated)."""

from django.contrib.auth.models import Group
from django.db import transaction

from . import policy, roles
from .models import InstitutionEditor


def _add_group(user, name: str) -> None:
    group, _created = Group.objects.get_or_create(name=name)
    user.groups.add(group)


@transaction.atomic
def institution_editor_grant(*, user, institution, granted_by=None) -> InstitutionEditor:
    """Let `user` report for `institution`: the link, the editor group, and admin access."""
    link = InstitutionEditor.objects.filter(user=user, institution=institution).first()
    if link is None:
        link = InstitutionEditor(user=user, institution=institution)
        link.full_clean()
        link._history_user = granted_by
        link.save()
    _add_group(user, roles.INSTITUTION_EDITOR)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    policy.forget_roles(user)
    return link


@transaction.atomic
def institution_editor_revoke(*, user, institution, revoked_by=None) -> None:
    for link in InstitutionEditor.objects.filter(user=user, institution=institution):
        link._history_user = revoked_by
        link.delete()
    if not InstitutionEditor.objects.filter(user=user).exists():
        user.groups.remove(*Group.objects.filter(name=roles.INSTITUTION_EDITOR))
    policy.forget_roles(user)


@transaction.atomic
def coordinator_grant(*, user) -> None:
    _add_group(user, roles.COORDINATOR)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    policy.forget_roles(user)


@transaction.atomic
def council_member_grant(*, user) -> None:
    """For accounts not linked through CouncilMember.user (e.g. a secretary of the council)."""
    _add_group(user, roles.COUNCIL_MEMBER)
    policy.forget_roles(user)
