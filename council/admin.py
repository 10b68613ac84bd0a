from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from accounts import policy
from accounts.admin_policy import PolicyAdminMixin
from ogp_portal.admin_history import TranslatedHistoryAdmin

from . import services
from .admin_actions import (
    approve_minutes_action,
    build_meeting_pack_action,
    build_minutes_action,
    publish_meeting_action,
)
from .admin_search import MeetingSearchMixin
from .forms import MeetingDocumentAdminForm, MeetingDocumentForm
from .models import AgendaItem, Attendance, Council, CouncilMember, Meeting, MeetingDocument


class CouncilMemberInline(TranslationTabularInline):
    model = CouncilMember
    fields = ["person_name", "role", "institution", "membership", "term_start", "term_end", "user"]
    autocomplete_fields = ["institution", "user"]
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("institution", "user")


@admin.register(Council)
class CouncilAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.council_content_save)
    policy_parents = ("plan",)
    list_display = ["name", "plan"]
    list_filter = ["plan"]
    search_fields = ["name_lv", "name_en"]
    list_select_related = ["plan"]
    autocomplete_fields = ["plan"]
    inlines = [CouncilMemberInline]
    fieldsets = [(None, {"fields": ["plan", "name", "description"]})]


@admin.register(CouncilMember)
class CouncilMemberAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.council_content_save)
    policy_parents = ("council__plan",)
    list_display = ["person_name", "role", "institution", "membership", "council", "term_start", "term_end", "user"]
    list_filter = ["council", "membership"]
    search_fields = ["person_name", "role_lv", "role_en", "institution__name_lv", "institution__abbreviation"]
    list_select_related = ["council", "institution", "user"]
    autocomplete_fields = ["council", "institution", "user"]
    fieldsets = [
        (None, {"fields": ["council", "person_name", "role", "institution", "membership"]}),
        (_("Term and account"), {"fields": [("term_start", "term_end"), "user"]}),
    ]


class AgendaItemInline(TranslationStackedInline):
    model = AgendaItem
    fields = ["order", "title", "presenters", "discussion", "decision", "measures"]
    autocomplete_fields = ["measures"]
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("measures")


class AttendanceInline(TranslationTabularInline):
    model = Attendance
    fields = ["kind", "order", "person_name", "role", "institution", "member"]
    autocomplete_fields = ["institution", "member"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("institution", "member")


class MeetingDocumentInline(TranslationTabularInline):
    model = MeetingDocument
    form = MeetingDocumentForm
    fields = ["kind", "language", "title", "file", "is_public", "uploaded_at", "uploaded_by"]
    readonly_fields = ["uploaded_at", "uploaded_by"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(MeetingSearchMixin, PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.council_content_save)
    policy_parents = ("council__plan",)
    actions = [build_meeting_pack_action, build_minutes_action, approve_minutes_action, publish_meeting_action]
    list_display = ["__str__", "date", "council", "status", "chair", "city"]
    list_filter = ["council", "status"]
    list_select_related = ["council", "chair"]
    autocomplete_fields = ["council", "chair"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline, AttendanceInline, MeetingDocumentInline]
    fieldsets = [
        (None, {"fields": ["council", "number", "date", ("start_time", "end_time"), "status"]}),
        (_("Place"), {"fields": ["city", "place", "chair"]}),
        (_("Minutes"), {"fields": ["summary", "next_meeting_note", "signature_note"]}),
        (_("Approval and publication"), {"fields": ["minutes_approved_at", "minutes_approved_by", "published_at"]}),
    ]
    # Status moves only through the approve and publish actions (council/services.py), which also store
    # the minutes; editing it here would skip them.
    readonly_fields = ["status", "minutes_approved_at", "minutes_approved_by", "published_at"]

    def has_publish_permission(self, request) -> bool:
        """Approving and publishing (the actions' "publish" permission) is the policy's call."""
        return policy.can_publish(request.user) and self.has_change_permission(request)

    def before_inline_save(self, request, parent, instance):
        if isinstance(instance, MeetingDocument) and instance.pk is None:
            instance.uploaded_by = request.user


@admin.register(AgendaItem)
class AgendaItemAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.council_content_save)
    policy_parents = ("meeting", "meeting__council__plan")
    list_display = ["__str__", "meeting", "presenters"]
    list_filter = [("meeting", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title_lv", "title_en", "decision_lv", "presenters"]
    list_select_related = ["meeting"]
    autocomplete_fields = ["meeting", "measures"]
    fieldsets = [(None, {"fields": ["meeting", "order", "title", "presenters", "discussion", "decision", "measures"]})]


@admin.register(Attendance)
class AttendanceAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.council_content_save)
    policy_parents = ("meeting", "meeting__council__plan")
    list_display = ["person_name", "role", "institution", "kind", "meeting"]
    list_filter = ["kind", ("meeting", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["person_name", "role_lv", "institution__name_lv"]
    list_select_related = ["meeting", "institution"]
    autocomplete_fields = ["meeting", "institution", "member"]
    fieldsets = [(None, {"fields": ["meeting", ("kind", "order"), "person_name", "role", "institution", "member"]})]


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(PolicyAdminMixin, TranslatedHistoryAdmin):
    save_service = staticmethod(services.council_content_save)
    policy_parents = ("meeting", "meeting__council__plan")
    form = MeetingDocumentAdminForm
    list_display = ["title", "kind", "meeting", "is_public", "uploaded_at", "uploaded_by"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title_lv", "title_en"]
    list_select_related = ["meeting", "uploaded_by"]
    autocomplete_fields = ["meeting"]
    readonly_fields = ["original_name", "content_type", "size", "uploaded_at", "uploaded_by"]
    fieldsets = [
        (None, {"fields": ["meeting", ("kind", "language"), "title", "file", "is_public"]}),
        (_("Upload"), {"fields": ["original_name", "content_type", "size", "uploaded_at", "uploaded_by"]}),
    ]

    def save_model(self, request, obj, form, change):
        if obj.pk is None:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
