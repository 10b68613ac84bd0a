"""Bilingual content fields (Latvian default, English fallback to Latvian).

History is registered here rather than with `history = HistoricalRecords()` on
the model, so that the historical tables also get the `_lv`/`_en` columns that
modeltranslation adds (the order the django-simple-history docs prescribe).
"""

from modeltranslation.translator import TranslationOptions, register

from ogp_portal.history.records import track_history

from .models import Institution, InstitutionName


@register(Institution)
class InstitutionTR(TranslationOptions):
    fields = ("name",)


@register(InstitutionName)
class InstitutionNameTR(TranslationOptions):
    fields = ("name",)


track_history(Institution)
track_history(InstitutionName)
