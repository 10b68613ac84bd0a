from django.contrib import admin
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from accounts.admin_policy import PolicyAdminMixin, PolicyRelatedFieldListFilter
from ogp_portal.admin_base import ReadOnlyInlineMixin
from ogp_portal.admin_history import TranslatedHistoryAdmin
from ogp_portal.history.admin_writes import VERSION_FIELD, VersionedInlineForm
from ogp_portal.import_export_base import StaffImportExportMixin

from . import services
from .admin_bulk import MeasureBulkStatusMixin
from .admin_evidence import EvidenceAdminMixin, EvidenceFileInline
from .admin_roles import MeasureRoleAdminMixin
from .admin_workflow import ProgressEntryRoleAdminMixin
from .models import Commitment, Measure, ProgressEntry
from .resources import MeasureResource, ProgressEntryResource


class OverdueFilter(admin.SimpleListFilter):
    """Due date passed and neither complete nor withdrawn (Measure.objects.overdue())."""

    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        if self.value() == "no":
            return queryset.not_overdue()
        return queryset


class SpecialAttentionFilter(admin.SimpleListFilter):
    """The measure or its whole commitment is marked for special attention."""

    title = _("special attention")
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [("yes", _("Needs special attention")), ("no", _("No special attention"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.special_attention()
        if self.value() == "no":
            return queryset.exclude(pk__in=Measure.objects.special_attention().values("pk"))
        return queryset


class MeasureInlineFormSet(BaseInlineFormSet):
    """Measures edited inside their commitment take the commitment's plan."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if self.instance.plan_id:
            form.instance.plan_id = self.instance.plan_id
        return form

    def clean(self):
        super().clean()
        # `plan` is not a form field, so the model form skips the (plan, number)
        # constraint; check it here rather than fail on save.
        seen = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            number = form.cleaned_data.get("number")
            if not number:
                continue
            if number in seen:
                form.add_error("number", _("Two measures have the number %(number)s.") % {"number": number})
            seen[number] = form
            clash = Measure.objects.filter(plan_id=self.instance.plan_id, number=number)
            if form.instance.pk:
                clash = clash.exclude(pk=form.instance.pk)
            if self.instance.plan_id and clash.exists():
                form.add_error("number", _("The plan already has a measure number %(number)s.") % {"number": number})


class MeasureInline(TranslationStackedInline):
    model = Measure
    # Each row carries the version it was read at; only changed rows are saved (and claimed), so a report
    # saved meanwhile on another measure of the commitment does not block an edit of the commitment's title.
    form = VersionedInlineForm
    formset = MeasureInlineFormSet
    fields = [
        ("number", "order"),
        "title",
        ("responsible_institution", "status", "progress_percent"),
        ("start_date", "due_date", "special_attention"),
        VERSION_FIELD,
    ]
    autocomplete_fields = ["responsible_institution"]
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("responsible_institution")


@admin.register(Commitment)
class CommitmentAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.commitment_save)
    save_service_takes = "commitment"
    policy_parents = ("plan",)
    list_display = ["number", "title", "plan", "lead_institution_names", "measure_count", "special_attention"]
    list_display_links = ["number", "title"]
    list_filter = [
        "plan",
        "special_attention",
        "value_access_to_information",
        "value_civic_participation",
        "value_public_accountability",
        "value_technology_innovation",
        "irm_potential_for_results",
        "irm_ambition",
    ]
    search_fields = ["title_lv", "title_en", "ogp_id", "=number"]
    list_select_related = ["plan"]
    autocomplete_fields = ["plan", "lead_institutions"]
    inlines = [MeasureInline]
    fieldsets = [
        (None, {"fields": ["plan", "number", "title", "description", "lead_institutions", "special_attention"]}),
        (
            _("OGP values"),
            {
                "fields": [
                    "value_access_to_information",
                    "value_civic_participation",
                    "value_public_accountability",
                    "value_technology_innovation",
                ]
            },
        ),
        (
            _("Independent Reporting Mechanism (IRM)"),
            {"fields": ["ogp_id", "irm_verifiable", "irm_relevant", "irm_potential_for_results", "irm_ambition"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(measure_total=Count("measures", distinct=True))
            .prefetch_related("lead_institutions")
        )

    @admin.display(description=_("lead institutions"))
    def lead_institution_names(self, obj):
        return ", ".join(i.abbreviation or i.name for i in obj.lead_institutions.all())

    @admin.display(description=_("measures"), ordering="measure_total")
    def measure_count(self, obj):
        return obj.measure_total

    def before_inline_save(self, request, parent, instance):
        if isinstance(instance, Measure):
            instance.plan_id = parent.plan_id


class ProgressEntryInline(ReadOnlyInlineMixin, TranslationTabularInline):
    model = ProgressEntry
    fields = ["reporting_round", "status", "progress_percent", "review_state"]
    autocomplete_fields = ["reporting_round"]
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reporting_round")


@admin.register(Measure)
class MeasureAdmin(MeasureBulkStatusMixin, MeasureRoleAdminMixin, StaffImportExportMixin, TranslatedHistoryAdmin):
    resource_classes = [MeasureResource]
    list_display = [
        "number",
        "title",
        "plan",
        "commitment_number",
        "responsible_institution",
        "status",
        "progress_percent",
        "due_date",
        "is_overdue_display",
        "special_attention",
    ]
    list_display_links = ["number", "title"]
    list_filter = [
        ("plan", PolicyRelatedFieldListFilter),
        ("commitment", admin.RelatedOnlyFieldListFilter),
        ("responsible_institution", admin.RelatedOnlyFieldListFilter),
        "status",
        SpecialAttentionFilter,
        OverdueFilter,
    ]
    search_fields = ["number", "title_lv", "title_en", "responsible_institution__abbreviation"]
    list_select_related = ["plan", "commitment", "responsible_institution"]
    autocomplete_fields = [
        "plan",
        "commitment",
        "responsible_institution",
        "co_responsible_institutions",
        "other_implementers",
        "added_by_revision",
        "funding_sources",
    ]
    inlines = [ProgressEntryInline]
    fieldsets = [
        (None, {"fields": ["plan", "commitment", ("number", "order"), "title"]}),
        (_("Content"), {"fields": ["description", "expected_result", "indicator"]}),
        (
            _("Responsibility"),
            {"fields": ["responsible_institution", "co_responsible_institutions", "other_implementers"]},
        ),
        (
            _("Progress"),
            {"fields": [("start_date", "due_date"), ("status", "progress_percent"), "special_attention"]},
        ),
        (_("Origin and funding"), {"fields": ["added_by_revision", "funding_sources"]}),
        (_("Staff only"), {"fields": ["internal_note"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "internal_note" and field is not None:
            # The model's help text predates the staff spreadsheet export, which offers the note unticked.
            field.help_text = _(
                "Staff only: never shown on public pages or in open data. The staff spreadsheet export "
                "includes it only when its box is ticked."
            )
        return field

    def get_export_queryset(self, request):
        # The export follows the list's filters; its M2M columns need one query each, not one per row.
        return (
            super().get_export_queryset(request).prefetch_related("co_responsible_institutions", "other_implementers")
        )

    @admin.display(description=_("commitment"), ordering="commitment__number")
    def commitment_number(self, obj):
        return obj.commitment.number

    @admin.display(description=_("overdue"), boolean=True)
    def is_overdue_display(self, obj):
        return obj.is_overdue()


@admin.register(ProgressEntry)
class ProgressEntryAdmin(
    EvidenceAdminMixin, ProgressEntryRoleAdminMixin, StaffImportExportMixin, TranslatedHistoryAdmin
):
    resource_classes = [ProgressEntryResource]
    inlines = [EvidenceFileInline]
    list_display = [
        "measure",
        "plan",
        "reporting_round",
        "status",
        "progress_percent",
        "review_state",
        "submitted_at",
        "reviewed_at",
    ]
    list_filter = [
        "review_state",
        "status",
        ("reporting_round__plan", PolicyRelatedFieldListFilter),
        ("reporting_round", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["measure__number", "measure__title_lv", "measure__title_en", "narrative_lv", "narrative_en"]
    list_select_related = ["measure__plan", "reporting_round"]
    autocomplete_fields = ["measure", "reporting_round"]
    readonly_fields = ["submitted_by", "submitted_at", "reviewed_by", "reviewed_at"]
    fieldsets = [
        (None, {"fields": ["measure", "reporting_round", "reported_on"]}),
        (_("Report"), {"fields": [("status", "progress_percent"), "narrative", "evidence_links", "challenges"]}),
        (
            _("Review"),
            {
                "fields": [
                    "review_state",
                    "review_comment",
                    ("submitted_by", "submitted_at"),
                    ("reviewed_by", "reviewed_at"),
                ]
            },
        ),
    ]

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("submitted_by", "reviewed_by")

    @admin.display(description=_("plan"), ordering="measure__plan")
    def plan(self, obj):
        return obj.measure.plan
