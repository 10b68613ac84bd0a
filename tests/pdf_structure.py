"""Reading a tagged PDF's structure tree with pypdf, for the PDF/UA checks of reports and council PDFs."""

from collections.abc import Iterator

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


def _kids(element: DictionaryObject) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids.get_object() if isinstance(kids, IndirectObject) else kids
    return list(kids) if isinstance(kids, ArrayObject) else [kids]


def _walk(element: DictionaryObject) -> Iterator[DictionaryObject]:
    for kid in _kids(element):
        kid = kid.get_object() if isinstance(kid, IndirectObject) else kid
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            yield kid
            yield from _walk(kid)


def struct_elements(reader: PdfReader) -> Iterator[tuple[str, dict]]:
    """(structure type, attribute dictionary) of every structure element, in document order."""
    for element in _walk(reader.trailer["/Root"]["/StructTreeRoot"].get_object()):
        attrs = element.get("/A")
        attrs = attrs.get_object() if attrs is not None else {}
        yield str(element["/S"]), dict(attrs) if isinstance(attrs, DictionaryObject) else {}


def heading_levels(reader: PdfReader) -> list[int]:
    return [int(tag[2:]) for tag, _ in struct_elements(reader) if len(tag) == 3 and tag.startswith("/H")]


def section_titles(reader: PdfReader) -> list[str]:
    """The titles of the H1 headings in order, read from the bookmarks WeasyPrint makes of the headings
    (the structure tree holds marked-content ids, not text); their number must match the H1 elements."""
    top = [" ".join(item.title.split()) for item in reader.outline if not isinstance(item, list)]
    assert len(top) == heading_levels(reader).count(1), (top, heading_levels(reader).count(1))
    return top


def xmp(reader: PdfReader) -> bytes:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data()
