"""Download links that say their format and size ("Lejupielādēt CSV (12 KB)"), for any page.

Knowing the size means rendering the file. The exports of one request share
one memo, so a page that shows CSV, XLSX and JSON links for a dataset runs that
dataset's queries once; the sizes are then kept in the cache until the content
changes. Pages that cannot afford even one rendering pass `size=False`.
"""

import hashlib
from dataclasses import dataclass

from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ogp_portal.cache import content_cached

from .exports import EXPORTS, FORMATS


@dataclass(frozen=True)
class DownloadLink:
    url: str
    format_label: str
    size: int | None
    filename: str = ""

    @property
    def size_label(self) -> str:
        return human_size(self.size) if self.size is not None else ""

    @property
    def text(self) -> str:
        if self.size is None:
            return _("Download %(format)s") % {"format": self.format_label}
        return _("Download %(format)s (%(size)s)") % {"format": self.format_label, "size": self.size_label}


def human_size(size: int) -> str:
    if size < 1024:
        return _("%(size)s B") % {"size": size}
    if size < 1024 * 1024:
        return _("%(size)s KB") % {"size": number_format(round(size / 1024), force_grouping=True)}
    return _("%(size)s MB") % {"size": number_format(round(size / (1024 * 1024), 1), 1)}


def _request_memo(request: HttpRequest | None) -> dict:
    if request is None:
        return {}
    if not hasattr(request, "_opendata_memo"):
        request._opendata_memo = {}
    return request._opendata_memo


def download_link(
    dataset: str, fmt: str, *, request: HttpRequest | None = None, params: QueryDict | None = None, size: bool = True
) -> DownloadLink:
    """The link to one dataset in one format; `params` narrows filterable datasets (e.g. request.GET)."""
    export_class = EXPORTS[dataset]
    params = params if params is not None else QueryDict()
    url = reverse("opendata:download", kwargs={"dataset": dataset, "fmt": fmt})
    query = params.urlencode()
    if query:
        url = f"{url}?{query}"
    if not size:
        return DownloadLink(url=url, format_label=FORMATS[fmt].label, size=None)
    memo = _request_memo(request)
    export = export_class(fmt, params=params, memo=memo)
    sizes = memo.setdefault("sizes", {})
    key = (*export.memo_key(), fmt)
    if key not in sizes:
        sizes[key] = _shared_size(export, fmt)
    length, filename = sizes[key]
    return DownloadLink(url=url, format_label=FORMATS[fmt].label, size=length, filename=filename)


def _shared_size(export, fmt: str) -> tuple[int, str]:
    """(size, file name), shared between requests until the content changes.

    Rendering every dataset in every format takes seconds on a large portal; the
    sizes only change when content does.
    """
    parts = "\n".join(map(str, (*export.memo_key(), fmt, export.today)))

    def render() -> tuple[int, str]:
        filename, _mimetype, data = export.render()
        return len(data), filename

    return content_cached("opendata:size:" + hashlib.sha256(parts.encode()).hexdigest(), render)


def download_links(dataset: str, **kwargs) -> list[DownloadLink]:
    return [download_link(dataset, fmt, **kwargs) for fmt in FORMATS]
