"""Every admin page renders, for every registered model, with data present.

The loops walk `admin.site._registry`, so a model registered later is covered
without touching this file.
"""

import datetime
from decimal import Decimal

from django.apps import apps
from django.contrib import admin
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from commitments.models import EvidenceFile, MeasureStatus, ProgressEntry
from consultations.models import Consultation, Proposal, ProposalOutcome
from council.models import AgendaItem, Attendance, AttendanceKind, Council, CouncilMember, Meeting, MeetingDocument
from institutions.models import InstitutionName
from plans.models import FundingAmount, FundingSource, PlanLink, PlanPhase, PlanRevision
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_institution, make_measure, make_plan, make_round

OUR_APPS = {"institutions", "plans", "commitments", "consultations", "council"}
INLINE_ONLY = {EvidenceFile: ProgressEntry}


def build_admin_dataset(*, measures: int = 2, suffix: str = "") -> dict:
    """At least one object of every model in the apps whose admin this project defines."""
    parent = make_institution(slug=f"parent{suffix}", abbreviation=f"P{suffix}")
    child = make_institution(slug=f"child{suffix}", abbreviation=f"C{suffix}", parent=parent)
    InstitutionName.objects.create(
        institution=child, name="Agrākais nosaukums", name_en="Former name", valid_until=datetime.date(2020, 1, 1)
    )
    plan = make_plan(coordinator=parent)
    PlanPhase.objects.create(plan=plan, order=1, title="Ideju vākšana", start_date=datetime.date(2021, 1, 1))
    PlanLink.objects.create(plan=plan, order=1, title="Plāns", url="https://example.invalid/plans")
    council = Council.objects.create(plan=plan, name="Uzraudzības padome")
    member = CouncilMember.objects.create(
        council=council, person_name="Jānis Bērziņš", role="Loceklis", institution=child
    )
    meeting = Meeting.objects.create(council=council, number=1, date=datetime.date(2023, 5, 4), chair=member)
    revision = PlanRevision.objects.create(plan=plan, title="Aktualizācija", decided_at_meeting=meeting)
    source = FundingSource.objects.create(plan=plan, programme="Programma", code="1.1", title="Finansējums")
    FundingAmount.objects.create(source=source, year=2024, amount=Decimal("1000.00"))
    commitment = make_commitment(plan=plan)
    commitment.lead_institutions.add(parent)
    reporting_round = make_round(plan=plan)
    created = []
    for index in range(measures):
        measure = make_measure(
            commitment,
            responsible_institution=child,
            due_date=datetime.date(2020, 1, 1),
            status=MeasureStatus.LIMITED,
            added_by_revision=revision,
        )
        measure.co_responsible_institutions.add(parent)
        measure.funding_sources.add(source)
        make_entry(measure=measure, reporting_round=reporting_round)
        created.append(measure)
        item = AgendaItem.objects.create(meeting=meeting, order=index + 1, title=f"Punkts {index + 1}")
        item.measures.add(measure)
        Attendance.objects.create(
            meeting=meeting, order=index + 1, kind=AttendanceKind.MEMBER, person_name="Anna", institution=child
        )
    MeetingDocument.objects.create(meeting=meeting, kind="agenda", title="Darba kārtība")
    consultation = Consultation.objects.create(
        plan=plan,
        title="Sabiedriskā apspriešana",
        period_start=datetime.date(2021, 2, 1),
        period_end=datetime.date(2021, 3, 1),
    )
    proposal = Proposal.objects.create(
        consultation=consultation,
        order=1,
        author_institution=child,
        essence="Priekšlikums",
        outcome=ProposalOutcome.NOTED,
    )
    proposal.measures.add(created[0])
    return {"plan": plan, "commitment": commitment, "measures": created, "meeting": meeting, "institution": child}


def _url(model, name, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}", args=args)


@override_settings(LANGUAGE_CODE="lv")
class AdminPagesTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.data = build_admin_dataset()

    def setUp(self):
        self.login(self.superuser)

    def test_every_model_of_our_apps_has_an_admin_and_data(self):
        for model in apps.get_models():
            if model._meta.app_label in OUR_APPS and not model.__name__.startswith("Historical"):
                with self.subTest(model=model.__name__):
                    if model in INLINE_ONLY:
                        # Uploaded files: no page of their own, an inline of their parent's change form.
                        parent_admin = admin.site._registry[INLINE_ONLY[model]]
                        self.assertIn(model, [inline.model for inline in parent_admin.inlines])
                        continue
                    self.assertIn(model, admin.site._registry)
                    self.assertTrue(model._default_manager.exists(), "the dataset must cover every model")

    def test_every_changelist_renders(self):
        for model in admin.site._registry:
            with self.subTest(model=model.__name__):
                response = self.client.get(_url(model, "changelist"))
                self.assertEqual(response.status_code, 200)

    def test_every_changelist_search_renders(self):
        for model, model_admin in admin.site._registry.items():
            if model_admin.search_fields:
                with self.subTest(model=model.__name__):
                    response = self.client.get(_url(model, "changelist"), {"q": "a"})
                    self.assertEqual(response.status_code, 200)

    def test_every_add_form_renders(self):
        for model, model_admin in admin.site._registry.items():
            if not model_admin.has_add_permission(self._request()):
                continue
            with self.subTest(model=model.__name__):
                response = self.client.get(_url(model, "add"))
                self.assertEqual(response.status_code, 200)

    def test_every_change_form_renders(self):
        for model in admin.site._registry:
            obj = model._default_manager.first()
            if obj is None:
                continue
            with self.subTest(model=model.__name__):
                response = self.client.get(_url(model, "change", obj.pk))
                self.assertEqual(response.status_code, 200)

    def test_every_history_page_and_comparison_renders(self):
        for model in admin.site._registry:
            obj = model._default_manager.first()
            if obj is None or not hasattr(model._meta, "simple_history_manager_attribute"):
                continue
            with self.subTest(model=model.__name__):
                self.assertEqual(self.client.get(_url(model, "history", obj.pk)).status_code, 200)
                try:
                    compare = _url(model, "history_compare", obj.pk)
                except NoReverseMatch:
                    continue  # an admin outside this project's apps without the comparison view
                self.assertEqual(self.client.get(compare).status_code, 200)
                record = obj.history.first()
                revert = _url(model, "simple_history", obj.pk, record.history_id)
                self.assertEqual(self.client.get(revert).status_code, 200)

    def test_our_change_forms_ask_for_a_reason(self):
        for model in admin.site._registry:
            if model._meta.app_label not in OUR_APPS:
                continue
            obj = model._default_manager.first()
            if model._meta.model_name == "progressentry":
                # Approved entries are locked (read-only); an entry still in review asks why it changed.
                obj = make_entry(review_state="draft")
            with self.subTest(model=model.__name__):
                response = self.client.get(_url(model, "change", obj.pk))
                self.assertContains(response, 'name="change_reason"')

    def test_change_forms_show_both_languages(self):
        response = self.client.get(_url(type(self.data["commitment"]), "change", self.data["commitment"].pk))
        self.assertContains(response, 'name="title_lv"')
        self.assertContains(response, 'name="title_en"')
        self.assertContains(response, 'name="measures-0-title_en"')

    def test_meeting_form_has_agenda_attendance_and_documents_inline(self):
        response = self.client.get(_url(Meeting, "change", self.data["meeting"].pk))
        for prefix in ("agenda_items", "attendance", "documents"):
            self.assertContains(response, f'name="{prefix}-TOTAL_FORMS"')

    def test_site_header_is_the_portal_name(self):
        response = self.client.get(reverse("admin:index"))
        with translation.override("lv"):
            self.assertContains(response, f"<title>{admin.site.index_title} | {admin.site.site_title}</title>")
            self.assertContains(response, str(admin.site.site_header))
        self.assertContains(response, "Atvērtās pārvaldības portāls")
        with translation.override("en"):
            self.assertEqual(str(admin.site.site_header), "Open Government Portal")

    def _request(self):
        from django.test import RequestFactory

        request = RequestFactory().get("/")
        request.user = self.superuser
        return request
