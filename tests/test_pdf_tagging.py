"""ogp_portal.pdf adds what WeasyPrint leaves out of PDF/UA-1 for every PDF the portal makes (reports,
minutes, meeting packs): `dc:language` in the XMP and a /Scope on every table header cell."""

import io

from django.test import SimpleTestCase
from pypdf import PdfReader

from ogp_portal.pdf import render_pdf
from tests.pdf_structure import struct_elements, xmp

HTML = """<!doctype html><html lang="{lang}"><head><title>Tabula</title></head><body><h1>Virsraksts</h1>
<table><thead><tr><th scope="col">Statuss</th><th>Skaits</th></tr></thead>
<tbody><tr><th scope="row">Īstenots</th><td>1</td></tr><tr><th>Bez scope</th><td>2</td></tr></tbody></table>
</body></html>"""


class PdfTaggingTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reader = PdfReader(io.BytesIO(render_pdf(HTML.format(lang="lv"))))

    def test_the_xmp_carries_the_document_language(self):
        self.assertIn(b"<dc:language><rdf:Bag><rdf:li>lv</rdf:li></rdf:Bag></dc:language>", xmp(self.reader))
        self.assertEqual(self.reader.trailer["/Root"]["/Lang"], "lv")

    def test_every_header_cell_has_the_scope_of_its_html(self):
        scopes = [str(attrs.get("/Scope")) for tag, attrs in struct_elements(self.reader) if tag == "/TH"]
        # Given: col, row. Missing: a column header in <thead>, a row header in the body.
        self.assertEqual(scopes, ["/Column", "/Column", "/Row", "/Row"])

    def test_an_untagged_pdf_is_left_alone(self):
        reader = PdfReader(io.BytesIO(render_pdf(HTML.format(lang="en"), tagged=False)))
        self.assertNotIn("/StructTreeRoot", reader.trailer["/Root"])
        self.assertEqual(reader.trailer["/Root"]["/Lang"], "en")
