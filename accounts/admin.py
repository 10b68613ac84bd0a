from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from ogp_portal.admin_base import NulSafeChangelistMixin

from . import services
from .forms import AccountChangeForm, AccountCreationForm
from .models import InstitutionEditor, Reminder

User = get_user_model()


class AccountAdmin(UserAdmin):
    """Django's user admin, with the e-mail address required on every account of every role: reminders,
    notifications and password resets reach a person only through it."""

    form = AccountChangeForm
    add_form = AccountCreationForm
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "email", "usable_password", "password1", "password2")}),
    )


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)


@admin.register(InstitutionEditor)
class InstitutionEditorAdmin(NulSafeChangelistMixin, admin.ModelAdmin):
    """Who reports for which institution. A link is added or removed, never edited in place."""

    list_display = ["user", "user_email", "institution", "created_at"]
    list_filter = [("institution", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        "user__username",
        "user__email",
        "user__last_name",
        "institution__name_lv",
        "institution__abbreviation",
    ]
    list_select_related = ["user", "institution"]
    fields = ["user", "institution"]

    @admin.display(description=_("e-mail"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # Active accounts only; superusers need no institution link.
            kwargs["queryset"] = User.objects.filter(is_active=True, is_superuser=False).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # The service also puts the account in the editor group and gives it admin access.
        link = services.institution_editor_grant(user=obj.user, institution=obj.institution, granted_by=request.user)
        obj.pk = link.pk

    def delete_model(self, request, obj):
        services.institution_editor_revoke(user=obj.user, institution=obj.institution, revoked_by=request.user)

    def delete_queryset(self, request, queryset):
        for link in queryset.select_related("user", "institution"):
            self.delete_model(request, link)


@admin.register(Reminder)
class ReminderAdmin(NulSafeChangelistMixin, admin.ModelAdmin):
    """The reminder e-mails sent by `manage.py send_reminders`; a record, not something to edit."""

    list_display = ["sent_at", "user", "reporting_round", "kind", "measure_count"]
    list_filter = ["kind", ("reporting_round", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "reporting_round"]
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
