"""Writes for reports: request a build, publish it. A stored PDF is never rewritten.

The build itself is the worker's (reports/build.py, run by reports/tasks.py): services queue it,
the task runs it, and nothing below imports the services back.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from ogp_portal.cache import invalidate_public_pages
from plans.models import ActionPlan

from .build import stored_hash
from .models import BuildState, Report
from .tasks import build_report_task

logger = logging.getLogger(__name__)


@transaction.atomic
def report_request_build(*, plan: ActionPlan, kind: str, language: str, as_of, user) -> Report:
    """Create the next version of the plan's report and queue its build for the worker."""
    if not policy.can_build_reports(user):
        raise PermissionDenied
    # Lock the plan row so two requests cannot both take the same next version number.
    ActionPlan.objects.select_for_update().get(pk=plan.pk)
    last = Report.objects.filter(plan=plan, kind=kind, language=language).aggregate(v=Max("version"))["v"]
    report = Report(
        plan=plan,
        kind=kind,
        language=language,
        as_of=as_of,
        version=(last or 0) + 1,
        requested_by=user if user and user.is_authenticated else None,
    )
    report.full_clean()
    report.save()
    transaction.on_commit(lambda: _enqueue(report.pk))
    return report


def _enqueue(report_id: int) -> None:
    result = build_report_task.enqueue(report_id)
    # The immediate backend has already run the build by now; only remember the id.
    Report.objects.filter(pk=report_id, task_id="").update(task_id=str(result.id))


def report_rebuild(*, report: Report, user) -> Report:
    """Regenerate as a new version with the same plan, kind, language and as-of date."""
    return report_request_build(
        plan=report.plan, kind=report.kind, language=report.language, as_of=report.as_of, user=user
    )


@transaction.atomic
def report_publish(*, report: Report, user) -> Report:
    """Make a finished build public, recording who published it and when."""
    if not policy.can_publish(user):
        raise PermissionDenied
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.published_at is not None:
        raise ValidationError(_("This report is already published."))
    if report.state != BuildState.DONE or not report.file:
        raise ValidationError(_("Only a report whose build is done can be published."))
    if stored_hash(report) != report.sha256:
        raise ValidationError(_("The stored PDF does not match its SHA-256; build a new version."))
    report.published_at = timezone.now()
    report.published_by = user
    report.full_clean()
    report.save(update_fields=["published_at", "published_by"])
    # Reports are not history-tracked content, so the page cache does not see this write by itself.
    invalidate_public_pages()
    return report
