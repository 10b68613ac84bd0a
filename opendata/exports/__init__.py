"""Open-data downloads: the registry of exports by identifier."""

from .base import Column, Export, UnknownFormat
from .datasets import (
    CommitmentExport,
    FundingAmountExport,
    FundingSourceExport,
    InstitutionExport,
    MeasureExport,
    PlanExport,
    ProgressEntryExport,
    StatusChangeExport,
)
from .formats import FORMATS, escape_formula
from .participation import AgendaItemExport, ConsultationExport, MeetingExport, ProposalExport
from .reports import ReportExport

# In the order the open-data page lists them.
EXPORTS: dict[str, type[Export]] = {
    e.identifier: e
    for e in (
        PlanExport,
        CommitmentExport,
        MeasureExport,
        ProgressEntryExport,
        StatusChangeExport,
        InstitutionExport,
        FundingSourceExport,
        FundingAmountExport,
        ConsultationExport,
        ProposalExport,
        MeetingExport,
        AgendaItemExport,
        ReportExport,
    )
}

__all__ = ["EXPORTS", "FORMATS", "Column", "Export", "UnknownFormat", "escape_formula"]
