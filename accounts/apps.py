from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles_after_migrate(sender, app_config=None, using="default", apps=None, verbosity=1, **kwargs):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from .roles import sync_roles

    # accounts migrates before some apps that come after it in INSTALLED_APPS; make sure every app's
    # permissions exist (idempotent) before giving them to the groups.
    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using, apps=apps or global_apps)
    sync_roles(apps=apps or global_apps, using=using)


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from . import signals  # noqa: F401

        post_migrate.connect(_sync_roles_after_migrate, sender=self, dispatch_uid="accounts_sync_roles")
