"""`manage.py check` holds settings.CACHE_CONTENT_MODELS against the models.

A model counts as public content when its queryset has `published()` (the public sees its published rows)
or django-simple-history keeps its history (every tracked model is edited content). Such a model missing
from the list would never make a cached page stale; CACHE_NOT_CONTENT_MODELS names the tracked models that
no public page shows, so that leaving one out of the content list is a decision, not an oversight.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core import checks
from simple_history.models import registered_models

from .invalidation import content_model_names


def _not_content_names() -> tuple[str, ...]:
    return tuple(getattr(settings, "CACHE_NOT_CONTENT_MODELS", ()))


def _has_published(model) -> bool:
    return callable(getattr(model._default_manager, "published", None)) or callable(
        getattr(model._default_manager.get_queryset(), "published", None)
    )


def public_content_models() -> list:
    """Every installed model the public may see: with a published() queryset method or a kept history."""
    tracked = set(registered_models.values())
    return [
        model
        for model in apps.get_models()
        if not model._meta.auto_created and (model in tracked or _has_published(model))
    ]


def _resolve(setting: str, names: tuple[str, ...], errors: list) -> set[str]:
    found = set()
    for name in names:
        try:
            found.add(apps.get_model(name)._meta.label_lower)
        except (LookupError, ValueError):
            errors.append(
                checks.Error(
                    f"{setting} names {name!r}, which is not an installed model.",
                    hint='Name models as "app_label.ModelName"; remove the ones that no longer exist.',
                    id="ogp_cache.E002",
                )
            )
    return found


def check_content_models(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    content = _resolve("CACHE_CONTENT_MODELS", content_model_names(), errors)
    not_content = _resolve("CACHE_NOT_CONTENT_MODELS", _not_content_names(), errors)
    for label in sorted(content & not_content):
        errors.append(
            checks.Error(
                f"{label} is in both CACHE_CONTENT_MODELS and CACHE_NOT_CONTENT_MODELS.",
                id="ogp_cache.E003",
            )
        )
    for model in public_content_models():
        if model._meta.label_lower not in content | not_content:
            errors.append(
                checks.Error(
                    f"{model._meta.label} is public content (it has published() or a kept history) but not in "
                    "CACHE_CONTENT_MODELS: its writes would never make a cached page stale.",
                    hint=f'Add "{model._meta.label}" to CACHE_CONTENT_MODELS in ogp_portal/settings.py '
                    "(or to CACHE_NOT_CONTENT_MODELS if no public page shows it).",
                    obj=model,
                    id="ogp_cache.E001",
                )
            )
    return errors
