"""Who may see and change what: one place that the admin, the views, the API and the downloads all call.

Pure functions of (user, object) and QuerySet filters of (user); no request, no messages. Roles:

- coordinator (State Chancellery; superusers count as coordinators): all of the plan's content;
  reviews progress entries; opens rounds; publishes reports and meetings.
- institution editor (an `InstitutionEditor` link): the measures their institutions are responsible for,
  co-responsible for or implement, and those measures' progress entries; submits, never approves.
- council member (a `CouncilMember.user` link in term, or the council group): reads council drafts.
- everyone else, anonymous included: published data only.

Role lookups are cached on the user object for the life of that object (one request); the services
that change someone's roles call `forget_roles(user)`.
"""

from __future__ import annotations

import contextlib

from django.db.models import Q, QuerySet
from django.utils import timezone

from . import roles

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
    if not _is_active_account(user):
        return False
    return user.is_superuser or roles.COORDINATOR in _group_names(user)


def editor_institution_ids(user) -> frozenset[int]:
    """The institutions this account reports for (empty for everyone but institution editors)."""
    if not _is_active_account(user):
        return frozenset()
    cache = _cache(user)
    if "institutions" not in cache:
        from .models import InstitutionEditor

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
        from council.models import CouncilMember

        today = timezone.localdate()
        cache["council"] = (
            CouncilMember.objects.filter(user=user)
            .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
            .filter(Q(term_start__isnull=True) | Q(term_start__lte=today))
            .exists()
        )
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


# --- council -----------------------------------------------------------------------------------------


def can_view_council_drafts(user) -> bool:
    """Draft meetings, agendas, minutes and unpublished meeting packs: council members and coordinators."""
    return is_coordinator(user) or is_council_member(user)


def can_publish(user) -> bool:
    """Publish reports and meetings (and change a published meeting)."""
    return is_coordinator(user)


def meetings_visible_to(user) -> QuerySet:
    from council.models import Meeting

    if can_view_council_drafts(user):
        return Meeting.objects.all()
    return Meeting.objects.published()


def meeting_documents_visible_to(user) -> QuerySet:
    from council.models import MeetingDocument

    if can_view_council_drafts(user):
        return MeetingDocument.objects.all()
    return MeetingDocument.objects.filter(is_public=True, meeting__in=meetings_visible_to(user))


# --- measures ------------------------------------------------------------------------------------------


def _measures_of_institutions(ids) -> QuerySet:
    from commitments.models import Measure

    # Same rule as Measure.objects.for_institution, for several institutions at once; a pk__in subquery
    # rather than .distinct() so the result can still be updated, deleted and ordered freely.
    matching = Measure.objects.filter(
        Q(responsible_institution__in=ids) | Q(co_responsible_institutions__in=ids) | Q(other_implementers__in=ids)
    ).values("pk")
    return Measure.objects.filter(pk__in=matching)


def measures_managed_by(user) -> QuerySet:
    """The measures this account works on in the admin: all for coordinators, their own for editors."""
    from commitments.models import Measure

    if is_coordinator(user):
        return Measure.objects.all()
    ids = editor_institution_ids(user)
    if ids:
        return _measures_of_institutions(ids)
    return Measure.objects.none()


def measures_editable_by(user) -> QuerySet:
    return measures_managed_by(user)


def measures_visible_to(user) -> QuerySet:
    """What this account may read anywhere (API, downloads): published measures plus the ones it manages."""
    from commitments.models import Measure

    if is_coordinator(user):
        return Measure.objects.all()
    published = Measure.objects.published()
    ids = editor_institution_ids(user)
    if ids:
        return Measure.objects.filter(Q(pk__in=published.values("pk")) | Q(pk__in=_measures_of_institutions(ids)))
    return published


def _measure_in(user, measure, queryset_fn) -> bool:
    if measure is None or measure.pk is None:
        return False
    cache = _cache(user)
    key = (queryset_fn.__name__, measure.pk)
    if key not in cache:
        cache[key] = queryset_fn(user).filter(pk=measure.pk).exists()
    return cache[key]


def can_view_measure(user, measure) -> bool:
    return _measure_in(user, measure, measures_visible_to)


def can_edit_measure(user, measure) -> bool:
    if is_coordinator(user):
        return True
    return _measure_in(user, measure, measures_editable_by)


def can_change_measure_status(user, measure=None) -> bool:
    """Status and progress follow approved reports: only the coordinator changes them (with a reason)."""
    return is_coordinator(user)


def can_see_internal_note(user, measure=None) -> bool:
    if is_coordinator(user):
        return True
    return measure is not None and can_edit_measure(user, measure)


# Fields of a measure an institution editor may change (translated variants included by the service):
# none. The promise itself (title, description, expected result, indicator, dates, institutions, special
# attention) is the plan the Cabinet approved; editors report through progress entries, which are reviewed.
EDITOR_MEASURE_FIELDS: tuple[str, ...] = ()


# --- progress entries -------------------------------------------------------------------------------------


def entries_managed_by(user) -> QuerySet:
    """Entries this account works on in the admin: all for coordinators, their own measures' for editors."""
    from commitments.models import ProgressEntry

    if is_coordinator(user):
        return ProgressEntry.objects.all()
    ids = editor_institution_ids(user)
    if ids:
        return ProgressEntry.objects.filter(measure__in=_measures_of_institutions(ids).values("pk"))
    return ProgressEntry.objects.none()


def entries_visible_to(user) -> QuerySet:
    """Public (approved, published plan) entries plus, for staff, the ones they manage in any state."""
    from commitments.models import ProgressEntry

    if is_coordinator(user):
        return ProgressEntry.objects.all()
    public = ProgressEntry.objects.public()
    ids = editor_institution_ids(user)
    if ids:
        return ProgressEntry.objects.filter(Q(pk__in=public.values("pk")) | Q(pk__in=entries_managed_by(user)))
    return public


def entries_editable_by(user) -> QuerySet:
    """Entries the account may change right now: editors only while the round is open and not yet submitted."""
    from commitments.models import ReviewState
    from plans.models import RoundStatus

    managed = entries_managed_by(user)
    if is_coordinator(user):
        return managed.exclude(review_state=ReviewState.APPROVED)
    return managed.filter(
        review_state__in=[ReviewState.DRAFT, ReviewState.RETURNED], reporting_round__status=RoundStatus.OPEN
    )


def can_view_entry(user, entry) -> bool:
    from commitments.models import ReviewState

    if is_coordinator(user):
        return True
    if entry.review_state == ReviewState.APPROVED and entry.measure.plan.is_published:
        return True
    return can_edit_measure(user, entry.measure)


def can_edit_entry(user, entry) -> bool:
    """Change the text of an entry (draft or returned; coordinators also while it awaits review)."""
    from commitments.models import ReviewState
    from plans.models import RoundStatus

    if is_coordinator(user):
        return entry.review_state != ReviewState.APPROVED
    return (
        entry.review_state in (ReviewState.DRAFT, ReviewState.RETURNED)
        and entry.reporting_round.status == RoundStatus.OPEN
        and can_edit_measure(user, entry.measure)
    )


def can_create_entry(user, measure, reporting_round) -> bool:
    from plans.models import RoundStatus

    if measure is None or reporting_round is None or measure.plan_id != reporting_round.plan_id:
        return False
    if is_coordinator(user):
        return True
    return reporting_round.status == RoundStatus.OPEN and can_edit_measure(user, measure)


def can_submit_entry(user, entry) -> bool:
    return can_edit_entry(user, entry)


def can_review_entries(user) -> bool:
    """Approve or return entries: the coordinator, never an institution editor (even of the same measure)."""
    return is_coordinator(user) and user.has_perm("commitments.review_progressentry")


def can_review_entry(user, entry) -> bool:
    return can_review_entries(user)


# --- rounds, history, imports ------------------------------------------------------------------------------


def can_open_round(user) -> bool:
    return is_coordinator(user) and user.has_perm("plans.change_reportinground")


def rounds_reportable_by(user) -> QuerySet:
    """Rounds an account may add entries to: open rounds for editors, any round for coordinators."""
    from plans.models import ReportingRound

    if is_coordinator(user):
        return ReportingRound.objects.all()
    if is_institution_editor(user):
        return ReportingRound.objects.open()
    return ReportingRound.objects.none()


def can_revert_history(user) -> bool:
    """Reverting to an earlier version rewrites content: coordinators only. Deleting history: nobody."""
    return is_coordinator(user)


def measures_outside_scope(user, measure_ids) -> set[int]:
    """Of the given measure ids, those this account may not write to (used to refuse a whole import)."""
    wanted = {int(pk) for pk in measure_ids if pk is not None}
    if not wanted or is_coordinator(user):
        return set()
    allowed = set(measures_editable_by(user).filter(pk__in=wanted).values_list("pk", flat=True))
    return wanted - allowed
