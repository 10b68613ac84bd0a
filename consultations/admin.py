from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from accounts.admin_policy import PolicyAdminMixin
from ogp_portal.admin_history import TranslatedHistoryAdmin

from . import services
from .models import Consultation, Proposal


class ProposalInline(TranslationStackedInline):
    model = Proposal
    fields = [("order", "outcome"), ("author_institution", "author_name"), "essence", "response", "measures"]
    autocomplete_fields = ["author_institution", "measures"]
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author_institution").prefetch_related("measures")


@admin.register(Consultation)
class ConsultationAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.consultation_save)
    policy_parents = ("plan",)
    list_display = ["title", "plan", "revision", "period_start", "period_end", "proposal_count"]
    list_filter = ["plan"]
    search_fields = ["title_lv", "title_en", "description_lv"]
    list_select_related = ["plan", "revision"]
    autocomplete_fields = ["plan", "revision"]
    date_hierarchy = "period_start"
    inlines = [ProposalInline]
    fieldsets = [
        (None, {"fields": ["plan", "revision", "title", ("period_start", "period_end")]}),
        (_("Details"), {"fields": ["channel", "url", "description"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(proposal_total=Count("proposals"))

    @admin.display(description=_("proposals"), ordering="proposal_total")
    def proposal_count(self, obj):
        return obj.proposal_total


@admin.register(Proposal)
class ProposalAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.consultation_save)
    policy_parents = ("consultation", "consultation__plan")
    list_display = ["__str__", "consultation", "author_institution", "author_name", "outcome"]
    list_filter = ["outcome", "consultation__plan", ("consultation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["essence_lv", "essence_en", "response_lv", "author_name", "author_institution__name_lv"]
    list_select_related = ["consultation", "author_institution"]
    autocomplete_fields = ["consultation", "author_institution", "measures"]
    fieldsets = [
        (None, {"fields": ["consultation", "order", ("author_institution", "author_name")]}),
        (_("Proposal and response"), {"fields": ["essence", "response", "outcome", "measures"]}),
    ]
