"""The portal's roles as Django groups, and the model permissions each one carries.

Groups carry the *model* permissions (what the admin shows at all); `accounts.policy` adds the
*per-object* rules on top (which measures, which entries). `sync_roles()` is idempotent: it runs after
every `migrate` (see apps.py) and from `manage.py sync_roles`, so permissions of models added later
reach the groups without a hand-written migration.
"""

from django.apps import apps as global_apps
from django.db.models import Q

COORDINATOR = "Koordinators"
INSTITUTION_EDITOR = "Iestādes redaktors"
COUNCIL_MEMBER = "Uzraudzības padomes loceklis"

ALL_ROLES = (COORDINATOR, INSTITUTION_EDITOR, COUNCIL_MEMBER)

# The plan's content: the coordinator may do everything with these apps' models.
CONTENT_APPS = ("institutions", "plans", "commitments", "consultations", "council", "reports", "opendata", "portal")

# Beyond the content apps, the coordinator manages who reports for which institution and sees reminders.
COORDINATOR_EXTRA = (
    ("accounts", "institutioneditor", ("view", "add", "change", "delete")),
    ("accounts", "reminder", ("view",)),
)

# An institution editor reports progress on their own measures; the policy narrows each to their rows.
INSTITUTION_EDITOR_PERMISSIONS = (
    ("institutions", "view_institution"),
    ("plans", "view_actionplan"),
    ("plans", "view_reportinground"),
    ("commitments", "view_commitment"),
    ("commitments", "view_measure"),
    ("commitments", "change_measure"),
    ("commitments", "export_measure"),
    ("commitments", "view_progressentry"),
    ("commitments", "add_progressentry"),
    ("commitments", "change_progressentry"),
    ("commitments", "import_progressentry"),
    ("commitments", "export_progressentry"),
)

# Council members read drafts of meetings through the council pages, never through the admin.
COUNCIL_MEMBER_PERMISSIONS: tuple = ()


def _coordinator_filter() -> Q:
    content = Q(content_type__app_label__in=CONTENT_APPS)
    # Historical rows are the audit trail: readable, never writable, whoever asks.
    historical_write = Q(content_type__model__startswith="historical") & ~Q(codename__startswith="view_")
    extra = Q(pk__in=[])
    for app_label, model, actions in COORDINATOR_EXTRA:
        extra |= Q(
            content_type__app_label=app_label,
            content_type__model=model,
            codename__in=[f"{action}_{model}" for action in actions],
        )
    return (content & ~historical_write) | extra


def _pairs_filter(pairs) -> Q:
    q = Q(pk__in=[])
    for app_label, codename in pairs:
        q |= Q(content_type__app_label=app_label, codename=codename)
    return q


def sync_roles(apps=global_apps, using: str = "default") -> dict[str, int]:
    """Create the groups and set each one's permissions exactly; returns the permission count per group."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = {
        COORDINATOR: _coordinator_filter(),
        INSTITUTION_EDITOR: _pairs_filter(INSTITUTION_EDITOR_PERMISSIONS),
        COUNCIL_MEMBER: _pairs_filter(COUNCIL_MEMBER_PERMISSIONS),
    }
    counts = {}
    for name, condition in wanted.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        permissions = list(Permission.objects.using(using).filter(condition))
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts
