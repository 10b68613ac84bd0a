"""Response shapes of the open-data API (read from the ORM objects the selectors return).

Texts are in the language of the address: /dati/api/ Latvian, /en/dati/api/
English (falling back to Latvian where no translation exists). Coded values
come as a stable `code` field plus a `*_label` in that language.
"""

import datetime
from typing import Annotated

from django.utils import timezone
from ninja import Field, Schema
from pydantic import field_validator

from commitments.models import MeasureStatus

from .exports.base import public_url

# JSON Schema's `format: time` demands a UTC offset; a meeting's time is Riga's wall clock, so a plain pattern.
LocalTime = Annotated[
    str, Field(pattern=r"^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$", description="Local time in Riga, HH:MM:SS.")
]


def _local_time(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M:%S") if value is not None else None


class InstitutionRef(Schema):
    slug: str
    name: str
    abbreviation: str


class PlanRef(Schema):
    slug: str
    short_name: str
    title: str


class CommitmentRef(Schema):
    id: int
    number: int
    title: str


class MeasureRef(Schema):
    id: int
    number: str
    title: str


class FundingRef(Schema):
    id: int
    code: str
    title: str


class PlanOut(Schema):
    slug: str
    number: int | None
    title: str
    short_name: str
    period_start: datetime.date
    period_end: datetime.date
    status: str
    status_label: str
    approving_act: str
    approved_on: datetime.date | None
    ogp_label: str
    description: str
    coordinator: InstitutionRef | None
    commitments_count: int
    measures_count: int
    url: str

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_commitments_count(obj) -> int:
        return obj.n_commitments

    @staticmethod
    def resolve_measures_count(obj) -> int:
        return obj.n_measures

    @staticmethod
    def resolve_url(obj) -> str:
        return public_url(obj)


class PlanDetail(PlanOut):
    commitments: list[CommitmentRef]

    @staticmethod
    def resolve_commitments(obj):
        return list(obj.commitments.all())


class CommitmentOut(Schema):
    id: int
    plan: PlanRef
    number: int
    title: str
    description: str
    ogp_id: str
    ogp_values: list[str]
    lead_institutions: list[InstitutionRef]
    irm_verifiable: str | None
    irm_relevant: str | None
    irm_potential_for_results: str | None
    irm_ambition: str | None
    special_attention: bool
    measures_count: int
    url: str

    # An IRM rating not (yet) given is null, as in the JSON downloads, not an empty code.
    @field_validator("irm_verifiable", "irm_relevant", "irm_potential_for_results", "irm_ambition", mode="before")
    @classmethod
    def blank_rating_is_null(cls, value: str | None) -> str | None:
        return value or None

    @staticmethod
    def resolve_lead_institutions(obj):
        return list(obj.lead_institutions.all())

    @staticmethod
    def resolve_measures_count(obj) -> int:
        return obj.n_measures

    @staticmethod
    def resolve_url(obj) -> str:
        return public_url(obj)


class CommitmentDetail(CommitmentOut):
    measures: list[MeasureRef]

    @staticmethod
    def resolve_measures(obj):
        return list(obj.measures.all())


class MeasureOut(Schema):
    id: int
    plan: PlanRef
    commitment: CommitmentRef
    number: str
    title: str
    description: str
    expected_result: str
    indicator: str
    responsible_institution: InstitutionRef | None
    co_responsible_institutions: list[InstitutionRef]
    other_implementers: list[InstitutionRef]
    start_date: datetime.date | None
    due_date: datetime.date | None
    status: MeasureStatus
    status_label: str
    progress_percent: int | None
    special_attention: bool
    overdue: bool
    funding_sources: list[FundingRef]
    url: str

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_co_responsible_institutions(obj):
        return obj.co_responsible_list

    @staticmethod
    def resolve_other_implementers(obj):
        return obj.other_implementers_list

    @staticmethod
    def resolve_funding_sources(obj):
        return obj.funding_sources_list

    @staticmethod
    def resolve_special_attention(obj) -> bool:
        return obj.is_special_attention

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_overdue()

    @staticmethod
    def resolve_url(obj) -> str:
        return public_url(obj)


class RoundRef(Schema):
    title: str
    period_start: datetime.date
    period_end: datetime.date


class ProgressEntryBrief(Schema):
    id: int
    reporting_round: RoundRef
    reported_on: datetime.date | None
    status: MeasureStatus
    status_label: str
    progress_percent: int | None
    narrative: str
    evidence_links: list[str]
    challenges: str
    approved_on: datetime.date | None

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_evidence_links(obj) -> list[str]:
        return obj.evidence_list()

    @staticmethod
    def resolve_approved_on(obj) -> datetime.date | None:
        return obj.reviewed_at and timezone.localdate(obj.reviewed_at)


class ProgressEntryOut(ProgressEntryBrief):
    measure: MeasureRef
    plan: PlanRef
    url: str

    @staticmethod
    def resolve_plan(obj):
        return obj.measure.plan

    @staticmethod
    def resolve_url(obj) -> str:
        return public_url(obj.measure)


class MeasureDetail(MeasureOut):
    progress_entries: list[ProgressEntryBrief]

    @staticmethod
    def resolve_progress_entries(obj):
        return list(obj.public_entries)


class EarlierName(Schema):
    name: str
    abbreviation: str
    valid_from: datetime.date | None
    valid_until: datetime.date


class InstitutionOut(Schema):
    slug: str
    name: str
    abbreviation: str
    kind: str
    kind_label: str
    website: str
    parent: InstitutionRef | None
    earlier_names: list[EarlierName]
    url: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_earlier_names(obj):
        return list(obj.former_names.all())

    @staticmethod
    def resolve_url(obj) -> str:
        return public_url(obj)


class MeetingOut(Schema):
    id: int
    council: str
    number: int | None
    date: datetime.date
    start_time: LocalTime | None
    end_time: LocalTime | None
    city: str
    place: str
    chair: str | None
    summary: str
    next_meeting_note: str
    url: str

    @staticmethod
    def resolve_council(obj) -> str:
        return obj.council.name

    @staticmethod
    def resolve_start_time(obj) -> str | None:
        return _local_time(obj.start_time)

    @staticmethod
    def resolve_end_time(obj) -> str | None:
        return _local_time(obj.end_time)

    @staticmethod
    def resolve_chair(obj) -> str | None:
        return obj.chair.person_name if obj.chair else None

    @staticmethod
    def resolve_url(obj) -> str:
        return public_url(obj)


class AgendaItemOut(Schema):
    order: int
    title: str
    presenters: str
    discussion: str
    decision: str
    measures: list[MeasureRef]

    @staticmethod
    def resolve_measures(obj):
        return list(obj.measures.all())


class DocumentOut(Schema):
    kind: str
    kind_label: str
    title: str
    url: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_url(obj) -> str:
        return public_url(obj)


class MeetingDetail(MeetingOut):
    agenda: list[AgendaItemOut]
    documents: list[DocumentOut]

    @staticmethod
    def resolve_agenda(obj):
        return list(obj.agenda_items.all())

    @staticmethod
    def resolve_documents(obj):
        return obj.public_documents
