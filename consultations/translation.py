"""Bilingual content fields; history registered after them (see institutions/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from ogp_portal.history.records import track_history

from .models import Consultation, Proposal


@register(Consultation)
class ConsultationTR(TranslationOptions):
    fields = ("title", "channel", "description")


@register(Proposal)
class ProposalTR(TranslationOptions):
    fields = ("essence", "response")


track_history(Consultation)
track_history(Proposal, m2m_fields=["measures"])
