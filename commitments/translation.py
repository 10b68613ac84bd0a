"""Bilingual content fields; history registered after them (see institutions/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from ogp_portal.history.records import track_history

from .models import Commitment, EvidenceFile, Measure, ProgressEntry


@register(Commitment)
class CommitmentTR(TranslationOptions):
    fields = ("title", "description")


@register(Measure)
class MeasureTR(TranslationOptions):
    fields = ("title", "description", "expected_result", "indicator")


@register(ProgressEntry)
class ProgressEntryTR(TranslationOptions):
    fields = ("narrative", "challenges")


track_history(Commitment, m2m_fields=["lead_institutions"])
track_history(Measure, m2m_fields=["co_responsible_institutions", "other_implementers", "funding_sources"])
track_history(ProgressEntry)
# Evidence files keep their own history rows: who attached or removed which file, and why.
track_history(EvidenceFile)
