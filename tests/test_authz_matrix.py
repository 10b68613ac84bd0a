"""Authorization matrix: every URL × every role → the expected status code.

Every named URL pattern of the project must appear here (public pages, API, feeds, downloads, council
pages, accounts pages, and every admin URL of every registered model). Adding a URL without adding it
to the matrix fails `test_every_url_is_in_the_matrix`, which lists exactly the missing pattern names.

Roles: anonymous, public (a plain account), editor (institution editor of `institution`), other_editor
(institution editor of `other_institution`), council (council member), coordinator. Staff log in with a
verified second factor and OTP_REQUIRED_FOR_STAFF on, as in production.

A second check, `test_no_page_leaks_what_the_role_may_not_see`, looks inside every 200 response outside
the admin for marker texts (internal note, draft reports, unpublished plan, draft meeting).
"""

from __future__ import annotations

import datetime
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import admin
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from commitments.models import MeasureStatus, ReviewState
from consultations.models import Consultation, Proposal
from council.models import DocumentKind, MeetingStatus
from council.testing import make_council, make_document, make_meeting
from opendata.exports import EXPORTS, FORMATS
from plans.models import RoundStatus
from reports.models import BuildState, Report, ReportKind, ReportLanguage
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_evidence, make_measure, make_plan, make_round

ROLES = ("anonymous", "public", "editor", "other_editor", "council", "coordinator")

SECRET_NOTE = "SECRET-INTERNAL-NOTE-7f3a"
SECRET_DRAFT = "SECRET-DRAFT-ENTRY-91bc"
SECRET_FOREIGN_DRAFT = "SECRET-FOREIGN-DRAFT-4d2e"
SECRET_PLAN = "SECRET-UNPUBLISHED-PLAN-c0de"
SECRET_MEETING = "SECRET-DRAFT-MEETING-5eed"

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def E(anonymous, public, editor, other_editor, council, coordinator) -> dict[str, int]:
    return dict(zip(ROLES, (anonymous, public, editor, other_editor, council, coordinator), strict=True))


def ALL(code: int) -> dict[str, int]:
    return E(code, code, code, code, code, code)


# Staff-only pages: non-staff are sent to the login page.
STAFF = {"anonymous": 302, "public": 302, "council": 302}
# Council-only pages: drafts of meetings and packs. Signed out, the council's sign-in (with `next`); signed in
# without the right, a 404 that does not reveal the draft.
COUNCIL_ONLY = E(302, 404, 404, 404, 200, 200)


@dataclass
class Case:
    kwargs: Callable[[object], dict] | dict = field(default_factory=dict)
    expect: dict[str, int] = field(default_factory=lambda: ALL(200))
    label: str = ""
    query: str = ""

    def url(self, name: str, world) -> str:
        kwargs = self.kwargs(world) if callable(self.kwargs) else self.kwargs
        return reverse(name, kwargs=kwargs) + self.query


# --------------------------------------------------------------------------- public, API, downloads

DATASET_CASES = [
    Case(lambda w, d=dataset, f=fmt: {"dataset": d, "fmt": f}, ALL(200), f"{dataset}.{fmt}")
    for dataset in EXPORTS
    for fmt in FORMATS
] + [Case({"dataset": "no-such-dataset", "fmt": "csv"}, ALL(404), "unknown dataset")]

RESET_LINK = {"uidb64": "MQ", "token": "no-such-token"}

PUBLIC_MATRIX: dict[str, list[Case]] = {
    "set_language": [Case(expect=ALL(302), label="GET redirects back")],
    "healthz": [Case()],
    "robots": [Case()],
    "sitemap": [Case()],
    "portal:home": [Case()],
    "portal:plans": [Case()],
    "portal:plan": [
        Case(lambda w: {"slug": w.plan.slug}),
        Case(lambda w: {"slug": w.hidden_plan.slug}, ALL(404), "unpublished plan"),
    ],
    "portal:commitment": [
        Case(lambda w: {"slug": w.plan.slug, "number": w.commitment.number}),
        Case(lambda w: {"slug": w.hidden_plan.slug, "number": w.hidden_commitment.number}, ALL(404), "unpublished"),
    ],
    **{
        name: [
            Case(lambda w: {"slug": w.plan.slug}),
            Case(lambda w: {"slug": w.hidden_plan.slug}, ALL(404), "unpublished plan"),
        ]
        for name in ("portal:plan_card", "portal:plan_card_svg")
    },
    **{
        name: [
            Case(lambda w: {"slug": w.plan.slug, "number": w.commitment.number}),
            Case(lambda w: {"slug": w.hidden_plan.slug, "number": w.hidden_commitment.number}, ALL(404), "unpublished"),
        ]
        for name in ("portal:commitment_card", "portal:commitment_card_svg")
    },
    "portal:measure": [
        Case(lambda w: {"slug": w.plan.slug, "pk": w.own.pk}),
        Case(lambda w: {"slug": w.hidden_plan.slug, "pk": w.hidden.pk}, ALL(404), "unpublished"),
    ],
    "portal:measures": [Case()],
    "portal:institutions": [Case()],
    "portal:institution": [Case(lambda w: {"slug": w.institution.slug})],
    "portal:consultations": [Case()],
    "portal:consultation": [
        Case(lambda w: {"pk": w.consultation.pk}),
        Case(lambda w: {"pk": w.hidden_consultation.pk}, ALL(404), "unpublished plan"),
    ],
    "portal:accessibility": [Case()],
    "portal:evidence_file": [
        Case(lambda w: {"pk": w.public_evidence.pk}, label="approved entry"),
        Case(lambda w: {"pk": w.draft_evidence.pk}, ALL(404), "draft entry"),
        Case(lambda w: {"pk": w.foreign_evidence.pk}, ALL(404), "submitted entry"),
    ],
    "council:meetings": [Case()],
    "council:login": [Case(expect=E(200, 302, 302, 302, 302, 302), label="signed-in users are sent on")],
    "council:logout": [Case(expect=ALL(405), label="POST only")],
    # Password reset, for everyone (an account that forgot its password is signed out, but may be signed in).
    "council:password_reset": [Case()],
    "council:password_reset_done": [Case()],
    "council:password_reset_confirm": [Case(RESET_LINK, label="invalid link: says so")],
    "council:password_reset_complete": [Case()],
    "admin_password_reset": [Case()],
    "accounts:password_reset_done": [Case()],
    "accounts:password_reset_confirm": [Case(RESET_LINK, label="invalid link: says so")],
    "accounts:password_reset_complete": [Case()],
    "council:meeting": [
        Case(lambda w: {"pk": w.meeting.pk}),
        Case(lambda w: {"pk": w.draft_meeting.pk}, COUNCIL_ONLY, "draft meeting"),
    ],
    "council:meeting_pack": [
        Case(lambda w: {"pk": w.meeting.pk}, E(302, 403, 403, 403, 200, 200), "published meeting"),
        Case(lambda w: {"pk": w.draft_meeting.pk}, COUNCIL_ONLY, "draft meeting"),
    ],
    "council:minutes_pdf": [
        Case(lambda w: {"pk": w.meeting.pk}, ALL(200), "published meeting"),
        Case(lambda w: {"pk": w.draft_meeting.pk}, COUNCIL_ONLY, "draft meeting"),
    ],
    "council:document": [
        Case(lambda w: {"pk": w.meeting.pk, "doc_pk": w.public_document.pk}, ALL(200), "public document"),
        Case(
            lambda w: {"pk": w.meeting.pk, "doc_pk": w.private_document.pk},
            # 404, not 403: the council pages do not reveal that a council-only file exists.
            COUNCIL_ONLY,
            "council-only document",
        ),
        Case(lambda w: {"pk": w.draft_meeting.pk, "doc_pk": w.draft_document.pk}, COUNCIL_ONLY, "draft meeting"),
    ],
    "reports:list": [Case()],
    "reports:feed": [Case()],
    "reports:download": [
        Case(lambda w: {"pk": w.report.pk}, ALL(200), "published"),
        Case(lambda w: {"pk": w.unpublished_report.pk}, E(404, 404, 404, 404, 404, 200), "unpublished build"),
    ],
    "opendata:index": [Case()],
    "opendata:download": DATASET_CASES,
    "opendata:datapackage": [Case()],
    "opendata:catalogue-turtle": [Case()],
    "opendata:catalogue-jsonld": [Case()],
    # Ninja's mount point: the API's index (get_index) answers at the same address.
    "opendata:api:api-root": [Case()],
    "opendata:api:get_index": [Case()],
    "opendata:api:openapi-json": [Case()],
    "opendata:api:openapi-view": [Case()],
    "opendata:api:list_plans": [Case()],
    "opendata:api:get_plan": [
        Case(lambda w: {"slug": w.plan.slug}),
        Case(lambda w: {"slug": w.hidden_plan.slug}, ALL(404), "unpublished"),
    ],
    "opendata:api:list_commitments": [Case()],
    "opendata:api:get_commitment": [
        Case(lambda w: {"id": w.commitment.pk}),
        Case(lambda w: {"id": w.hidden_commitment.pk}, ALL(404), "unpublished"),
    ],
    "opendata:api:list_measures": [Case()],
    "opendata:api:get_measure": [
        Case(lambda w: {"id": w.own.pk}),
        Case(lambda w: {"id": w.hidden.pk}, ALL(404), "unpublished"),
    ],
    "opendata:api:list_progress_entries": [Case()],
    "opendata:api:get_progress_entry": [
        Case(lambda w: {"id": w.approved_entry.pk}),
        Case(lambda w: {"id": w.draft_entry.pk}, ALL(404), "draft"),
    ],
    "opendata:api:list_institutions": [Case()],
    "opendata:api:get_institution": [Case(lambda w: {"slug": w.institution.slug})],
    "opendata:api:list_meetings": [Case()],
    "opendata:api:get_meeting": [
        Case(lambda w: {"id": w.meeting.pk}),
        Case(lambda w: {"id": w.draft_meeting.pk}, ALL(404), "draft"),
    ],
    "opendata:api:get_commitment_by_ogp_id": [
        Case(lambda w: {"ogp_id": w.commitment.ogp_id}),
        Case(lambda w: {"ogp_id": w.hidden_commitment.ogp_id}, ALL(404), "unpublished"),
    ],
    "opendata:api:list_funding": [Case()],
    "opendata:api:get_funding": [Case(lambda w: {"id": w.funding_source.pk})],
    "opendata:api:list_consultations": [Case()],
    "opendata:api:get_consultation": [
        Case(lambda w: {"id": w.consultation.pk}),
        Case(lambda w: {"id": w.hidden_consultation.pk}, ALL(404), "unpublished"),
    ],
    "opendata:api:list_decisions": [Case()],
    "opendata:api:get_decision": [
        Case(lambda w: {"id": w.agenda_item.pk}),
        Case(lambda w: {"id": w.draft_decision.pk}, ALL(404), "draft meeting"),
    ],
    "opendata:feed-progress": [Case()],
    "opendata:feed-progress-plan": [
        Case(lambda w: {"slug": w.plan.slug}),
        Case(lambda w: {"slug": w.hidden_plan.slug}, ALL(404), "unpublished"),
    ],
    "opendata:feed-progress-institution": [Case(lambda w: {"slug": w.institution.slug})],
    "opendata:feed-status": [Case()],
    "opendata:feed-status-plan": [
        Case(lambda w: {"slug": w.plan.slug}),
        Case(lambda w: {"slug": w.hidden_plan.slug}, ALL(404), "unpublished"),
    ],
    "opendata:feed-status-institution": [Case(lambda w: {"slug": w.institution.slug})],
    # Published meetings and consultations only: the leak check below reads these feeds for the draft markers.
    "opendata:feed-meetings": [Case()],
    "opendata:feed-consultations": [Case()],
    # The 2FA pages: anonymous visitors are sent to log in; accounts without a device are sent from
    # "verify" to "setup"; verified staff and council members may re-verify or replace their authenticator.
    "accounts:otp_verify": [Case(expect=E(302, 302, 200, 200, 200, 200))],
    "accounts:otp_setup": [Case(expect=E(302, 200, 200, 200, 200, 200))],
    "accounts:otp_backup_codes": [Case(expect=E(302, 405, 405, 405, 405, 405), label="POST only")],
}

# Patterns without a name that are allowed to exist (Django's own admin catch-alls, DEBUG media).
UNNAMED_ALLOWED = [
    r"^admin/\(\?P<url>\.\*\)\$$",
    r"^admin/[a-z_]+/[a-z]+/<path:object_id>/$",
    r"^\^media/",
]


# --------------------------------------------------------------------------- admin

# Per model: the object its object pages use, and per staff role the status of its (view, add, delete)
# pages. "view" covers the list, the change page (read-only when the role may not change), the history
# pages and the comparison; "add" also covers import; "delete" the delete page.
V, A, D = "view", "add", "delete"


def R(view, add, delete):
    return {V: view, A: add, D: delete}


NONE = R(403, 403, 403)
ALL_OK = R(200, 200, 200)
SUPERUSER_ONLY = {"editor": NONE, "other_editor": NONE, "coordinator": NONE}
COORDINATOR_ONLY = {"editor": NONE, "other_editor": NONE, "coordinator": ALL_OK}
READ_ONLY_FOR_EDITORS = {"editor": R(200, 403, 403), "other_editor": R(200, 403, 403), "coordinator": ALL_OK}
# What another institution's editor gets on an object outside their scope: what a missing object gets, a 404
# on the change page and on every history page alike.
OUT_OF_SCOPE = {"change": 404, "history": 404, "simple_history": 404, "history_compare": 404}


@dataclass
class AdminRule:
    obj: Callable[[object], object] | None
    roles: dict[str, dict[str, int]]
    # Roles for which `obj` is outside their scope (institution editors of another institution).
    out_of_scope: tuple[str, ...] = ()


ADMIN_MODELS: dict[str, AdminRule] = {
    "auth.user": AdminRule(lambda w: w.public_user, SUPERUSER_ONLY),
    "auth.group": AdminRule(lambda w: w.any_group, SUPERUSER_ONLY),
    "otp_totp.totpdevice": AdminRule(lambda w: w.totp_device, SUPERUSER_ONLY),
    "otp_static.staticdevice": AdminRule(lambda w: w.static_device, SUPERUSER_ONLY),
    "axes.accessattempt": AdminRule(lambda w: w.access_attempt, SUPERUSER_ONLY),
    "axes.accesslog": AdminRule(lambda w: w.access_log, SUPERUSER_ONLY),
    "axes.accessfailurelog": AdminRule(lambda w: w.access_failure_log, SUPERUSER_ONLY),
    "django_tasks_database.dbtaskresult": AdminRule(None, SUPERUSER_ONLY),
    "institutions.institution": AdminRule(lambda w: w.institution, READ_ONLY_FOR_EDITORS),
    "institutions.institutionname": AdminRule(lambda w: w.institution_name, COORDINATOR_ONLY),
    "plans.actionplan": AdminRule(lambda w: w.plan, READ_ONLY_FOR_EDITORS),
    "plans.planphase": AdminRule(lambda w: w.phase, COORDINATOR_ONLY),
    "plans.planlink": AdminRule(lambda w: w.link, COORDINATOR_ONLY),
    "plans.planrevision": AdminRule(lambda w: w.revision, COORDINATOR_ONLY),
    "plans.reportinground": AdminRule(lambda w: w.round, READ_ONLY_FOR_EDITORS),
    "plans.fundingsource": AdminRule(lambda w: w.funding_source, COORDINATOR_ONLY),
    "plans.fundingamount": AdminRule(lambda w: w.funding_amount, COORDINATOR_ONLY),
    "commitments.commitment": AdminRule(lambda w: w.commitment, READ_ONLY_FOR_EDITORS),
    "commitments.measure": AdminRule(
        lambda w: w.own,
        {"editor": R(200, 403, 403), "other_editor": R(200, 403, 403), "coordinator": ALL_OK},
        out_of_scope=("other_editor",),
    ),
    "commitments.progressentry": AdminRule(
        lambda w: w.draft_entry,
        {"editor": R(200, 200, 403), "other_editor": R(200, 200, 403), "coordinator": ALL_OK},
        out_of_scope=("other_editor",),
    ),
    "consultations.consultation": AdminRule(lambda w: w.consultation, COORDINATOR_ONLY),
    "consultations.proposal": AdminRule(lambda w: w.proposal, COORDINATOR_ONLY),
    "council.council": AdminRule(lambda w: w.council, COORDINATOR_ONLY),
    "council.councilmember": AdminRule(lambda w: w.council_member_row, COORDINATOR_ONLY),
    "council.meeting": AdminRule(lambda w: w.meeting, COORDINATOR_ONLY),
    "council.agendaitem": AdminRule(lambda w: w.agenda_item, COORDINATOR_ONLY),
    "council.attendance": AdminRule(lambda w: w.attendance, COORDINATOR_ONLY),
    "council.meetingdocument": AdminRule(lambda w: w.public_document, COORDINATOR_ONLY),
    # A published report is never deleted (the object used here is published).
    "reports.report": AdminRule(
        lambda w: w.report, {"editor": NONE, "other_editor": NONE, "coordinator": R(200, 200, 403)}
    ),
    # Links are added or removed, never edited: the change page is read-only (200 with view permission).
    "accounts.institutioneditor": AdminRule(lambda w: w.editor_link, COORDINATOR_ONLY),
    # Sent reminders are a record: listed and shown, never added or deleted by hand.
    "accounts.reminder": AdminRule(
        lambda w: w.reminder, {"editor": NONE, "other_editor": NONE, "coordinator": R(200, 403, 403)}
    ),
    # The outbox is a record too: the coordinator reads it (and retries), nobody edits it.
    "notifications.outgoingmessage": AdminRule(
        lambda w: w.outgoing_message, {"editor": NONE, "other_editor": NONE, "coordinator": R(200, 403, 403)}
    ),
}

ACTION_KIND = {
    "changelist": V,
    "change": V,
    "history": V,
    "history_compare": V,
    "simple_history": V,
    "export": V,
    "add": A,
    "import": A,
    "process_import": A,
    "delete": D,
}
# Extra pages of third-party admins (superusers only in this project).
OTHER_ACTIONS = {"password_change", "config", "qrcode"}
VIEW_ACTIONS = {a for a, kind in ACTION_KIND.items() if kind == V}
WRITE_ACTIONS = {a for a, kind in ACTION_KIND.items() if kind != V}

ADMIN_SITE_MATRIX: dict[str, list[Case]] = {
    "admin:index": [Case(expect={**STAFF, "editor": 200, "other_editor": 200, "coordinator": 200})],
    # Every change across the content: the coordinator's alone.
    "admin_audit": [Case(expect={**STAFF, "editor": 403, "other_editor": 403, "coordinator": 200})],
    "admin:login": [Case(expect=E(200, 200, 302, 302, 200, 302))],
    "admin:logout": [Case(expect=E(302, 302, 405, 405, 302, 405), label="POST only")],
    "admin:password_change": [Case(expect={**STAFF, "editor": 200, "other_editor": 200, "coordinator": 200})],
    "admin:password_change_done": [Case(expect={**STAFF, "editor": 200, "other_editor": 200, "coordinator": 200})],
    "admin:jsi18n": [Case(expect={**STAFF, "editor": 200, "other_editor": 200, "coordinator": 200})],
    # Evidence files of an entry: whoever may see the entry in the admin.
    "admin:progressentry_evidence_file": [
        Case(
            lambda w: {"entry_pk": w.draft_entry.pk, "pk": w.draft_evidence.pk},
            {**STAFF, "editor": 200, "other_editor": 404, "coordinator": 200},
            "own draft",
        ),
        Case(
            lambda w: {"entry_pk": w.foreign_draft.pk, "pk": w.foreign_evidence.pk},
            {**STAFF, "editor": 404, "other_editor": 200, "coordinator": 200},
            "other institution's submitted entry",
        ),
        Case(
            lambda w: {"entry_pk": w.draft_entry.pk, "pk": w.foreign_evidence.pk},
            {**STAFF, "editor": 404, "other_editor": 404, "coordinator": 404},
            "file of another entry",
        ),
    ],
    "admin:autocomplete": [Case(expect={**STAFF, "editor": 403, "other_editor": 403, "coordinator": 403})],
    "admin:view_on_site": [
        Case(
            lambda w: {"content_type_id": w.measure_ct.pk, "object_id": w.own.pk},
            {**STAFF, "editor": 302, "other_editor": 302, "coordinator": 302},
        )
    ],
    "admin:app_list": [
        Case({"app_label": "commitments"}, {**STAFF, "editor": 200, "other_editor": 200, "coordinator": 200}),
        Case({"app_label": "council"}, {**STAFF, "editor": 404, "other_editor": 404, "coordinator": 200}),
        Case({"app_label": "auth"}, {**STAFF, "editor": 404, "other_editor": 404, "coordinator": 404}),
    ],
}


# --------------------------------------------------------------------------- building URLs


def walk_patterns(patterns=None, prefix="", namespace=None):
    """(name, route) of every URL pattern, recursively, with namespaces joined by ':'."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk_patterns(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + str(pattern.pattern)


def admin_model_names() -> dict[str, tuple[str, str]]:
    """admin URL name → (model label, action) for every URL of every registered ModelAdmin."""
    routes = {name: route for name, route in walk_patterns() if name and name.startswith("admin:")}
    result = {}
    for model in admin.site._registry:
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        for name in routes:
            if name.startswith(prefix):
                result[name] = (label, name[len(prefix) :])
    return result


def admin_expectations() -> dict[str, str]:
    """Names of admin URLs the matrix knows how to test (the rest are reported as missing)."""
    known = {}
    for name, (label, action) in admin_model_names().items():
        if label in ADMIN_MODELS and action in VIEW_ACTIONS | WRITE_ACTIONS | OTHER_ACTIONS:
            known[name] = label
    return known


def _history_id(obj):
    # The instance's own history manager (a historical row's pk is its history_id, not the object's id).
    return obj.history.order_by("-history_date", "-history_id").first().history_id


def admin_url(name: str, route: str, obj, world) -> str | None:
    """The URL of an admin page for `obj`: named route parameters, or positional regex groups (simple-history)."""
    named = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
    params = [a or b for a, b in named]
    positional = len(re.findall(r"\((?!\?)", route))
    if (params or positional) and obj is None:
        return None
    if params:
        values = {"object_id": obj.pk, "version_id": None, "history_id": None}
        kwargs = {}
        for param in params:
            if param not in values:
                return None
            kwargs[param] = obj.pk if param == "object_id" else _history_id(obj)
        return reverse(name, kwargs=kwargs)
    if positional:
        args = [obj.pk] if positional == 1 else [obj.pk, _history_id(obj)]
        return reverse(name, args=args)
    return reverse(name)


def admin_expected(label: str, action: str, role: str) -> int:
    if role in STAFF:
        return 302
    if action == "process_import":
        return 405  # the confirm step of an import is POST only, whoever asks
    if action in OTHER_ACTIONS:
        return 403
    rule = ADMIN_MODELS[label]
    if action in ("import", "export") and label in IMPORT_EXPORT:
        return IMPORT_EXPORT[label][action][role]
    code = rule.roles[role][ACTION_KIND[action]]
    if role in rule.out_of_scope and code == 200 and action in OUT_OF_SCOPE:
        return OUT_OF_SCOPE[action]
    return code


# Import and export need their own permissions (IMPORT_EXPORT_*_PERMISSION_CODE); only coordinators
# and, for their own measures' entries, institution editors have them.
IMPORT_EXPORT = {
    "commitments.measure": {
        "import": {"editor": 403, "other_editor": 403, "coordinator": 200},
        "export": {"editor": 200, "other_editor": 200, "coordinator": 200},
    },
    "commitments.progressentry": {
        "import": {"editor": 200, "other_editor": 200, "coordinator": 200},
        "export": {"editor": 200, "other_editor": 200, "coordinator": 200},
    },
    "institutions.institution": {
        "import": {"editor": 403, "other_editor": 403, "coordinator": 200},
        "export": {"editor": 403, "other_editor": 403, "coordinator": 200},
    },
}


# --------------------------------------------------------------------------- the world


@override_settings(OTP_REQUIRED_FOR_STAFF=True)
class AuthorizationMatrixTests(BaseTestCase):
    @classmethod
    def setUpClass(cls):
        cls._media = tempfile.mkdtemp(prefix="authz-media-")
        cls._private = tempfile.mkdtemp(prefix="authz-private-")
        cls._override = override_settings(MEDIA_ROOT=cls._media, PRIVATE_MEDIA_ROOT=cls._private)
        cls._override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._override.disable()
        shutil.rmtree(cls._media, ignore_errors=True)
        shutil.rmtree(cls._private, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog
        from django.contrib.auth.models import Group
        from django.contrib.contenttypes.models import ContentType
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from accounts.models import InstitutionEditor, Reminder, ReminderKind
        from commitments.models import Measure
        from council.models import AgendaItem, Attendance, AttendanceKind, CouncilMember
        from institutions.models import InstitutionName
        from notifications.models import OutgoingMessage
        from plans.models import FundingAmount, FundingSource, PlanLink, PlanPhase, PlanRevision

        w = cls
        w.plan = make_plan(slug="matrix-plan", short_name="Matricas plāns", period_start=datetime.date(2022, 1, 1))
        w.hidden_plan = make_plan(slug="hidden-plan", short_name=SECRET_PLAN, title=SECRET_PLAN, is_published=False)
        w.commitment = make_commitment(plan=w.plan, number=1, ogp_id="LV9901")
        w.hidden_commitment = make_commitment(plan=w.hidden_plan, number=1, ogp_id="LV9902")
        w.own = make_measure(
            w.commitment, number="1.1", responsible_institution=w.institution, internal_note=SECRET_NOTE
        )
        w.foreign = make_measure(w.commitment, number="1.2", responsible_institution=w.other_institution)
        w.hidden = make_measure(w.hidden_commitment, number="1.1", responsible_institution=w.institution)
        w.round = make_round(
            plan=w.plan,
            status=RoundStatus.OPEN,
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 12, 31),
            deadline=datetime.date(2025, 3, 1),
        )
        old_round = make_round(
            plan=w.plan,
            status=RoundStatus.CLOSED,
            period_start=datetime.date(2023, 1, 1),
            period_end=datetime.date(2023, 12, 31),
            deadline=datetime.date(2024, 3, 1),
        )
        w.approved_entry = make_entry(w.own, old_round, review_state=ReviewState.APPROVED, narrative_lv="Paveikts")
        w.draft_entry = make_entry(
            w.own, w.round, review_state=ReviewState.DRAFT, narrative_lv=SECRET_DRAFT, status=MeasureStatus.LIMITED
        )
        w.foreign_draft = make_entry(
            w.foreign,
            w.round,
            review_state=ReviewState.SUBMITTED,
            narrative_lv=SECRET_FOREIGN_DRAFT,
            status=MeasureStatus.LIMITED,
        )
        w.public_evidence = make_evidence(w.approved_entry, content=PDF)
        w.draft_evidence = make_evidence(w.draft_entry, content=PDF)
        w.foreign_evidence = make_evidence(w.foreign_draft, content=PDF)

        w.consultation = Consultation.objects.create(
            plan=w.plan,
            title="Apspriešana",
            period_start=datetime.date(2021, 9, 1),
            period_end=datetime.date(2021, 9, 30),
        )
        w.hidden_consultation = Consultation.objects.create(
            plan=w.hidden_plan,
            title=SECRET_PLAN,
            period_start=datetime.date(2021, 9, 1),
            period_end=datetime.date(2021, 9, 30),
        )
        w.proposal = Proposal.objects.create(consultation=w.consultation, order=1, essence="Priekšlikums")

        w.council = make_council(plan=w.plan)
        w.meeting = make_meeting(w.council, number=1, status=MeetingStatus.PUBLISHED)
        w.draft_meeting = make_meeting(
            w.council, number=2, status=MeetingStatus.DRAFT, summary=SECRET_MEETING, summary_lv=SECRET_MEETING
        )
        w.public_document = make_document(w.meeting, content=PDF, is_public=True, kind=DocumentKind.PRESENTATION)
        w.private_document = make_document(w.meeting, content=PDF, is_public=False, kind=DocumentKind.MATERIAL)
        w.draft_document = make_document(w.draft_meeting, content=PDF, is_public=True, kind=DocumentKind.AGENDA)
        w.council_member_row = CouncilMember.objects.create(council=w.council, person_name="Loceklis")
        w.agenda_item = AgendaItem.objects.create(meeting=w.meeting, order=1, title="Darba kārtība", decision="Nolemts")
        w.draft_decision = AgendaItem.objects.create(
            meeting=w.draft_meeting, order=2, title="Lēmums", decision=SECRET_MEETING
        )
        # Minutes are generated only for a meeting whose agenda is recorded.
        AgendaItem.objects.create(meeting=w.draft_meeting, order=1, title="Darba kārtība")
        w.attendance = Attendance.objects.create(
            meeting=w.meeting, order=1, kind=AttendanceKind.MEMBER, person_name="Loceklis"
        )

        w.report = cls._report(w.plan, ReportKind.MIDTERM, published=True)
        w.unpublished_report = cls._report(w.plan, ReportKind.FINAL, published=False)

        w.institution_name = InstitutionName.objects.create(
            institution=w.institution, name="Agrākais nosaukums", valid_until=datetime.date(2020, 1, 1)
        )
        w.phase = PlanPhase.objects.create(plan=w.plan, order=1, title="Ideju vākšana")
        w.link = PlanLink.objects.create(plan=w.plan, title="Saite", url="https://example.invalid/")
        w.revision = PlanRevision.objects.create(plan=w.plan, title="Aktualizācija")
        w.funding_source = FundingSource.objects.create(plan=w.plan, programme="Programma", title="Finansējums")
        w.funding_amount = FundingAmount.objects.create(source=w.funding_source, year=2024, amount=100)

        w.any_group = Group.objects.first()
        w.totp_device = TOTPDevice.objects.create(user=w.superuser, name="matrix", confirmed=True)
        w.static_device = StaticDevice.objects.create(user=w.superuser, name="matrix", confirmed=True)
        w.access_attempt = AccessAttempt.objects.create(
            username="x", ip_address="127.0.0.9", user_agent="t", failures_since_start=1
        )
        w.access_log = AccessLog.objects.create(username="x", ip_address="127.0.0.9", user_agent="t")
        w.access_failure_log = AccessFailureLog.objects.create(username="x", ip_address="127.0.0.9", user_agent="t")
        w.editor_link = InstitutionEditor.objects.get(user=w.editor)
        w.reminder = Reminder.objects.create(user=w.editor, reporting_round=w.round, kind=ReminderKind.DEADLINE_SOON)
        w.outgoing_message = OutgoingMessage.objects.create(
            key="matrix", address="e@example.invalid", language="lv", kind="reminder", subject="s", body="b"
        )
        w.measure_ct = ContentType.objects.get_for_model(Measure)

        w.users = {
            "anonymous": None,
            "public": w.public_user,
            "editor": w.editor,
            "other_editor": w.other_editor,
            "council": w.council_member,
            "coordinator": w.coordinator,
        }

    @classmethod
    def _report(cls, plan, kind, *, published):
        import hashlib

        from django.utils import timezone

        report = Report(
            plan=plan,
            kind=kind,
            language=ReportLanguage.LV,
            version=1,
            as_of=datetime.date(2024, 6, 30),
            state=BuildState.DONE,
            sha256=hashlib.sha256(PDF).hexdigest(),
            size=len(PDF),
            page_count=1,
        )
        report.file.save("report.pdf", ContentFile(PDF), save=False)
        if published:
            report.published_at = timezone.now()
            report.published_by = cls.coordinator
        report.save()
        return report

    # ----------------------------------------------------------------------- helpers

    def client_for(self, role):
        self.client.logout()
        user = self.users[role]
        if user is not None:
            self.login(user)
        return self.client

    def check(self, role, cases: list[tuple[str, str, int]]) -> list[str]:
        client = self.client_for(role)
        wrong = []
        for label, url, expected in cases:
            response = client.get(url)
            if response.status_code != expected:
                wrong.append(f"{role:12} {label:60} {url:70} expected {expected}, got {response.status_code}")
        return wrong

    def public_cases(self, role):
        for name, cases in PUBLIC_MATRIX.items():
            for case in cases:
                yield f"{name} {case.label}".strip(), case.url(name, self), case.expect[role]
        for name, cases in ADMIN_SITE_MATRIX.items():
            for case in cases:
                yield f"{name} {case.label}".strip(), case.url(name, self), case.expect[role]

    def admin_cases(self, role):
        routes = dict(walk_patterns())
        names = admin_model_names()
        for name, label in sorted(admin_expectations().items()):
            action = names[name][1]
            rule = ADMIN_MODELS[label]
            obj = rule.obj(self) if rule.obj else None
            url = admin_url(name, routes[name], obj, self)
            if url is None:
                continue
            yield name, url, admin_expected(label, action, role)

    # ----------------------------------------------------------------------- tests

    def test_every_url_is_in_the_matrix(self):
        covered = set(PUBLIC_MATRIX) | set(ADMIN_SITE_MATRIX) | set(admin_expectations())
        named = {name for name, _route in walk_patterns() if name}
        missing = sorted(named - covered)
        stale = sorted((set(PUBLIC_MATRIX) | set(ADMIN_SITE_MATRIX)) - named)
        unnamed = sorted(
            route
            for name, route in walk_patterns()
            if not name and not any(re.match(allowed, route) for allowed in UNNAMED_ALLOWED)
        )
        registered = {f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry}
        self.assertEqual(
            (missing, stale, unnamed, sorted(registered - set(ADMIN_MODELS))),
            ([], [], [], []),
            "URL patterns missing from tests/test_authz_matrix.py (add a row with the expected status per role): "
            + ", ".join(missing)
            + (f"; rows for patterns that no longer exist: {', '.join(stale)}" if stale else "")
            + (f"; unnamed patterns (name them): {', '.join(unnamed)}" if unnamed else ""),
        )

    def test_public_pages_api_downloads_and_accounts(self):
        wrong = []
        for role in ROLES:
            wrong += self.check(role, list(self.public_cases(role)))
        self.assertEqual(wrong, [], "\n" + "\n".join(wrong))

    def test_admin(self):
        wrong = []
        for role in ROLES:
            wrong += self.check(role, list(self.admin_cases(role)))
        self.assertEqual(wrong, [], "\n" + "\n".join(wrong))

    def test_no_page_leaks_what_the_role_may_not_see(self):
        secrets = {
            SECRET_NOTE: set(),
            SECRET_DRAFT: set(),
            SECRET_FOREIGN_DRAFT: set(),
            SECRET_PLAN: set(),
            SECRET_MEETING: {"council", "coordinator"},
        }
        leaks = []
        for role in ROLES:
            client = self.client_for(role)
            for label, url, _expected in self.public_cases(role):
                if url.startswith(reverse("admin:index")):
                    continue
                response = client.get(url)
                if response.status_code != 200:
                    continue
                body = b"".join(response.streaming_content) if response.streaming else response.content
                for secret, allowed in secrets.items():
                    if role not in allowed and secret.encode() in body:
                        leaks.append(f"{role}: {label} ({url}) shows {secret}")
        self.assertEqual(leaks, [], "\n" + "\n".join(leaks))
