"""Who holds a role: the accounts the workflow's e-mails go to."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from . import roles


def coordinators():
    """Active coordinators (the coordinator group; superusers count as coordinators, as in the policy)."""
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(pk__in=users.filter(Q(is_superuser=True) | Q(groups__name=roles.COORDINATOR)).values("pk"))


def institution_editors(institutions):
    """Active accounts reporting for any of `institutions` (a queryset or ids)."""
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(pk__in=users.filter(institution_links__institution__in=institutions).values("pk"))
