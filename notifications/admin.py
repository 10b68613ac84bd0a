"""The outbox in the admin: what was sent, what waits, what failed and why; the coordinator's only."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import policy
from ogp_portal.admin_base import NulSafeChangelistMixin

from .models import OutgoingMessage
from .services import messages_retry_now


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("sent", _("sent")), ("unsent", _("not sent yet")), ("failed", _("failed"))]

    def queryset(self, request, queryset):
        chosen = {"sent": queryset.sent, "unsent": queryset.unsent, "failed": queryset.failed}.get(self.value())
        return chosen() if chosen else queryset


@admin.register(OutgoingMessage)
class OutgoingMessageAdmin(NulSafeChangelistMixin, admin.ModelAdmin):
    list_display = ["created_at", "kind", "address", "subject", "language", "sent_at", "attempts", "last_error"]
    list_filter = ["kind", StateFilter, "language"]
    search_fields = ["address", "subject"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]

    # A record of what was sent: nobody adds, edits or deletes it by hand.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return policy.is_coordinator(request.user)

    def has_module_permission(self, request):
        return policy.is_coordinator(request.user)

    def has_retry_permission(self, request):
        return policy.is_coordinator(request.user)

    @admin.action(description=_("Retry now"), permissions=["retry"])
    def retry_now(self, request, queryset):
        count = messages_retry_now(messages=queryset)
        text = ngettext("%(count)d message will be sent again.", "%(count)d messages will be sent again.", count)
        self.message_user(request, text % {"count": count}, messages.SUCCESS)
