"""The third-party apps the admin lists, named in the portal's languages.

Their own names are English only ("Axes", "Otp_Totp", "Tasks Database Backend"), and django-otp's
device models carry plain-string names that no catalog can translate; each config here gives the app
a translatable name and, for django-otp, its models too. INSTALLED_APPS names these configs.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticDefaultConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPDefaultConfig
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Login attempts")


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Background tasks")


class _OTPModelNames:
    model_names: dict[str, tuple] = {}

    def ready(self):
        super().ready()
        for model_name, (singular, plural) in self.model_names.items():
            meta = self.get_model(model_name)._meta
            meta.verbose_name, meta.verbose_name_plural = singular, plural
            for field in meta.fields:
                label = _OTP_FIELDS.get(field.name)
                if label is not None:
                    field.verbose_name = label


# The device fields an administrator sees in the lists and forms.
_OTP_FIELDS = {
    "user": _("user"),
    "name": _("name"),
    "confirmed": _("confirmed"),
    "created_at": _("created at"),
    "last_used_at": _("last used at"),
    "throttling_failure_count": _("failed attempts in a row"),
    "throttling_failure_timestamp": _("last failed attempt"),
}


class TOTPConfig(_OTPModelNames, TOTPDefaultConfig):
    verbose_name = _("Two-factor login: authenticator apps")
    model_names = {"totpdevice": (_("authenticator app"), _("authenticator apps"))}


class StaticConfig(_OTPModelNames, StaticDefaultConfig):
    verbose_name = _("Two-factor login: backup codes")
    model_names = {"staticdevice": (_("backup code set"), _("backup code sets"))}
