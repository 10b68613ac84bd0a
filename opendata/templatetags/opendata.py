"""Template helpers for other apps' pages.

{% load opendata %}
{% opendata_download_links "measures" params=request.GET %}   {# CSV, XLSX, JSON with sizes #}
{% opendata_list_downloads "measures" query=download_query rows=page.paginator.count %}  {# a list's block #}
{% opendata_download_link "plans" "csv" as link %}<a href="{{ link.url }}">{{ link.text }}</a>
{% block head %}{% opendata_feed_links plan=plan %}{% endblock %}  {# <link rel="alternate"> #}
{% opendata_feed_links "meetings" %}  {# the site-wide feeds named (opendata.feeds.catalogue) #}
"""

from django import template
from django.urls import reverse

from opendata.downloads import download_link, download_links, list_download_links
from opendata.feeds.catalogue import SITE_FEEDS, site_feeds

register = template.Library()


@register.simple_tag(takes_context=True)
def opendata_download_link(context, dataset, fmt, params=None, size=True):
    return download_link(dataset, fmt, request=context.get("request"), params=params, size=size)


@register.inclusion_tag("opendata/includes/download_links.html", takes_context=True)
def opendata_download_links(context, dataset, params=None, size=True):
    return {"links": download_links(dataset, request=context.get("request"), params=params, size=size)}


@register.inclusion_tag("ui/includes/list_downloads.html", takes_context=True)
def opendata_list_downloads(context, dataset, query="", rows=0, title=""):
    """A public list's downloads: `query` is the list's own query string less its page (ui.canonical)."""
    return {
        "title": title,
        "links": list_download_links(dataset, query=query, rows=rows, request=context.get("request")),
        "about_url": reverse("opendata:index"),
    }


@register.inclusion_tag("opendata/includes/feed_links.html")
def opendata_feed_links(*kinds, plan=None, institution=None):
    """Atom <link rel="alternate"> tags for the site, a plan or an institution (for the page's <head>);
    with `kinds`, those site-wide feeds (e.g. "meetings")."""
    if kinds:
        return {"feeds": site_feeds(*kinds)}
    if plan is not None:
        suffix, kwargs, name = "-plan", {"slug": plan.slug}, str(plan)
    elif institution is not None:
        suffix, kwargs, name = "-institution", {"slug": institution.slug}, str(institution)
    else:
        suffix, kwargs, name = "", {}, ""
    feeds = [
        (SITE_FEEDS[kind][1], reverse(f"{SITE_FEEDS[kind][0]}{suffix}", kwargs=kwargs))
        for kind in ("progress", "status")
    ]
    return {"feeds": [{"title": f"{title}: {name}" if name else title, "url": url} for title, url in feeds]}
