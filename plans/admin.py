from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from accounts.admin_policy import PolicyAdminMixin
from ogp_portal.admin_history import HistoryAdmin, TranslatedHistoryAdmin

from . import services
from .admin_rounds import ReadOnlyStatusInlineMixin, ReportingRoundRoleAdminMixin
from .models import ActionPlan, FundingAmount, FundingSource, PlanLink, PlanPhase, PlanRevision, ReportingRound


class PlanPhaseInline(TranslationStackedInline):
    model = PlanPhase
    fields = [("order", "kind"), ("start_date", "end_date"), "title", "description"]
    extra = 0


class PlanLinkInline(TranslationTabularInline):
    model = PlanLink
    fields = ["order", "title", "url"]
    extra = 0


class PlanRevisionInline(TranslationTabularInline):
    model = PlanRevision
    fields = ["title", "decided_on", "decided_at_meeting", "submitted_to_ogp_on"]
    autocomplete_fields = ["decided_at_meeting"]
    show_change_link = True
    extra = 0


class ReportingRoundInline(ReadOnlyStatusInlineMixin, TranslationTabularInline):
    model = ReportingRound
    fields = ["title", "period_start", "period_end", "deadline", "status"]
    show_change_link = True
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.action_plan_save)
    save_service_takes = "plan"
    list_display = ["short_name", "number", "period_start", "period_end", "status", "is_published", "coordinator"]
    list_filter = ["status", "is_published"]
    search_fields = ["slug", "short_name_lv", "short_name_en", "title_lv", "title_en", "ogp_label"]
    list_select_related = ["coordinator"]
    autocomplete_fields = ["coordinator"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [PlanPhaseInline, PlanLinkInline, PlanRevisionInline, ReportingRoundInline]
    fieldsets = [
        (None, {"fields": ["title", "short_name", "slug", "number", "status", "is_published"]}),
        (_("Period and approval"), {"fields": [("period_start", "period_end"), "approving_act", "approved_on"]}),
        (_("Details"), {"fields": ["coordinator", "ogp_label", "description"]}),
    ]


@admin.register(PlanPhase)
class PlanPhaseAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.plan_part_save)
    policy_parents = ("plan",)
    list_display = ["title", "plan", "order", "kind", "start_date", "end_date"]
    list_filter = ["plan", "kind"]
    list_select_related = ["plan"]
    search_fields = ["title_lv", "title_en"]
    autocomplete_fields = ["plan"]
    fieldsets = [(None, {"fields": ["plan", ("order", "kind"), ("start_date", "end_date"), "title", "description"]})]


@admin.register(PlanLink)
class PlanLinkAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.plan_part_save)
    policy_parents = ("plan",)
    list_display = ["title", "plan", "order", "url"]
    list_filter = ["plan"]
    list_select_related = ["plan"]
    search_fields = ["title_lv", "title_en", "url"]
    autocomplete_fields = ["plan"]
    fieldsets = [(None, {"fields": ["plan", "order", "title", "url"]})]


@admin.register(PlanRevision)
class PlanRevisionAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.plan_part_save)
    policy_parents = ("plan",)
    list_display = ["title", "plan", "decided_on", "decided_at_meeting", "submitted_to_ogp_on"]
    list_filter = ["plan"]
    list_select_related = ["plan", "decided_at_meeting"]
    search_fields = ["title_lv", "title_en", "plan__short_name_lv"]
    autocomplete_fields = ["plan", "decided_at_meeting"]
    fieldsets = [
        (None, {"fields": ["plan", "title", "description"]}),
        (_("Decision"), {"fields": ["decided_on", "decided_at_meeting", "submitted_to_ogp_on", "document_url"]}),
    ]


@admin.register(ReportingRound)
class ReportingRoundAdmin(PolicyAdminMixin, ReportingRoundRoleAdminMixin, TranslatedHistoryAdmin):
    policy_parents = ("plan",)
    list_display = ["title", "plan", "period_start", "period_end", "deadline", "status", "entry_count"]
    list_filter = ["plan", "status"]
    list_select_related = ["plan"]
    search_fields = ["title_lv", "title_en", "plan__short_name_lv"]
    autocomplete_fields = ["plan"]
    readonly_fields = ["opened_at", "opened_by"]
    fieldsets = [
        (None, {"fields": ["plan", "title", ("period_start", "period_end"), "deadline", "status"]}),
        (_("Opening"), {"fields": ["opened_at", "opened_by"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_total=Count("entries"))

    @admin.display(description=_("progress entries"), ordering="entry_total")
    def entry_count(self, obj):
        return obj.entry_total


class FundingAmountInline(admin.TabularInline):
    model = FundingAmount
    fields = ["year", "amount"]
    extra = 0


@admin.register(FundingSource)
class FundingSourceAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.plan_part_save)
    policy_parents = ("plan",)
    list_display = ["code", "title", "plan", "total_amount", "currency"]
    list_filter = ["plan"]
    list_select_related = ["plan"]
    search_fields = ["code", "title_lv", "title_en", "programme_lv", "programme_en"]
    autocomplete_fields = ["plan"]
    inlines = [FundingAmountInline]
    fieldsets = [
        (None, {"fields": ["plan", "code", "title", "programme"]}),
        (_("Amount"), {"fields": [("total_amount", "currency"), "available_from", "description"]}),
    ]


@admin.register(FundingAmount)
class FundingAmountAdmin(PolicyAdminMixin, HistoryAdmin):
    save_service = staticmethod(services.plan_part_save)
    policy_parents = ("source__plan",)
    list_display = ["source", "year", "amount"]
    list_filter = ["year"]
    list_select_related = ["source"]
    search_fields = ["source__code", "source__title_lv"]
    autocomplete_fields = ["source"]
    fields = ["source", "year", "amount"]
