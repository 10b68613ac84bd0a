"""The worker's write: render a requested report and store its PDF with its hash.

Kept apart from reports/services.py (which requests, rebuilds and publishes) so that the queue sits
between the two: services → tasks → build, and nothing here imports the services or the task.
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .models import BuildState, Report

logger = logging.getLogger(__name__)


def report_build(*, report_id: int) -> Report:
    """Render the PDF and store it with its hash (what the worker runs)."""
    # weasyprint takes a while to import; only the worker's process needs it.
    from .rendering import render_report

    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("plan").get(pk=report_id)
        if report.file:
            # Already built: a stored PDF is never replaced (a new build is a new version).
            return report
        report.state = BuildState.RUNNING
        report.error = ""
        report.save(update_fields=["state", "error"])
    try:
        rendered = render_report(
            plan=report.plan, kind=report.kind, language=report.language, as_of=report.as_of, version=report.version
        )
    except Exception as exc:
        logger.exception("Report %s failed to build", report_id)
        Report.objects.filter(pk=report_id).update(state=BuildState.FAILED, error=f"{type(exc).__name__}: {exc}")
        raise
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("plan").get(pk=report_id)
        if report.file:
            return report
        report.sha256 = hashlib.sha256(rendered.pdf).hexdigest()
        report.size = len(rendered.pdf)
        report.page_count = rendered.pages
        report.built_at = timezone.now()
        report.state = BuildState.DONE
        report.file.save(report.download_filename(), ContentFile(rendered.pdf), save=False)
        try:
            report.full_clean()
            report.save()
        except Exception:
            report.file.delete(save=False)
            raise
    return report


def stored_hash(report: Report) -> str:
    digest = hashlib.sha256()
    with report.file.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
