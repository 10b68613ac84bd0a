"""The background worker's heartbeat, and the builds that wait too long for it."""

from __future__ import annotations

import datetime
import logging
import threading

from django.db import OperationalError, close_old_connections
from django.utils import timezone

from .models import BuildState, Report, WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 30
# A build takes well under a minute; one queued for longer than this is waiting for a worker.
STALLED_AFTER = datetime.timedelta(minutes=5)


def heartbeat_record(*, worker_id: str, now: datetime.datetime | None = None) -> None:
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id[:64], defaults={"seen_at": now or timezone.now()})


def heartbeat_loop(worker_id: str, stop: threading.Event) -> None:
    """After the first (the caller's), a heartbeat every HEARTBEAT_SECONDS until `stop` is set; a locked
    database (SQLite, the worker claiming a task) waits a turn."""
    while not stop.wait(HEARTBEAT_SECONDS):
        try:
            heartbeat_record(worker_id=worker_id)
        except OperationalError as error:
            logger.warning("worker heartbeat not recorded: %s", error)
        finally:
            close_old_connections()


def stalled_builds(now: datetime.datetime | None = None):
    """Builds still queued after STALLED_AFTER."""
    now = now or timezone.now()
    return Report.objects.filter(state=BuildState.QUEUED, requested_at__lt=now - STALLED_AFTER)


def last_heartbeat() -> datetime.datetime | None:
    return WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
