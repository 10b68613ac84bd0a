"""What makes the caches stale: a write to a content model, i.e. one named in settings.CACHE_CONTENT_MODELS.

The list is explicit so that infrastructure writes (sessions, logins, admin log, task results, reminders)
never flush the caches, and the system check in checks.py keeps it complete: a model the public sees
(it has a published() queryset method, or its history is kept) that is missing from it fails `check`.

Writes that bypass model signals (`QuerySet.update()`, `bulk_create()`, raw SQL) must call
`invalidate_public_pages()` themselves, or run inside `bulk_changes()`.

Signals are used here, against the project's "no logic in signals" rule, because this is infrastructure,
not business logic: invalidation must follow *every* write, whichever service, admin action, import or
command made it, and the services should not have to know that a cache exists.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import lru_cache

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import m2m_changed, post_delete, post_save

from .generation import invalidate_public_pages


def content_model_names() -> tuple[str, ...]:
    """The content models, as "app_label.ModelName" strings."""
    return tuple(getattr(settings, "CACHE_CONTENT_MODELS", ()))


@lru_cache(maxsize=8)
def _lowered(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(name.lower() for name in names)


def is_content(model) -> bool:
    """Whether a write to `model` changes what the public sees (an automatic m2m table counts as its owner)."""
    meta = model._meta
    if meta.auto_created:
        return is_content(meta.auto_created)
    return meta.concrete_model._meta.label_lower in _lowered(content_model_names())


_deferred = threading.local()


@contextmanager
def bulk_changes(*, using: str = DEFAULT_DB_ALIAS):
    """Invalidate once for a whole batch of writes (imports, data generation) instead of once per row.

    Use it outside the batch's transaction, so that the single bump follows the commit.
    """
    depth = getattr(_deferred, "depth", 0)
    _deferred.depth = depth + 1
    try:
        yield
    finally:
        _deferred.depth = depth
        if depth == 0:
            invalidate_public_pages(using=using)


def _on_write(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # loaddata: the loader invalidates once at the end, not per row
    if getattr(_deferred, "depth", 0):
        return  # inside bulk_changes(): bumped once when it ends
    if is_content(sender):
        invalidate_public_pages(using=using)


def _on_m2m_change(sender, action, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    if action.startswith("post_"):
        _on_write(sender, using=using)


def connect() -> None:
    """Follow every write in this process (web, worker, commands); called by the app's ready()."""
    post_save.connect(_on_write, dispatch_uid="page_cache_post_save")
    post_delete.connect(_on_write, dispatch_uid="page_cache_post_delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="page_cache_m2m_changed")
