from django.contrib import admin
from modeltranslation.admin import TranslationTabularInline

from accounts.admin_policy import PolicyAdminMixin
from ogp_portal.admin_history import TranslatedHistoryAdmin
from ogp_portal.import_export_base import StaffImportExportMixin
from ui.collation import in_latvian

from . import services
from .models import Institution, InstitutionName
from .resources import InstitutionResource


class InstitutionNameInline(TranslationTabularInline):
    model = InstitutionName
    fields = ["name", "abbreviation", "valid_from", "valid_until"]
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(PolicyAdminMixin, StaffImportExportMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.institution_save)
    resource_classes = [InstitutionResource]
    list_display = ["name", "abbreviation", "kind", "parent", "website"]
    list_filter = ["kind"]
    search_fields = ["name_lv", "name_en", "abbreviation", "slug"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    inlines = [InstitutionNameInline]
    fieldsets = [
        (None, {"fields": ["name", "abbreviation", "slug", "kind", "parent", "website"]}),
    ]

    def get_ordering(self, request):
        # The changelist orders by Meta.ordering explicitly, past the manager: the Latvian alphabet here too.
        return Institution.latvian_ordering if in_latvian() else super().get_ordering(request)


@admin.register(InstitutionName)
class InstitutionNameAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.institution_save)
    policy_parents = ("institution",)
    list_display = ["name", "abbreviation", "institution", "valid_from", "valid_until"]
    list_select_related = ["institution"]
    search_fields = ["name_lv", "name_en", "abbreviation", "institution__name_lv"]
    autocomplete_fields = ["institution"]
    fieldsets = [(None, {"fields": ["institution", "name", "abbreviation", "valid_from", "valid_until"]})]
    list_filter = [("institution", admin.RelatedOnlyFieldListFilter)]
