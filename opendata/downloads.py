"""Download links that say their format and size ("Lejupielādēt CSV (12 KB)"), for any page.

Knowing the size means rendering the file. The exports of one request share
one memo, so a page that shows CSV, XLSX and JSON links for a dataset runs that
dataset's queries once; the sizes are then kept in the cache until the content
changes. Pages that cannot afford even one rendering pass `size=False`.

A public list's links (`list_download_links`) give the list as filtered, all its pages. Their size
is not rendered per filter: a search is any words, and rendering every file of every search would cost
each new address seconds on a large portal. The number of rows is exact (the page counted them with the
same filter); the size is exact for the whole dataset (the cached file of the open-data page) and for
an empty result (the header row alone, which needs no query), and otherwise "about": the header row
plus the whole dataset's average bytes per row times the rows.
"""

import dataclasses
import hashlib
from dataclasses import dataclass

from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ogp_portal.cache import content_cached

from .exports import EXPORTS, FORMATS


@dataclass(frozen=True)
class DownloadLink:
    url: str
    format_label: str
    size: int | None
    filename: str = ""
    rows: int | None = None  # set on a list's links: the rows the file holds
    approximate: bool = False

    @property
    def size_label(self) -> str:
        if self.size is None:
            return ""
        if self.approximate:
            return _("about %(size)s") % {"size": human_size(self.size)}
        return human_size(self.size)

    @property
    def text(self) -> str:
        if self.size is None:
            return _("Download %(format)s") % {"format": self.format_label}
        return _("Download %(format)s (%(size)s)") % {"format": self.format_label, "size": self.size_label}

    @property
    def list_text(self) -> str:
        """The format, the rows and the size: "CSV, all 120 rows (about 48 KB)"."""
        values = {"format": self.format_label, "rows": self.rows, "size": self.size_label}
        if not self.rows:
            return _("%(format)s, column names only, no rows (%(size)s)") % values
        return (
            ngettext("%(format)s, %(rows)s row (%(size)s)", "%(format)s, all %(rows)s rows (%(size)s)", self.rows)
            % values
        )


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
    length, filename, _rows, _empty = _figures(export_class, fmt, params, _request_memo(request))
    return DownloadLink(url=url, format_label=FORMATS[fmt].label, size=length, filename=filename)


def _figures(export_class, fmt: str, params: QueryDict, memo: dict) -> tuple[int, str, int, int]:
    export = export_class(fmt, params=params, memo=memo)
    sizes = memo.setdefault("sizes", {})
    key = (*export.memo_key(), fmt)
    if key not in sizes:
        sizes[key] = _shared_figures(export, fmt)
    return sizes[key]


def _shared_figures(export, fmt: str) -> tuple[int, str, int, int]:
    """(size, file name, rows, size of the header row alone), shared between requests until the content changes.

    Rendering every dataset in every format takes seconds on a large portal; the
    sizes only change when content does.
    """
    parts = "\n".join(map(str, (*export.memo_key(), fmt, export.today)))

    def render() -> tuple[int, str, int, int]:
        filename, _mimetype, data = export.render()
        table = export.table()  # memoised by render()
        empty = export.format.write(dataclasses.replace(table, rows=[]))
        return len(data), filename, len(table.rows), len(empty)

    return content_cached("opendata:figures:" + hashlib.sha256(parts.encode()).hexdigest(), render)


def download_links(dataset: str, **kwargs) -> list[DownloadLink]:
    return [download_link(dataset, fmt, **kwargs) for fmt in FORMATS]


def list_download_links(
    dataset: str, *, query: str, rows: int, request: HttpRequest | None = None
) -> list[DownloadLink]:
    """A public list's links: the dataset narrowed by the list's own query string (its filters, words and
    sort, never its page), with the number of rows the list counted."""
    # Parts are rendered without a request: the formats still share one memo, so one rendering of the table.
    memo = _request_memo(request) if request is not None else {}
    links = []
    for fmt in FORMATS:
        whole, filename, whole_rows, empty = _figures(EXPORTS[dataset], fmt, QueryDict(), memo)
        if not query:
            size, approximate = whole, False
        elif not rows:
            size, approximate = empty, False
        else:
            size, approximate = empty + round((whole - empty) * rows / max(whole_rows, 1)), True
        url = reverse("opendata:download", kwargs={"dataset": dataset, "fmt": fmt}) + (f"?{query}" if query else "")
        links.append(
            DownloadLink(
                url=url,
                format_label=FORMATS[fmt].label,
                size=size,
                filename=filename,
                rows=rows,
                approximate=approximate,
            )
        )
    return links
