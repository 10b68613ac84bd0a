"""Binding the meeting pack: the generated (tagged, PDF/UA) part, then the uploaded PDFs as they are.

pypdf rewrites the file: left alone it would write a `%PDF-1.3` header under a PDF 1.7 document.
Here the generated part keeps its version, its structure tree (with the header cells' /Scope that
ogp_portal.pdf adds), its XMP metadata, language and title.

Uploaded PDFs cannot be tagged here: their pages are appended without their own structure (their
/StructParents would point into a structure tree the pack does not have). So a pack with appended
pages is not PDF/UA: its XMP drops the PDF/UA claim and says, as the document's description
(also the /Subject), which pages are untagged; the contents page of the pack says so too.
"""

import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError
from pypdf.generic import DictionaryObject, NameObject, StreamObject

# PDF/UA identification in WeasyPrint's XMP (attribute form) or in element form.
_PDFUA_CLAIM = re.compile(r"""\s+pdfuaid:part=["']\d+["']|<pdfuaid:part>\d+</pdfuaid:part>""")


@dataclass
class Appendix:
    title: str
    reader: PdfReader


@dataclass
class AppendedRange:
    title: str
    first_page: int  # 1-based, as a reader counts pages
    last_page: int


def _strip_structure_references(writer: PdfWriter, first_index: int) -> None:
    """An appended tagged file's annotations keep their /StructParent (pypdf drops only the pages'
    /StructParents): a key into the pack's own parent tree, where it names a wrong element. Removed,
    the appended pages are plainly untagged."""
    for page in writer.pages[first_index:]:
        page.pop(NameObject("/StructParents"), None)
        for annotation in page.get("/Annots", None) or []:
            annotation = annotation.get_object()
            if isinstance(annotation, DictionaryObject):
                annotation.pop(NameObject("/StructParent"), None)


def _describe_in_xmp(writer: PdfWriter, description: str) -> None:
    """Drop the PDF/UA claim and add dc:description, keeping everything else the generated part's XMP says."""
    metadata = writer.root_object.get("/Metadata")
    if metadata is None:
        return
    stream = metadata.get_object()
    if not isinstance(stream, StreamObject):
        return
    xmp = stream.get_data().decode("utf-8")
    xmp = _PDFUA_CLAIM.sub("", xmp)
    element = (
        '<rdf:Description rdf:about=""><dc:description><rdf:Alt>'
        f'<rdf:li xml:lang="x-default">{escape(description)}</rdf:li>'
        "</rdf:Alt></dc:description></rdf:Description>"
    )
    if 'xmlns:dc="' not in xmp:
        element = element.replace("<rdf:Description ", '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" ')
    xmp = xmp.replace("</rdf:RDF>", element + "</rdf:RDF>", 1)
    stream.set_data(xmp.encode("utf-8"))


def bind_pack(
    main: bytes,
    appendices: list[Appendix],
    *,
    parent_title: str,
    describe_untagged,
) -> tuple[bytes, list[AppendedRange], list[tuple[Appendix, str]]]:
    """The generated part followed by each appendix with a bookmark.

    `describe_untagged(ranges)` gives the sentence for the metadata when pages were appended.
    Returns the PDF, the appended page ranges and the appendices that failed (with the error).
    """
    writer = PdfWriter(clone_from=io.BytesIO(main))
    # Cloning resets the header to 1.3; appending raises it to an appended file's newer version (e.g. 2.0).
    writer.pdf_header = main[: main.index(b"\n")].strip()
    ranges: list[AppendedRange] = []
    failed: list[tuple[Appendix, str]] = []
    parent = None
    for appendix in appendices:
        start = len(writer.pages)
        try:
            writer.append(appendix.reader, import_outline=False)
        except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
            # Inspection read every page; should appending still fail, the list says so rather than the pack failing.
            failed.append((appendix, str(error)))
            continue
        _strip_structure_references(writer, start)
        if parent is None:
            parent = writer.add_outline_item(title=parent_title, page_number=start)
        number = len(ranges) + 1
        writer.add_outline_item(title=f"{number}. {appendix.title}", page_number=start, parent=parent)
        ranges.append(AppendedRange(appendix.title, start + 1, len(writer.pages)))
    if ranges:
        description = describe_untagged(ranges)
        _describe_in_xmp(writer, description)
        writer.add_metadata({"/Subject": description})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), ranges, failed
