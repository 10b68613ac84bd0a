"""The open-data feeds' frame: site-wide, or narrowed to one plan or one institution; with the data's rights."""

import datetime

from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse

from institutions.models import Institution
from ogp_portal.feeds import PortalFeed, content_epoch
from plans.models import ActionPlan

from .. import conf
from .catalogue import SITE_FEEDS

ITEMS = 50


def page(obj) -> str:
    """The object's public page, or the open-data page when the portal does not have that page."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return reverse("opendata:index")


class OpendataFeed(PortalFeed):
    def title(self, obj=None):
        return str(SITE_FEEDS[self.kind][1])

    def feed_copyright(self):
        licence = conf.licence()
        return f"{licence.title} ({licence.id}) {licence.url}".strip()


class ScopedFeed(OpendataFeed):
    """Site-wide; the plan and institution subclasses narrow it to one plan or institution."""

    scope = "site"

    def get_object(self, request, slug=None):
        if self.scope == "plan":
            return get_object_or_404(ActionPlan.objects.published(), slug=slug)
        if self.scope == "institution":
            return get_object_or_404(Institution, slug=slug)
        return None

    def scope_parts(self, obj) -> tuple:
        # The primary key, not the slug: a renamed plan keeps its feed.
        return () if obj is None else (self.scope, obj.pk)

    def link(self, obj):
        return reverse("opendata:index") if obj is None else page(obj)

    def title(self, obj=None):
        kind = super().title()
        return kind if obj is None else f"{kind}: {obj}"

    def empty_updated(self, obj) -> datetime.datetime:
        """The scope's own last change (a query only for an empty feed), else the content epoch."""
        if obj is None:
            return content_epoch()
        last = obj.history.order_by("-history_date").values_list("history_date", flat=True).first()
        return last or content_epoch()
