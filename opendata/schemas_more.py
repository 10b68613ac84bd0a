"""Response shapes of the API's funding, consultation and council-decision endpoints.

As in `schemas`: texts in the language of the address, codes stable with a `*_label` beside them.
Money is a JSON number (never a string), and an amount the data does not know is null, not zero.
"""

import datetime

from ninja import Field, Schema

from .exports.base import page_url, public_url
from .schemas import CommitmentRef, InstitutionRef, MeasureRef, PlanRef


def _money(value) -> float | None:
    # The columns hold at most 14 digits, which a double carries exactly to the cent.
    return float(value) if value is not None else None


class YearlyAmount(Schema):
    year: int
    amount: float = Field(description="The amount planned for the year, in the source's currency.")

    @staticmethod
    def resolve_amount(obj) -> float:
        return _money(obj.amount)


class FundedMeasure(MeasureRef):
    commitment: CommitmentRef


class FundingOut(Schema):
    id: int
    plan: PlanRef | None = Field(description="The plan the source belongs to; null for a general budget line.")
    programme: str
    code: str
    title: str
    total_amount: float | None = Field(description="The total as the source states it; null when not known.")
    currency: str = Field(description="ISO 4217 code of the amounts.")
    available_from: str
    description: str
    yearly_amounts: list[YearlyAmount] = Field(description="Amounts per year, as stated; empty when none are.")
    measures: list[FundedMeasure] = Field(description="The published measures this source funds.")

    @staticmethod
    def resolve_total_amount(obj) -> float | None:
        return _money(obj.total_amount)

    @staticmethod
    def resolve_yearly_amounts(obj):
        return list(obj.yearly_amounts.all())

    @staticmethod
    def resolve_measures(obj):
        return obj.public_measures


class ProposalOut(Schema):
    id: int
    order: int
    author_institution: InstitutionRef | None
    author_name: str | None = Field(
        description="The author's name as the consultation page shows it, when no institution is the author."
    )
    essence: str
    response: str = Field(description="How the proposal was taken into account; empty when not answered yet.")
    outcome: str | None = Field(description="Outcome code; null when not decided yet.")
    outcome_label: str | None
    measures: list[MeasureRef]

    @staticmethod
    def resolve_author_name(obj) -> str | None:
        return (obj.author_name or None) if obj.author_institution is None else None

    @staticmethod
    def resolve_outcome(obj) -> str | None:
        return obj.outcome or None

    @staticmethod
    def resolve_outcome_label(obj) -> str | None:
        return str(obj.get_outcome_display()) if obj.outcome else None

    @staticmethod
    def resolve_measures(obj):
        return list(obj.measures.all())


class ConsultationOut(Schema):
    id: int
    plan: PlanRef
    revision: str | None = Field(description="The plan revision consulted on, if the consultation was about one.")
    title: str
    period_start: datetime.date
    period_end: datetime.date
    channel: str
    document_url: str
    description: str
    proposals_count: int
    proposals: list[ProposalOut]
    url: str

    @staticmethod
    def resolve_revision(obj) -> str | None:
        return obj.revision.title if obj.revision else None

    @staticmethod
    def resolve_document_url(obj) -> str:
        return obj.url

    @staticmethod
    def resolve_proposals_count(obj) -> int:
        return obj.n_proposals

    @staticmethod
    def resolve_proposals(obj):
        return list(obj.proposals.all())

    @staticmethod
    def resolve_url(obj) -> str:
        # Consultation has no get_absolute_url: its page is the portal's.
        return page_url("portal:consultation", pk=obj.pk)


class MeetingRef(Schema):
    id: int
    council: str
    number: int | None
    date: datetime.date
    url: str

    @staticmethod
    def resolve_council(obj) -> str:
        return obj.council.name

    @staticmethod
    def resolve_url(obj) -> str:
        return public_url(obj)


class DecisionOut(Schema):
    id: int
    meeting: MeetingRef
    order: int = Field(description="The agenda item's number in the meeting.")
    title: str = Field(description="The agenda item.")
    decision: str
    measures: list[MeasureRef] = Field(description="The published measures the item discussed.")

    @staticmethod
    def resolve_measures(obj):
        return list(obj.measures.all())
