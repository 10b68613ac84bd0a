"""Reading a tagged PDF's structure tree with pypdf, for the PDF/UA checks of reports and council PDFs."""

import io
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


class PdfStructure:
    """What a test checks of a PDF's accessibility structure, read with pypdf: the header version, the
    structure tree's roles in reading order, the /Scope of each header cell, the XMP packet, the pages
    that hold structure references (/StructParents)."""

    def __init__(self, content: bytes):
        self.header = content[: content.index(b"\n")].strip().decode()
        self.reader = PdfReader(io.BytesIO(content))
        root = self.reader.trailer["/Root"]
        self.marked = bool(root.get("/MarkInfo", {}).get("/Marked", False))
        self.language = str(root.get("/Lang", ""))
        metadata = root.get("/Metadata")
        self.xmp = metadata.get_object().get_data().decode("utf-8") if metadata is not None else ""
        self.roles: list[str] = []
        self.header_scopes: list[str | None] = []
        tree = root.get("/StructTreeRoot")
        self.has_structure_tree = tree is not None
        if tree is not None:
            self._walk(tree.get_object())
        self.tagged_pages = [i for i, page in enumerate(self.reader.pages) if "/StructParents" in page]

    def _walk(self, element) -> None:
        for kid in _walk(element):
            role = str(kid["/S"])
            self.roles.append(role)
            if role == "/TH":
                self.header_scopes.append(self._scope(kid))

    @staticmethod
    def _scope(cell) -> str | None:
        attributes = cell.get("/A")
        attributes = attributes.get_object() if attributes is not None else []
        for candidate in attributes if isinstance(attributes, list) else [attributes]:
            candidate = candidate.get_object()
            if candidate.get("/O") == "/Table" and "/Scope" in candidate:
                return str(candidate["/Scope"])
        return None

    @property
    def heading_levels(self) -> list[int]:
        return [int(role[2:]) for role in self.roles if len(role) == 3 and role.startswith("/H") and role[2].isdigit()]

    def heading_problems(self) -> list[str]:
        """Empty when headings start at H1 and never skip a level going down."""
        levels = self.heading_levels
        if not levels:
            return ["no headings"]
        problems = [] if levels[0] == 1 else [f"the first heading is H{levels[0]}"]
        problems += [f"H{a} is followed by H{b}" for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        return problems
