"""The main part of a public page, rendered once and shared until content changes.

The whole-page cache (ogp_portal/cache/pages.py) serves anonymous visitors only, and only for the exact
URL. Everyone else renders the page: signed-in staff and institution editors, visitors with a
session cookie, and any query the page understands that nobody asked for before (a filter, a search;
parameters it does not understand never reach the view, ogp_portal/cache/keys.py). Parts rendered for
a request with a query are bounded in number (ogp_portal/cache/bounds.py).

For them the expensive part of a page, its queries and the template of its main content, is kept
here: keyed by page, language and today's date, stored under the content generation, so the first
write to any content makes every part stale at once, exactly like the page cache. A part also carries
the page title and the breadcrumbs, so that a page whose part is cached runs no query at all.

A part is rendered without the request and without context processors, so it cannot hold anything
that depends on the visitor (a user name, a CSRF token, a CSP nonce); what it shows must come from
the context its view passes. A page that does not exist raises Http404 from the context function:
nothing is stored, and the next request asks the database again.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ogp_portal.cache import content_cached


@dataclass(frozen=True)
class Part:
    body: SafeString
    title: str = ""
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)
    # The page's meta description (plain text) and what its <head> adds (HTML: e.g. feed links).
    description: str = ""
    head: SafeString = SafeString("")


def _enabled() -> bool:
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", True)


def _part_key(name: str, *key: object) -> str:
    # The date is part of the key because parts say what is overdue today.
    parts = [name, *(str(k) for k in key), translation.get_language() or "", timezone.localdate().isoformat()]
    # "v2": a part holds its description and head too; entries of the older shape are never read.
    return "part:v2:" + ":".join(parts)


def render_part(
    name: str,
    *key: object,
    template: str,
    context: Callable[[], dict],
    title: Callable[[dict], str] | None = None,
    breadcrumbs: Callable[[dict], list[tuple[str, str]]] | None = None,
    description: Callable[[dict], str] | None = None,
    head: str | None = None,
) -> Part:
    """`template` rendered with `context()` (and the title and breadcrumbs taken from that context),
    computed only when no current copy is cached.

    `name` and `key` must identify everything the part depends on besides the content, the
    language and the date (a plan's slug, the page number of a list, a normalised query).
    `head` is a template rendered with the same context for the page's <head> (its feed links).
    """

    def render() -> tuple[str, str, list, str, str]:
        values = context()
        return (
            str(render_to_string(template, values)),
            str(title(values)) if title else "",
            # Labels as HTML (a title may carry a lang="en" span), escaped here when they are plain text.
            [(str(conditional_escape(label)), str(url)) for label, url in breadcrumbs(values)] if breadcrumbs else [],
            " ".join(str(description(values)).split()) if description else "",
            str(render_to_string(head, values)).strip() if head else "",
        )

    rendered = render() if not _enabled() else content_cached(_part_key(name, *key), render, family=name)
    body, page_title, crumbs, page_description, head_html = rendered
    # The cache holds plain strings. The body and the breadcrumb labels are HTML made (and escaped) by
    # render() above; the title is plain text, escaped where the page prints it.
    return Part(
        body=mark_safe(body),
        title=page_title,
        breadcrumbs=[(mark_safe(label), url) for label, url in crumbs],
        description=page_description,
        head=mark_safe(head_html),
    )


def render_page(request, part: Part, template: str = "portal/public_page.html") -> HttpResponse:
    """A public page around its part: the site's header, navigation and footer."""
    return render(request, template, {"part": part, "breadcrumbs": part.breadcrumbs})


def home_crumbs(*sections: tuple[str, str]) -> list[tuple[str, str]]:
    """Breadcrumbs from the home page through `sections` ((label, URL name) pairs)."""
    return [(_("Home"), reverse("portal:home"))] + [(label, reverse(name)) for label, name in sections]
