from django.apps import AppConfig
from django.core import checks as django_checks

from . import checks, invalidation


class CacheConfig(AppConfig):
    """The page and part caches: their invalidation follows every write in every process (web, worker, commands)."""

    name = "ogp_portal.cache"
    label = "ogp_cache"
    verbose_name = "Page and part caches"

    def ready(self) -> None:
        invalidation.connect()
        django_checks.register(checks.check_content_models, django_checks.Tags.models)
