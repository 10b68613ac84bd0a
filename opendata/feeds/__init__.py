"""The open-data Atom feeds (the reports' feed is the reports app's own: reports/feeds.py)."""

from .measures import (
    InstitutionProgressFeed,
    InstitutionStatusFeed,
    PlanProgressFeed,
    PlanStatusFeed,
    ProgressFeed,
    StatusFeed,
)
from .publications import ConsultationFeed, MeetingFeed

__all__ = [
    "ConsultationFeed",
    "InstitutionProgressFeed",
    "InstitutionStatusFeed",
    "MeetingFeed",
    "PlanProgressFeed",
    "PlanStatusFeed",
    "ProgressFeed",
    "StatusFeed",
]
