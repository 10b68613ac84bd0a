"""Shared data for the public portal tests (no tests here).

`PortalTestCase.build(size)` makes a published plan in implementation whose number of
commitments, measures, entries, proposals and meetings grows with `size`, next to drafts that
must never appear: an unpublished plan, unapproved progress entries, a draft council meeting,
internal notes. Every draft carries a SECRET marker so a test can assert it is absent.
"""

import datetime
import itertools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from simple_history.utils import update_change_reason

from commitments.models import MeasureStatus, ReviewState
from consultations.models import Consultation, Proposal, ProposalOutcome
from council.models import AgendaItem, Council, Meeting, MeetingStatus
from institutions.models import InstitutionName
from plans.models import FundingAmount, FundingSource, PlanLink, PlanPhase, PlanRevision, PlanStatus
from tests.factories import make_commitment, make_entry, make_institution, make_measure, make_plan, make_round

SECRET = "SECRET"
TODAY = datetime.date(2025, 6, 1)


@override_settings(PAGE_CACHE_ENABLED=False)
class PortalTestCase(TestCase):
    """Page cache off: these tests count the queries a page really runs."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_user("secret-editor-account", "x@example.invalid", "pw")
        cls.ministry = make_institution(
            slug="varam",
            name="Viedās administrācijas un reģionālās attīstības ministrija",
            name_en="Ministry of Smart Administration and Regional Development",
            abbreviation="VARAM",
        )
        InstitutionName.objects.create(
            institution=cls.ministry,
            name="Vides aizsardzības un reģionālās attīstības ministrija",
            name_en="Ministry of Environmental Protection and Regional Development",
            abbreviation="VARAM",
            valid_until=datetime.date(2024, 7, 1),
        )
        cls.chancellery = make_institution(slug="vk", name="Valsts kanceleja", name_en="State Chancellery")
        cls.ngo = make_institution(slug="providus", name="Sabiedriskās politikas centrs PROVIDUS", name_en="")
        cls.plan = make_plan(
            slug="piektais",
            title="Piektais rīcības plāns",
            title_en="Fifth action plan",
            short_name="Piektais plāns",
            short_name_en="Fifth plan",
            approved_on=datetime.date(2022, 2, 10),
            approving_act="MK rīkojums Nr. 78",
            coordinator=cls.chancellery,
            status=PlanStatus.IMPLEMENTATION,
        )
        cls.draft_plan = make_plan(
            slug="slepenais",
            title=f"{SECRET} unpublished plan",
            short_name=f"{SECRET} plan",
            is_published=False,
            status=PlanStatus.IMPLEMENTATION,
            period_start=datetime.date(2030, 1, 1),
            period_end=datetime.date(2031, 1, 1),
        )
        draft_commitment = make_commitment(cls.draft_plan, number=1, title=f"{SECRET} commitment")
        cls.draft_measure = make_measure(
            draft_commitment, title=f"{SECRET} measure of an unpublished plan", responsible_institution=cls.ministry
        )
        Consultation.objects.create(
            plan=cls.draft_plan,
            title=f"{SECRET} consultation",
            period_start=datetime.date(2030, 1, 1),
            period_end=datetime.date(2030, 2, 1),
        )
        cls.council = Council.objects.create(plan=cls.plan, name="Uzraudzības padome")
        cls.draft_meeting = Meeting.objects.create(
            council=cls.council, number=99, date=datetime.date(2025, 3, 3), status=MeetingStatus.DRAFT
        )
        PlanLink.objects.create(plan=cls.plan, title="Plāns mk.gov.lv", url="https://example.invalid/plan")
        cls.round_1 = make_round(
            cls.plan,
            title="Ziņošana par 2022.–2023. gadu",
            period_start=datetime.date(2022, 1, 1),
            period_end=datetime.date(2023, 12, 31),
            deadline=datetime.date(2024, 3, 1),
        )
        cls.round_2 = make_round(
            cls.plan,
            title="Ziņošana par 2024.–2025. gadu",
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2025, 12, 31),
            deadline=datetime.date(2026, 3, 1),
        )
        cls.funding = FundingSource.objects.create(
            plan=cls.plan, programme="Valsts budžets", code="VB", title="Prioritārais pasākums"
        )
        FundingAmount.objects.create(source=cls.funding, year=2023, amount=90000)
        cls.consultation = Consultation.objects.create(
            plan=cls.plan,
            title="Plāna aktualizācijas apspriešana",
            title_en="Consultation on the refresh",
            period_start=datetime.date(2024, 7, 2),
            period_end=datetime.date(2024, 7, 16),
        )
        cls.size = 0
        cls.numbers = itertools.count(1)  # per class, so the first commitment is always number 1
        cls.build(1)

    @classmethod
    def build(cls, size: int):
        """Add `size` commitments of `size` measures each, with entries, proposals and a meeting."""
        for _ in range(size):
            n = next(cls.numbers)
            commitment = make_commitment(cls.plan, number=n, title=f"Apņemšanās {n}", title_en=f"Commitment {n}")
            commitment.lead_institutions.add(cls.chancellery)
            for k in range(size):
                measure = make_measure(
                    commitment,
                    number=f"{n}.{k + 1}",
                    title=f"Pasākums {n}.{k + 1}",
                    title_en="" if k else f"Measure {n}.{k + 1}",
                    description="Apraksts latviski.",
                    status=[MeasureStatus.LIMITED, MeasureStatus.LIMITED, MeasureStatus.NOT_STARTED][k % 3],
                    responsible_institution=cls.ministry,
                    start_date=datetime.date(2022, 3, 1),
                    due_date=datetime.date(2024, 12, 31),
                    special_attention=k == 0,
                    internal_note=f"{SECRET} internal note",
                )
                measure.co_responsible_institutions.add(cls.chancellery)
                measure.other_implementers.add(cls.ngo)
                measure.funding_sources.add(cls.funding)
                # A public change with a reason, then a staff-only one.
                measure.status = MeasureStatus.SUBSTANTIAL if k % 3 else MeasureStatus.COMPLETE
                measure._change_reason = "Statuss pēc vidusposma ziņojuma"
                measure.save()
                measure.internal_note = f"{SECRET} second internal note"
                measure.save()
                update_change_reason(measure, f"{SECRET} internal reason only")
                for record in measure.history.all():
                    record.history_user = cls.editor
                    record.save()
                reported = datetime.date(2024, 2, 20)
                make_entry(measure, cls.round_1, narrative=f"Paveikts {n}.{k + 1}.", reported_on=reported)
                make_entry(
                    measure, cls.round_2, narrative=f"{SECRET} draft narrative", review_state=ReviewState.SUBMITTED
                )
                proposal = Proposal.objects.create(
                    consultation=cls.consultation,
                    order=next(cls.numbers),
                    author_institution=cls.ministry,
                    essence=f"Priekšlikums {n}.{k + 1}",
                    response="Ņemts vērā.",
                    outcome=ProposalOutcome.ACCEPTED,
                )
                proposal.measures.add(measure)
                AgendaItem.objects.create(
                    meeting=cls.draft_meeting, order=next(cls.numbers), title=f"{SECRET} agenda item"
                ).measures.add(measure)
            PlanPhase.objects.create(plan=cls.plan, order=n, title=f"Posms {n}", start_date=datetime.date(2021, 4, 28))
            meeting = Meeting.objects.create(
                council=cls.council, number=n, date=datetime.date(2024, 4, 30), status=MeetingStatus.PUBLISHED
            )
            AgendaItem.objects.create(meeting=meeting, order=1, title="Plāna aktualizācija").measures.add(measure)
            PlanRevision.objects.create(
                plan=cls.plan,
                title=f"Aktualizācija {n}",
                decided_on=datetime.date(2024, 4, 30),
                decided_at_meeting=meeting,
            )
        cls.size += size

    def setUp(self):
        # A request to an /en/ page leaves English active in this thread; each test starts in Latvian.
        translation.activate(settings.LANGUAGE_CODE)
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)

    # --- helpers ---

    def count_queries(self, url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(context.captured_queries)

    def assertFixedQueries(self, url: str, grow=None, ceiling: int = 40):
        """The page runs the same number of queries before and after the data grows."""
        small = self.count_queries(url)
        self.assertLessEqual(small, ceiling, f"{url} runs {small} queries")
        (grow or (lambda: self.build(3)))()
        with self.assertNumQueries(small):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response

    def assertNoSecrets(self, response):
        content = response.content.decode()
        self.assertNotIn(SECRET, content)
        self.assertNotIn("secret-editor-account", content)
        return content
