"""The Atom feed of published reports: each published version of a report, newest first.

Only `published()` reports: a finished build nobody published, or the report of a plan no longer public,
is in no feed.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from ogp_portal.feeds import PortalFeed, tag_uri

from .models import Report

ITEMS = 50


class ReportFeed(PortalFeed):
    kind = "reports"

    def title(self):
        return _("Published reports")

    def subtitle(self):
        return _("Mid-term, end-of-term and refresh reports on the action plans, as PDF, as they are published.")

    def link(self):
        return reverse("reports:list")

    def items(self):
        return Report.objects.published().select_related("plan").order_by("-published_at", "-pk")[:ITEMS]

    def item_title(self, report):
        title = f"{report.plan} — {report.get_kind_display()} ({report.get_language_display()})"
        if report.version > 1:
            title += ", " + _("version %(v)s") % {"v": report.version}
        return title

    def item_guid(self, report):
        return tag_uri("report", report.pk)

    def item_pubdate(self, report):
        return report.published_at

    def item_updateddate(self, report):
        # A published PDF is never rewritten (a correction is the next version): it changes only when published.
        return report.published_at
