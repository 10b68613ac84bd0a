"""PDF rendering shared by reports, minutes and meeting packs.

WeasyPrint would otherwise fetch any URL a template (or user-entered text that
slipped through) points at, including `file:///etc/passwd` or an internal
network address. The fetcher below serves only the portal's own static and
media files and inline `data:` URLs; everything else is refused.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint import CSS, HTML
from weasyprint.pdf.metadata import DocumentMetadata
from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    pass


def _allowed_roots() -> list[Path]:
    roots = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]
    for finder in finders.get_finders():
        for _prefix, storage in getattr(finder, "locations", []) or []:
            roots.append(Path(storage))
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location))
    return [root.resolve() for root in roots]


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def local_path_for(url: str) -> Path | None:
    """Map a URL to a file the portal itself serves, or None when it must be refused."""
    parts = urlsplit(url)
    roots = _allowed_roots()
    if parts.scheme == "file":
        path = Path(url2pathname(unquote(parts.path))).resolve()
        return path if path.is_file() and _inside(path, roots) else None
    site = urlsplit(settings.SITE_URL)
    if parts.scheme in ("http", "https") and parts.netloc == site.netloc:
        rel = unquote(parts.path)
        if rel.startswith(settings.STATIC_URL):
            try:
                found = finders.find(rel[len(settings.STATIC_URL) :])
            except SuspiciousFileOperation:  # "../" climbing out of a static folder
                return None
            path = Path(found).resolve() if found else None
        elif rel.startswith(settings.MEDIA_URL):
            path = (Path(settings.MEDIA_ROOT) / rel[len(settings.MEDIA_URL) :]).resolve()
        else:
            return None
        return path if path and path.is_file() and _inside(path, roots) else None
    return None


class PortalURLFetcher(URLFetcher):
    """Serves static/media files from disk; refuses every other URL (and never touches the network)."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = local_path_for(url)
        if path is None:
            raise RefusedURL(f"Refused to fetch {url!r}: only the portal's own static and media files are allowed.")
        mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mimetype})


def render_pdf(html: str, *, stylesheets: list[str] | None = None, tagged: bool = True) -> bytes:
    """Render HTML to a (by default tagged, PDF/UA) PDF.

    Relative and `{% static %}` URLs resolve against SITE_URL, which the fetcher
    maps back to files on disk. Document title, language and author come from
    the HTML's <title>, <html lang> and <meta name="author">.
    """
    return render_pdf_with_pages(html, stylesheets=stylesheets, tagged=tagged)[0]


def render_pdf_with_pages(html: str, *, stylesheets: list[str] | None = None, tagged: bool = True) -> tuple[bytes, int]:
    """Like render_pdf, also returning the page count (laid out once, not re-read from the bytes)."""
    document = HTML(string=html, base_url=settings.SITE_URL + "/", url_fetcher=PortalURLFetcher())
    css = [CSS(string=s, base_url=settings.SITE_URL + "/", url_fetcher=PortalURLFetcher()) for s in stylesheets or []]
    options = {"pdf_variant": "pdf/ua-1"} if tagged else {}
    rendered = document.render(stylesheets=css, **options)
    rendered.metadata = XmpWithLanguage.from_metadata(rendered.metadata)
    finisher = scope_table_headers if tagged else None
    return rendered.write_pdf(finisher=finisher, **options), len(rendered.pages)


class XmpWithLanguage(DocumentMetadata):
    """WeasyPrint's XMP plus `dc:language` (PDF/UA-1 asks for it beside the catalog's /Lang)."""

    @classmethod
    def from_metadata(cls, metadata: DocumentMetadata) -> "XmpWithLanguage":
        copy = cls.__new__(cls)
        copy.__dict__.update(metadata.__dict__)
        return copy

    def generate_rdf_metadata(self, *args, **kwargs) -> bytes:
        rdf = super().generate_rdf_metadata(*args, **kwargs)
        if not self.lang:
            return rdf
        language = (
            '<rdf:Description rdf:about=""><dc:language><rdf:Bag>'
            f"<rdf:li>{escape(self.lang)}</rdf:li></rdf:Bag></dc:language></rdf:Description>"
        )
        # WeasyPrint declares the dc and rdf prefixes on the root element it serialises.
        return rdf.replace(b"</rdf:RDF>", language.encode() + b"</rdf:RDF>", 1)


def _boxes(box, in_head: bool = False):
    """Every layout box under `box`, with whether it sits in a table's <thead>."""
    in_head = in_head or getattr(box, "element_tag", None) == "thead"
    yield box, in_head
    for child in getattr(box, "children", ()):
        yield from _boxes(child, in_head)


def scope_table_headers(document, pdf) -> None:
    """Give every TH structure element the /Scope of its HTML `scope` (WeasyPrint writes IDs and Headers
    but no Scope). A header cell without `scope` is a column header in <thead>, a row header elsewhere."""
    for page in document.pages:
        for box, in_head in _boxes(page._page_box):
            element = getattr(box, "mark", None)
            if element is None or box.element_tag != "th":
                continue
            scope = box.element.get("scope") or ("col" if in_head else "row")
            element["A"]["Scope"] = "/Row" if scope == "row" else "/Column"
