"""What every Atom feed of the portal shares: its publisher, stable identifiers, a stable `updated`, CORS.

Identifiers are tag URIs (RFC 4151) under one fixed authority and date (settings FEED_TAG_AUTHORITY and
FEED_TAG_DATE), built from what a feed or entry is, never from the address it was fetched at: a reader
that follows the Latvian and the English feed, or reaches the portal under two host names, sees each
entry once. Each feed (kind, scope, language) has its own id.

An empty feed's `updated` is a time of the content (its scope's last change, else the content epoch, the
tag date), never the time of the request: readers would otherwise think it changed at every fetch.
"""

import datetime
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

ATOM_TYPE = "application/atom+xml"
DEFAULT_TAG_AUTHORITY = "ogp-portal"
DEFAULT_TAG_DATE = "2026-01-01"


def tag_authority() -> str:
    """The fixed authority of the tag URIs: the setting, else SITE_URL's domain name, else the portal's name
    (a development address, an IP address or "localhost", names no one)."""
    configured = getattr(settings, "FEED_TAG_AUTHORITY", "")
    if configured:
        return configured
    host = urlsplit(getattr(settings, "SITE_URL", "")).hostname or ""
    if "." not in host or host.replace(".", "").isdigit() or ":" in host:
        return DEFAULT_TAG_AUTHORITY
    return host


def tag_date() -> str:
    return getattr(settings, "FEED_TAG_DATE", "") or DEFAULT_TAG_DATE


def tag_uri(*parts) -> str:
    """tag:<authority>,<date>:<part>/<part>/... (parts are kinds, numbers and language codes)."""
    return f"tag:{tag_authority()},{tag_date()}:" + "/".join(str(part) for part in parts)


def content_epoch() -> datetime.datetime:
    """The `updated` of an empty feed whose scope has no change of its own: the tag date, midnight UTC."""
    return datetime.datetime.combine(datetime.date.fromisoformat(tag_date()), datetime.time(), tzinfo=datetime.UTC)


def start_of_day(day: datetime.date) -> datetime.datetime:
    """A date as a time for `updated`/`published`: the start of that day in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class PortalAtom1Feed(Atom1Feed):
    """Atom with a typed self link and a stable `updated` for an empty feed (`empty_updated`, a callable)."""

    content_type = f"{ATOM_TYPE}; charset=utf-8"

    def __init__(self, *args, feed_url=None, empty_updated: Callable[[], datetime.datetime] = content_epoch, **kw):
        # Django writes the self link without a type; this class writes it with one (add_root_elements).
        super().__init__(*args, **kw)
        self.self_url = feed_url
        self.empty_updated = empty_updated

    def latest_post_date(self):
        if not self.items:
            return self.empty_updated()
        return super().latest_post_date()

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.self_url:
            handler.addQuickElement("link", "", {"rel": "self", "type": ATOM_TYPE, "href": self.self_url})


class PortalFeed(Feed):
    """A feed of the portal: `kind` names it in its id; `scope_parts(obj)` names its scope (none: site-wide)."""

    feed_type = PortalAtom1Feed
    kind = ""

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Public, read-only, no cookies needed: any web page may read the feed, as it may the downloads.
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def author_name(self):
        return _("State Chancellery")

    def author_link(self):
        return getattr(settings, "SITE_URL", "").rstrip("/") + reverse("portal:home")

    def scope_parts(self, obj) -> tuple:
        return ()

    def feed_guid(self, obj):
        return tag_uri("feed", self.kind, *self.scope_parts(obj), get_language())

    def empty_updated(self, obj) -> datetime.datetime:
        return content_epoch()

    def feed_extra_kwargs(self, obj):
        return {"empty_updated": lambda: self.empty_updated(obj)}
