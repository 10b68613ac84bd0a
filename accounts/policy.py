"""Who may see and change what: one place that the admin, the views, the API and the downloads all call.

Pure functions of (user, object) and QuerySet filters of (user, queryset); no request, no messages. Roles:

- coordinator (State Chancellery; superusers count as coordinators): all of the plan's content;
  reviews progress entries; opens rounds; publishes reports and meetings.
- institution editor (an `InstitutionEditor` link): the measures their institutions are responsible for,
  co-responsible for or implement, and those measures' progress entries; submits, never approves. In the
  admin they see published content plus their institutions' own, never another institution's unpublished.
- council member (a `CouncilMember.user` link in term, or the council group): reads council drafts.
- everyone else, anonymous included, and staff with model permissions but no role: published data only;
  they change nothing.

The policy imports none of the content apps: it answers from the user's roles and from the objects and
querysets it is given, through their own methods (`published()`, `of_institutions(ids)`, `open()`,
`is_editable_state()`, …), which state each rule next to its model.

Role lookups are cached on the user object for the life of that object (one request); the services
that change someone's roles call `forget_roles(user)`.
"""

from __future__ import annotations

import contextlib

from django.db.models import Q, QuerySet

from ogp_portal.history.actors import SOURCE_LOADER

from . import roles
from .models import InstitutionEditor

_CACHE_ATTR = "_ogp_policy_cache"


def _cache(user) -> dict:
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        # AnonymousUser-like objects may refuse attributes; then nothing is cached.
        with contextlib.suppress(AttributeError):
            setattr(user, _CACHE_ATTR, cache)
    return cache


def forget_roles(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _is_active_account(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _group_names(user) -> frozenset[str]:
    if not _is_active_account(user):
        return frozenset()
    cache = _cache(user)
    if "groups" not in cache:
        cache["groups"] = frozenset(user.groups.values_list("name", flat=True))
    return cache["groups"]


# --- roles -----------------------------------------------------------------------------------------


def is_coordinator(user) -> bool:
    # The loader of the source documents writes the plan's content as the coordinator would; it is
    # recognised by identity (no account can be it) and is refused everything else (it is no account).
    if user is SOURCE_LOADER:
        return True
    if not _is_active_account(user):
        return False
    return user.is_superuser or roles.COORDINATOR in _group_names(user)


def editor_institution_ids(user) -> frozenset[int]:
    """The institutions this account reports for (empty for everyone but institution editors)."""
    if not _is_active_account(user):
        return frozenset()
    cache = _cache(user)
    if "institutions" not in cache:
        cache["institutions"] = frozenset(
            InstitutionEditor.objects.filter(user=user).values_list("institution_id", flat=True)
        )
    return cache["institutions"]


def is_institution_editor(user) -> bool:
    return bool(editor_institution_ids(user))


def is_council_member(user) -> bool:
    if not _is_active_account(user):
        return False
    if roles.COUNCIL_MEMBER in _group_names(user):
        return True
    cache = _cache(user)
    if "council" not in cache:
        cache["council"] = user.council_memberships.in_term().exists()
    return cache["council"]


def role_of(user) -> str:
    """A single label for dashboards and logs; the most powerful role wins."""
    if is_coordinator(user):
        return "coordinator"
    if is_institution_editor(user):
        return "institution_editor"
    if is_council_member(user):
        return "council_member"
    return "public"


# --- content in the admin ------------------------------------------------------------------------------


def can_change_content(user) -> bool:
    """Add, change or delete the plan's content (plans, commitments, consultations, council, institutions,
    reports): the coordinator only. Institution editors report on their measures through entries, below."""
    return is_coordinator(user)


def can_report_progress(user) -> bool:
    """Work in the admin at all beyond reading: coordinators and institution editors, not staff without a role."""
    return is_coordinator(user) or is_institution_editor(user)


def _related_model(model, path: str):
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def admin_rows(user, queryset: QuerySet, *, parents: tuple[str, ...] = ()) -> QuerySet:
    """The rows of `queryset` this account may see in the admin (lists, pages, autocomplete, choices).

    Coordinators see everything. Everyone else sees what is published: the model's own `published()`
    when it has one, and only rows whose `parents` (lookups such as "plan" or "meeting__council__plan")
    they may see themselves; an institution editor also sees what `of_institutions(ids)` gives them.
    """
    if is_coordinator(user):
        return queryset
    visible = queryset.published() if hasattr(queryset, "published") else queryset
    for parent in parents:
        visible_parents = admin_rows(user, _related_model(queryset.model, parent)._default_manager.all())
        visible = visible.filter(**{f"{parent}__in": visible_parents.values("pk")})
    ids = editor_institution_ids(user)
    if ids and hasattr(queryset, "of_institutions"):
        return queryset.filter(Q(pk__in=visible.values("pk")) | Q(pk__in=queryset.of_institutions(ids).values("pk")))
    return visible


def can_see_in_admin(user, obj, *, rows=None) -> bool:
    """Whether `obj` is among `rows(queryset)` (`admin_rows` by default); remembered for the request."""
    if is_coordinator(user):
        return True
    rows = rows or (lambda queryset: admin_rows(user, queryset))
    cache = _cache(user)
    key = ("admin", obj._meta.label, obj.pk)
    if key not in cache:
        cache[key] = rows(type(obj)._default_manager.filter(pk=obj.pk)).exists()
    return cache[key]


# --- council -----------------------------------------------------------------------------------------


def can_view_council_drafts(user) -> bool:
    """Draft meetings, agendas, minutes and unpublished meeting packs: council members and coordinators."""
    return is_coordinator(user) or is_council_member(user)


def can_publish(user) -> bool:
    """Publish reports and meetings (and approve a meeting's minutes)."""
    return is_coordinator(user)


def meetings_visible_to(user, meetings: QuerySet) -> QuerySet:
    if can_view_council_drafts(user):
        return meetings
    return meetings.published()


# --- measures ------------------------------------------------------------------------------------------


def measures_managed_by(user, measures: QuerySet) -> QuerySet:
    """The measures this account works on in the admin: all for coordinators, their own for editors."""
    if is_coordinator(user):
        return measures
    ids = editor_institution_ids(user)
    if ids:
        return measures.of_institutions(ids)
    return measures.none()


def _managed(user, obj, queryset_fn) -> bool:
    if obj is None or obj.pk is None:
        return False
    cache = _cache(user)
    key = (queryset_fn.__name__, type(obj).__name__, obj.pk)
    if key not in cache:
        cache[key] = queryset_fn(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()
    return cache[key]


def can_edit_measure(user, measure) -> bool:
    if is_coordinator(user):
        return True
    return _managed(user, measure, measures_managed_by)


def can_change_promise(user, measure=None) -> bool:
    """A measure's own fields (what was promised, by whom, by when): the plan the Cabinet approved, so the
    coordinator's alone; institution editors read them and report through progress entries."""
    return is_coordinator(user)


def can_change_measure_status(user, measure=None) -> bool:
    """Status and progress follow approved reports: only the coordinator changes them (with a reason)."""
    return is_coordinator(user)


# Fields of a measure an institution editor may change (translated variants included by the service):
# none. The promise itself (title, description, expected result, indicator, dates, institutions, special
# attention) is the plan the Cabinet approved; editors report through progress entries, which are reviewed.
EDITOR_MEASURE_FIELDS: tuple[str, ...] = ()


# --- progress entries -------------------------------------------------------------------------------------


def entries_managed_by(user, entries: QuerySet) -> QuerySet:
    """Entries this account works on in the admin: all for coordinators, their own measures' for editors."""
    if is_coordinator(user):
        return entries
    ids = editor_institution_ids(user)
    if ids:
        return entries.of_institutions(ids)
    return entries.none()


def can_edit_entry(user, entry) -> bool:
    """Change the text of an entry (draft or returned; coordinators also while it awaits review)."""
    if is_coordinator(user):
        return not entry.is_approved()
    return entry.is_editable_state() and entry.reporting_round.is_open() and can_edit_measure(user, entry.measure)


def can_create_entry(user, measure, reporting_round) -> bool:
    if measure is None or reporting_round is None or measure.plan_id != reporting_round.plan_id:
        return False
    if is_coordinator(user):
        return True
    return reporting_round.is_open() and can_edit_measure(user, measure)


def can_submit_entry(user, entry) -> bool:
    return can_edit_entry(user, entry)


def can_review_entries(user) -> bool:
    """Approve or return entries: the coordinator, never an institution editor (even of the same measure)."""
    return is_coordinator(user) and user.has_perm("commitments.review_progressentry")


def can_review_entry(user, entry) -> bool:
    return can_review_entries(user)


# --- rounds, history, reports ------------------------------------------------------------------------------


def can_open_round(user) -> bool:
    return is_coordinator(user) and user.has_perm("plans.change_reportinground")


def rounds_reportable_by(user, rounds: QuerySet) -> QuerySet:
    """Rounds an account may add entries to: any for coordinators, open rounds of their plans for editors."""
    if is_coordinator(user):
        return rounds
    ids = editor_institution_ids(user)
    if ids:
        return rounds.open().of_institutions(ids)
    return rounds.none()


def can_revert_history(user) -> bool:
    """Reverting to an earlier version rewrites content: coordinators only. Deleting history: nobody."""
    return is_coordinator(user)


def can_build_reports(user) -> bool:
    """Request a report build and download unpublished builds: the coordinator."""
    return is_coordinator(user)
