"""System actors: the writers that are not people (the loader of the source documents).

A system actor is not a user account: it cannot log in, is never a request's user and holds no
role, so no page, admin view or API call can act as one. Only code that imports the one instance
and passes it to a service writes as it; accounts.policy recognises that instance by identity, not
by any attribute a user account could also have. Its history rows carry no user (it is not an
account) and the reason the caller gives, so they read as "loaded from the source", not as an edit
by an unknown user.
"""

from __future__ import annotations

from django.utils.translation import gettext


class SystemActor:
    # What the auth machinery asks of request.user: a system actor answers like a stranger.
    is_authenticated = False
    is_anonymous = True
    is_active = False
    is_staff = False
    is_superuser = False
    pk = None
    id = None

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"<SystemActor {self.name}>"

    def has_perm(self, perm, obj=None) -> bool:
        return False

    def has_perms(self, perm_list, obj=None) -> bool:
        return False

    def has_module_perms(self, app_label) -> bool:
        return False


# The real-data loader (sourcedata's load_real_data): creates the content of the source documents.
SOURCE_LOADER = SystemActor("source documents loader")


def history_user(user):
    """The account a history row names: none for a system actor (the row's reason says who wrote it)."""
    return None if isinstance(user, SystemActor) else user


# The reason the loader's history rows carry: stored text, read by the State Chancellery's staff next to their
# own reasons, in Latvian, the language of the content and of the admin by default.
SOURCE_LOAD_REASON = "Sākotnējā ielāde no avota dokumentiem"


def actor_name(user, reason: str) -> str:
    """Who wrote a history row, as staff read it: the account, or for a row with none, the loader of the
    source documents (by its reason) or the system; never "unknown user"."""
    if user is not None:
        return str(user)
    if reason == SOURCE_LOAD_REASON:
        return gettext("loaded from the source documents")
    return gettext("system (no account)")
