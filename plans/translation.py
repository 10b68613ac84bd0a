"""Bilingual content fields; history registered after them (see institutions/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from ogp_portal.history.records import track_history

from .models import ActionPlan, FundingAmount, FundingSource, PlanLink, PlanPhase, PlanRevision, ReportingRound


@register(ActionPlan)
class ActionPlanTR(TranslationOptions):
    fields = ("title", "short_name", "approving_act", "description")


@register(PlanPhase)
class PlanPhaseTR(TranslationOptions):
    fields = ("title", "description")


@register(PlanLink)
class PlanLinkTR(TranslationOptions):
    fields = ("title",)


@register(PlanRevision)
class PlanRevisionTR(TranslationOptions):
    fields = ("title", "description")


@register(ReportingRound)
class ReportingRoundTR(TranslationOptions):
    fields = ("title",)


@register(FundingSource)
class FundingSourceTR(TranslationOptions):
    fields = ("programme", "title", "available_from", "description")


for model in (ActionPlan, PlanPhase, PlanLink, PlanRevision, ReportingRound, FundingSource, FundingAmount):
    track_history(model)
