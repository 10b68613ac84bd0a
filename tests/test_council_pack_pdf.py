"""Binding the meeting pack (council/pack_pdf.py): the generated part keeps its version, structure and XMP;
header cells keep their scope; appended pages are untagged and the metadata says which, without a PDF/UA claim."""

import io

from django.test import SimpleTestCase
from pypdf import PdfReader

from council.pack_pdf import Appendix, bind_pack
from ogp_portal.pdf import render_pdf
from tests.pdf_structure import PdfStructure

GENERATED = """<!doctype html><html lang="lv"><head><meta charset="utf-8"><title>Sēdes materiāli</title></head><body>
<h1>Sēdes materiāli</h1><h2>Pa apņemšanām</h2>
<table><thead><tr><th scope="col">Apņemšanās</th><th scope="col">Pasākumi</th></tr></thead>
<tbody><tr><th scope="row">1. Līdzdalība</th><td>4</td></tr><tr><th scope="row">2. Jaunieši</th><td>3</td></tr></tbody>
</table></body></html>"""


def describe(ranges) -> str:
    return "Untagged: " + "; ".join(f"{r.first_page}-{r.last_page} {r.title}" for r in ranges)


class BindPackTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.main = render_pdf(GENERATED)
        # Itself tagged, with a link annotation: its structure references must go.
        cls.appendix = render_pdf(
            "<html lang='lv'><head><title>Prezentācija</title></head><body><p>Prezentācijas slaids "
            "<a href='http://127.0.0.1:8000/padome/'>padome</a></p></body></html>"
        )
        cls.alone, cls.alone_ranges, _failed = bind_pack(cls.main, [], parent_title="X", describe_untagged=describe)
        cls.bound, cls.ranges, cls.failed = bind_pack(
            cls.main,
            [Appendix("Prezentācija", PdfReader(io.BytesIO(cls.appendix)))],
            parent_title="Pievienotie dokumenti",
            describe_untagged=describe,
        )

    def test_the_generated_part_keeps_its_version_structure_and_xmp(self):
        original = PdfStructure(self.main)
        for content in (self.alone, self.bound):
            structure = PdfStructure(content)
            self.assertEqual(original.header, "%PDF-1.7")
            self.assertEqual(structure.header, original.header)
            self.assertTrue(structure.has_structure_tree and structure.marked)
            self.assertEqual(structure.roles, original.roles)
            self.assertEqual(structure.language, "lv")
            self.assertIn("<dc:title>", structure.xmp)
        # With nothing appended, the XMP is carried over as it was, PDF/UA claim included.
        self.assertEqual(PdfStructure(self.alone).xmp, original.xmp)
        self.assertIn('pdfuaid:part="1"', original.xmp)

    def test_every_header_cell_keeps_its_scope(self):
        for content in (self.main, self.alone, self.bound):
            self.assertEqual(PdfStructure(content).header_scopes, ["/Column", "/Column", "/Row", "/Row"])

    def test_appended_pages_are_untagged_and_the_metadata_says_which(self):
        structure = PdfStructure(self.bound)
        self.assertEqual(len(structure.reader.pages), 2)
        self.assertEqual(structure.tagged_pages, [0])
        annotations = [a.get_object() for a in structure.reader.pages[1].get("/Annots", [])]
        self.assertEqual(len(annotations), 1)
        self.assertNotIn("/StructParent", annotations[0])
        self.assertEqual([(r.first_page, r.last_page) for r in self.ranges], [(2, 2)])
        self.assertEqual(self.failed, [])
        self.assertNotIn("pdfuaid:part", structure.xmp)
        self.assertIn('<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Untagged: 2-2 Prezentācija', structure.xmp)
        self.assertEqual(structure.reader.metadata.subject, "Untagged: 2-2 Prezentācija")
        self.assertIn("Prezentācijas slaids", structure.reader.pages[1].extract_text())

    def test_the_appended_document_has_a_bookmark_under_the_parent(self):
        outline = PdfReader(io.BytesIO(self.bound)).outline
        titles = [item.title for item in outline if not isinstance(item, list)]
        self.assertIn("Pievienotie dokumenti", titles)
        self.assertEqual([item.title for item in outline[-1]], ["1. Prezentācija"])
        alone = PdfReader(io.BytesIO(self.alone)).outline
        self.assertEqual([item.title for item in alone if not isinstance(item, list)], ["Sēdes materiāli"])

    def test_the_header_is_the_newest_version_of_the_parts(self):
        newer = self.appendix.replace(b"%PDF-1.7", b"%PDF-2.0", 1)
        bound, _ranges, _failed = bind_pack(
            self.main, [Appendix("PDF 2.0", PdfReader(io.BytesIO(newer)))], parent_title="P", describe_untagged=describe
        )
        self.assertEqual(PdfStructure(bound).header, "%PDF-2.0")
