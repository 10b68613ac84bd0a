"""Test data for the open-data tests: a public world with drafts planted beside it.

Every draft carries a SECRET marker in its text, so a test can prove that no
export, API answer or feed contains one, whatever the format.
"""

import datetime
import itertools

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from commitments.models import MeasureStatus, ReviewState
from consultations.models import Consultation, Proposal, ProposalOutcome
from council.models import AgendaItem, Council, CouncilMember, Meeting, MeetingDocument, MeetingStatus
from institutions.models import InstitutionName
from plans.models import FundingAmount, FundingSource
from tests.factories import make_commitment, make_entry, make_institution, make_measure, make_plan, make_round

SECRET = "SECRET"
_worlds = itertools.count(1)


@translation.override("lv")
def change_status(measure, status, reason, user=None):
    measure.status = status
    measure._change_reason = reason
    if user is not None:
        measure._history_user = user
    measure.save()


# The factories pass `title=`: modeltranslation stores it in the active language's column, so build in Latvian.
@translation.override("lv")
def make_public_plan(n_measures: int = 2, *, institution=None, other=None):
    """A published plan with one commitment, `n_measures` measures and an approved report on each."""
    institution = institution or make_institution()
    other = other or make_institution()
    plan = make_plan()
    commitment = make_commitment(plan=plan)
    commitment.lead_institutions.add(institution)
    source = FundingSource.objects.create(plan=plan, programme="ESF+", code="4.3.4.5", title="Atbalsts")
    FundingAmount.objects.create(source=source, year=2023, amount=90000)
    reporting_round = make_round(plan=plan)
    measures = []
    for _i in range(n_measures):
        measure = make_measure(commitment, responsible_institution=institution, due_date=datetime.date(2030, 1, 1))
        measure.co_responsible_institutions.add(other)
        measure.other_implementers.add(other)
        measure.funding_sources.add(source)
        make_entry(measure=measure, reporting_round=reporting_round, reviewed_at=timezone.now())
        measures.append(measure)
    consultation = Consultation.objects.create(
        plan=plan, title="Apspriešana", period_start=datetime.date(2024, 7, 2), period_end=datetime.date(2024, 7, 16)
    )
    proposal = Proposal.objects.create(
        consultation=consultation,
        order=1,
        author_institution=other,
        essence="Priekšlikums",
        outcome=ProposalOutcome.ACCEPTED,
    )
    proposal.measures.add(*measures)
    return plan, measures


@translation.override("lv")
def _make_reports(plan, hidden, user) -> None:
    """A published report, and reports the public must not see (unpublished; of an unpublished plan).

    Named by label: `reports` and `opendata` are independent apps. File names only, nothing is stored."""
    report_model = apps.get_model("reports", "Report")
    common = {"kind": "midterm", "as_of": datetime.date(2024, 6, 30), "state": "done", "size": 1, "page_count": 1}
    shown = {"published_at": timezone.now(), "published_by": user}
    create = report_model.objects.create
    create(plan=plan, language="lv", version=1, file="reports/a.pdf", sha256="a" * 64, **shown, **common)
    create(plan=plan, language="en", version=1, file="reports/b.pdf", sha256=f"{SECRET}-draft", **common)
    create(plan=hidden, language="lv", version=1, file="reports/c.pdf", sha256=SECRET, **shown, **common)


def make_world(n_measures: int = 2):
    """Public data plus one draft of every kind that must never be public."""
    n = next(_worlds)
    user = get_user_model().objects.create_user(f"{SECRET}-user-{n}", f"{SECRET.lower()}{n}@example.invalid", "x")
    institution = make_institution(name="Valsts kanceleja", name_en="State Chancellery", slug=f"vk-{n}")
    InstitutionName.objects.create(
        institution=institution, name="Agrākais nosaukums", valid_until=datetime.date(2024, 7, 1)
    )
    other = make_institution(name="Jaunatnes padome", name_en="Youth council", slug=f"ljp-{n}")
    plan, measures = make_public_plan(n_measures, institution=institution, other=other)
    public_measure = measures[0]

    # Staff-only fields of a public measure, and drafts of its progress.
    public_measure.internal_note = f"{SECRET}-internal-note"
    public_measure.version = 987654
    public_measure.save()
    second_round = make_round(plan=plan)
    for state in (ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.RETURNED):
        draft_round = make_round(plan=plan)
        make_entry(
            measure=public_measure,
            reporting_round=draft_round,
            review_state=state,
            narrative=f"{SECRET}-{state}-narrative",
            narrative_en=f"{SECRET}-{state}-narrative-en",
            challenges=f"{SECRET}-{state}-challenges",
            submitted_by=user,
        )
    approved = make_entry(
        measure=public_measure,
        reporting_round=second_round,
        narrative="Apstiprināts ziņojums",
        narrative_en="Approved report",
        review_comment=f"{SECRET}-review-comment",
        submitted_by=user,
        reviewed_by=user,
        reviewed_at=timezone.now(),
        submitted_at=timezone.now(),
    )
    change_status(public_measure, MeasureStatus.COMPLETE, "Pabeigts, pieņemts MK", user=user)

    # An unpublished plan with everything under it.
    hidden = make_plan(
        is_published=False, title=f"{SECRET}-plan", title_en=f"{SECRET}-plan", short_name=f"{SECRET}-plan"
    )
    hidden_commitment = make_commitment(plan=hidden, title=f"{SECRET}-commitment", title_en=f"{SECRET}-commitment")
    hidden_measure = make_measure(
        hidden_commitment, title=f"{SECRET}-measure", title_en=f"{SECRET}-measure", responsible_institution=institution
    )
    make_entry(measure=hidden_measure, narrative=f"{SECRET}-entry-of-hidden-plan")
    change_status(hidden_measure, MeasureStatus.COMPLETE, f"{SECRET}-reason-in-hidden-plan")
    FundingSource.objects.create(plan=hidden, programme=f"{SECRET}-programme", title=f"{SECRET}-funding")
    hidden_consultation = Consultation.objects.create(
        plan=hidden, title=f"{SECRET}-consultation", period_start=plan.period_start, period_end=plan.period_start
    )
    Proposal.objects.create(consultation=hidden_consultation, order=1, essence=f"{SECRET}-proposal")

    # The council: a published meeting with a council-only document, and meetings not yet published.
    council = Council.objects.create(name="Uzraudzības padome", plan=plan)
    chair = CouncilMember.objects.create(council=council, person_name="I. Priekšsēdētāja", user=user)
    meeting = Meeting.objects.create(
        council=council, number=5, date=datetime.date(2024, 11, 7), status=MeetingStatus.PUBLISHED, chair=chair
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="Par progresu", decision="Pieņemt zināšanai")
    item.measures.add(public_measure, hidden_measure)
    # File names only: nothing is written to the private storage.
    MeetingDocument.objects.create(
        meeting=meeting, kind="agenda", title="Darba kārtība", file="council/agenda.pdf", is_public=True
    )
    MeetingDocument.objects.create(
        meeting=meeting, kind="material", title=f"{SECRET}-council-only", file="council/secret.pdf", is_public=False
    )
    for number, status in ((6, MeetingStatus.DRAFT), (7, MeetingStatus.APPROVED)):
        unpublished = Meeting.objects.create(
            council=council, number=number, date=datetime.date(2025, 3, 1), status=status, summary=f"{SECRET}-{status}"
        )
        AgendaItem.objects.create(meeting=unpublished, order=1, title=f"{SECRET}-agenda-{status}")
    _make_reports(plan, hidden, user)
    return {
        "user": user,
        "institution": institution,
        "other": other,
        "plan": plan,
        "measures": measures,
        "measure": public_measure,
        "approved_entry": approved,
        "hidden_plan": hidden,
        "hidden_measure": hidden_measure,
        "meeting": meeting,
    }
