"""The site-wide feeds, each once: its URL name and title, for /dati/ and the pages' autodiscovery links.

The reports' feed belongs to the reports app; it is named here by its URL name only.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

SITE_FEEDS = {
    "progress": ("opendata:feed-progress", _("Approved progress reports")),
    "status": ("opendata:feed-status", _("Measure status changes")),
    "meetings": ("opendata:feed-meetings", _("Supervisory council meetings")),
    "consultations": ("opendata:feed-consultations", _("Public consultations")),
    "reports": ("reports:feed", _("Published reports")),
}


def site_feeds(*kinds: str) -> list[dict]:
    """[{kind, title, url}] of these kinds (all when none is named), in the language of the request."""
    return [
        {"kind": kind, "title": str(SITE_FEEDS[kind][1]), "url": reverse(SITE_FEEDS[kind][0])}
        for kind in kinds or SITE_FEEDS
    ]
