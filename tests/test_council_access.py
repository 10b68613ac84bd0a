"""Who sees which council meetings, documents and downloads."""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.http import Http404
from django.test import RequestFactory, TestCase
from django.urls import reverse
from django.utils import timezone
from django.views.static import serve

from council.models import AgendaItem, Attendance, AttendanceKind, CouncilMember, DocumentKind, MeetingStatus
from council.testing import PrivateMediaMixin, make_council, make_document, make_meeting
from plans.models import PlanRevision
from tests.base import BaseTestCase, verify_second_factor
from tests.factories import make_commitment, make_institution, make_measure, make_plan

User = get_user_model()
PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class CouncilAccessTests(PrivateMediaMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.council = make_council()
        cls.published = make_meeting(cls.council, number=4, status=MeetingStatus.PUBLISHED)
        cls.draft = make_meeting(
            cls.council, number=6, status=MeetingStatus.DRAFT, date=timezone.localdate() + datetime.timedelta(days=30)
        )
        AgendaItem.objects.create(meeting=cls.draft, order=1, title="Darba kārtības projekts")
        cls.public_doc = make_document(cls.published, content=PDF_BYTES, title="Publiska prezentācija", is_public=True)
        cls.private_doc = make_document(cls.published, content=PDF_BYTES, title="Iekšējs materiāls", is_public=False)
        cls.draft_doc = make_document(cls.draft, content=PDF_BYTES, title="Projekta materiāls", is_public=True)
        # A council member known only through CouncilMember.user (no group).
        cls.linked_member = User.objects.create_user("linked", "l@example.invalid", "password")
        CouncilMember.objects.create(council=cls.council, person_name="L. Loceklis", user=cls.linked_member)
        cls.former_member = User.objects.create_user("former", "f@example.invalid", "password")
        CouncilMember.objects.create(
            council=cls.council,
            person_name="F. Bijušais",
            user=cls.former_member,
            term_start=datetime.date(2020, 1, 1),
            term_end=datetime.date(2021, 1, 1),
        )

    def doc_url(self, doc):
        return reverse("council:document", kwargs={"pk": doc.meeting_id, "doc_pk": doc.pk})

    def test_the_public_list_shows_published_meetings_only(self):
        response = self.client.get(reverse("council:meetings"))
        self.assertContains(response, self.published.get_absolute_url())
        self.assertNotContains(response, self.draft.get_absolute_url())

    def assertSentToSignIn(self, url):
        response = self.client.get(url)
        self.assertRedirects(response, f"{reverse('council:login')}?{urlencode({'next': url})}")

    def test_a_draft_meeting_is_not_found_for_signed_in_accounts_without_the_right(self):
        for user in (self.public_user, self.editor, self.former_member):
            with self.subTest(user=user):
                self.client.logout()
                self.login(user)
                self.assertEqual(self.client.get(self.draft.get_absolute_url()).status_code, 404)

    def test_a_signed_out_visitor_is_sent_to_sign_in_for_a_draft_meeting(self):
        self.assertSentToSignIn(self.draft.get_absolute_url())

    def test_a_missing_meeting_also_sends_a_signed_out_visitor_to_sign_in(self):
        # The same answer as for a draft: the redirect tells nothing about which meetings exist.
        self.assertSentToSignIn(reverse("council:meeting", kwargs={"pk": 987654}))

    def test_council_members_and_coordinators_see_drafts(self):
        for user in (self.linked_member, self.council_member, self.coordinator, self.superuser):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertContains(self.client.get(reverse("council:meetings")), self.draft.get_absolute_url())
                self.assertEqual(self.client.get(self.draft.get_absolute_url()).status_code, 200)

    def test_upcoming_meetings_come_first(self):
        self.login(self.linked_member)
        content = self.client.get(reverse("council:meetings")).content.decode()
        self.assertLess(content.index(self.draft.get_absolute_url()), content.index(self.published.get_absolute_url()))

    def test_anonymous_is_sent_to_sign_in_for_a_council_only_document(self):
        for doc in (self.private_doc, self.draft_doc):
            with self.subTest(doc=doc.title):
                self.assertSentToSignIn(self.doc_url(doc))

    def test_a_missing_document_also_sends_a_signed_out_visitor_to_sign_in(self):
        # As for a council-only one: which council-only files exist stays unknown.
        self.assertSentToSignIn(reverse("council:document", kwargs={"pk": self.published.pk, "doc_pk": 987654}))

    def test_a_signed_in_public_account_cannot_download_a_council_only_document(self):
        self.login(self.public_user)
        self.assertEqual(self.client.get(self.doc_url(self.private_doc)).status_code, 404)

    def test_anonymous_can_download_a_public_document_of_a_published_meeting(self):
        response = self.client.get(self.doc_url(self.public_doc))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(b"".join(response.streaming_content), PDF_BYTES)

    def test_a_stored_pdf_named_html_is_offered_under_its_real_type(self):
        # Uploaded before the name check: the name shown and saved follows the content, never sniffed.
        doc = make_document(
            self.published, content=PDF_BYTES, name="page.html", is_public=True, content_type="application/pdf"
        )
        response = self.client.get(self.doc_url(doc))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(response["Content-Disposition"], "inline; filename=\"page.pdf\"; filename*=UTF-8''page.pdf")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_a_council_member_can_download_council_only_documents(self):
        self.login(self.linked_member)
        for doc in (self.private_doc, self.draft_doc):
            with self.subTest(doc=doc.title):
                response = self.client.get(self.doc_url(doc))
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Cache-Control"], "private, no-store")

    def test_a_document_of_another_meeting_is_not_found(self):
        self.login(self.linked_member)
        url = reverse("council:document", kwargs={"pk": self.draft.pk, "doc_pk": self.private_doc.pk})
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_public_page_hides_council_only_documents_and_downloads(self):
        response = self.client.get(self.published.get_absolute_url())
        self.assertContains(response, "Publiska prezentācija")
        self.assertNotContains(response, "Iekšējs materiāls")
        self.assertNotContains(response, reverse("council:meeting_pack", kwargs={"pk": self.published.pk}))

    def test_the_member_page_offers_the_pack_and_minutes(self):
        self.login(self.linked_member)
        response = self.client.get(self.draft.get_absolute_url())
        self.assertContains(response, reverse("council:meeting_pack", kwargs={"pk": self.draft.pk}))
        self.assertContains(response, reverse("council:minutes_pdf", kwargs={"pk": self.draft.pk}))

    def test_anonymous_is_sent_to_sign_in_for_packs_and_draft_minutes(self):
        for name, meeting in (
            ("council:meeting_pack", self.draft),
            ("council:minutes_pdf", self.draft),
            ("council:meeting_pack", self.published),
        ):
            with self.subTest(name=name, meeting=meeting.number):
                self.assertSentToSignIn(reverse(name, kwargs={"pk": meeting.pk}))

    def test_a_signed_in_account_without_the_right_gets_a_readable_refusal_for_a_pack(self):
        self.login(self.public_user)
        response = self.client.get(reverse("council:meeting_pack", kwargs={"pk": self.published.pk}))
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "Piekļuve liegta", status_code=403, html=False)
        self.assertContains(response, reverse("council:login"), status_code=403)

    def test_the_sign_in_leads_back_to_the_pack(self):
        member = User.objects.create_user("packreader", "pr@example.invalid", "a-long-council-password")
        CouncilMember.objects.create(council=self.council, person_name="P. Lasītājs", user=member)
        pack = reverse("council:meeting_pack", kwargs={"pk": self.published.pk})
        sign_in = self.client.get(pack)["Location"]
        page = self.client.get(sign_in)
        self.assertContains(page, f'name="next" value="{pack}"')
        response = self.client.post(
            sign_in, {"username": "packreader", "password": "a-long-council-password", "next": pack}
        )
        self.assertRedirects(response, pack, fetch_redirect_response=False)

    def test_a_council_member_can_download_the_draft_pack(self):
        self.login(self.linked_member)
        response = self.client.get(reverse("council:meeting_pack", kwargs={"pk": self.draft.pk}))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF-"))
        self.assertEqual(response["Cache-Control"], "private, no-store")

    def test_the_debug_media_route_cannot_reach_documents(self):
        # What `static(MEDIA_URL, document_root=MEDIA_ROOT)` serves in DEBUG: the stored name leads nowhere.
        request = RequestFactory().get("/media/" + self.private_doc.file.name)
        with self.assertRaises(Http404):
            serve(request, self.private_doc.file.name, document_root=settings.MEDIA_ROOT)


class CouncilPageQueryTests(PrivateMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        plan = make_plan(is_published=True)
        cls.council = make_council(plan=plan)
        commitment = make_commitment(plan)
        institution = make_institution()
        for number in range(1, 4):
            meeting = make_meeting(cls.council, number=number, status=MeetingStatus.PUBLISHED)
            make_document(meeting, content=PDF_BYTES, is_public=True, kind=DocumentKind.AGENDA)
            for order in range(1, number + 1):
                revision = PlanRevision.objects.create(
                    plan=plan, title=f"Izmaiņas {number}.{order}", decided_at_meeting=meeting
                )
                make_measure(commitment, added_by_revision=revision)
            for order in range(1, number + 2):
                item = AgendaItem.objects.create(meeting=meeting, order=order, title=f"Jautājums {order}")
                item.measures.add(make_measure(commitment))
                Attendance.objects.create(
                    meeting=meeting,
                    order=order,
                    kind=AttendanceKind.MEMBER,
                    person_name=f"P{order}",
                    institution=institution,
                )

    def test_the_list_runs_a_fixed_number_of_queries(self):
        cache.clear()
        # One, and three for the size of the public meetings' files (the downloads block), once per content change.
        with self.assertNumQueries(4):
            self.client.get(reverse("council:meetings"))
        with self.assertNumQueries(1):
            self.client.get(reverse("council:meetings"))

    def test_the_meeting_page_runs_a_fixed_number_of_queries(self):
        # meeting + agenda + measures + attendance + documents + plan changes + their measures,
        # whatever the number of items
        for meeting in self.council.meetings.all():
            with self.subTest(number=meeting.number), self.assertNumQueries(7):
                self.assertEqual(self.client.get(meeting.get_absolute_url()).status_code, 200)


class CouncilLoginTests(BaseTestCase):
    def test_a_council_member_who_is_not_staff_can_sign_in_and_see_drafts(self):
        council = make_council()
        draft = make_meeting(council, number=9, status=MeetingStatus.DRAFT)
        member = User.objects.create_user("padome", "pm@example.invalid", "a-long-council-password")
        CouncilMember.objects.create(council=council, person_name="P. Loceklis", user=member)
        self.assertFalse(member.is_staff)
        response = self.client.post(
            reverse("council:login"),
            {"username": "padome", "password": "a-long-council-password", "next": draft.get_absolute_url()},
        )
        # To the draft, through the second factor (tests/test_council_sign_in.py).
        self.assertRedirects(response, draft.get_absolute_url(), fetch_redirect_response=False)
        verify_second_factor(self.client, member)
        self.assertEqual(self.client.get(draft.get_absolute_url()).status_code, 200)

    def test_the_sign_in_page_refuses_a_wrong_password(self):
        response = self.client.post(reverse("council:login"), {"username": "council", "password": "wrong"})
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("_auth_user_id", self.client.session)
