"""The licence: one setting (SPDX identifier and address), named by every file, answer and page."""

import io
import json

import openpyxl
from django.test import TestCase, override_settings
from django.utils import translation

from opendata import conf
from opendata.exports import EXPORTS, FORMATS
from opendata.testing import make_world

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
LINK = f'<{CC_BY}>; rel="license"'


class LicenceSettingTests(TestCase):
    def test_the_default_is_cc_by_4_with_its_titles(self):
        licence = conf.licence()
        self.assertEqual((licence.id, licence.url), ("CC-BY-4.0", CC_BY))
        with translation.override("lv"):
            self.assertEqual(licence.title, "Creative Commons Attiecinājums 4.0 Starptautiskā publiskā licence")
        with translation.override("en"):
            self.assertEqual(licence.title, "Creative Commons Attribution 4.0 International")

    @override_settings(OPENDATA_LICENCE_ID="CC0-1.0", OPENDATA_LICENCE_URL="")
    def test_a_known_identifier_brings_its_address_and_titles(self):
        licence = conf.licence()
        self.assertEqual(licence.url, "https://creativecommons.org/publicdomain/zero/1.0/")
        self.assertEqual(licence.title_en, "Creative Commons CC0 1.0 Universal")

    @override_settings(OPENDATA_LICENCE_ID="LicenseRef-VK-1", OPENDATA_LICENCE_URL="https://example.invalid/l")
    def test_an_unknown_identifier_is_its_own_title(self):
        licence = conf.licence()
        self.assertEqual(
            (licence.title_lv, licence.title_en, licence.url), ("LicenseRef-VK-1",) * 2 + ("https://example.invalid/l",)
        )
        self.assertEqual(conf.licence_link_header(), '<https://example.invalid/l>; rel="license"')


@override_settings(PAGE_CACHE_ENABLED=False)
class LicenceInEveryFormatTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world()

    def test_every_download_names_the_licence_in_its_link_header(self):
        for dataset in EXPORTS:
            for fmt in FORMATS:
                with self.subTest(dataset=dataset, fmt=fmt):
                    self.assertEqual(self.client.get(f"/dati/{dataset}.{fmt}")["Link"], LINK)

    def test_api_answers_name_the_licence(self):
        for path in ("/dati/api/", "/dati/api/measures/", f"/en/dati/api/measures/{self.world['measure'].pk}/"):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path)["Link"], LINK)
        self.assertEqual(self.client.get("/dati/api/measures/999999999/")["Link"], LINK)

    def test_the_openapi_description_has_the_licence(self):
        info = self.client.get("/dati/api/openapi.json").json()["info"]
        self.assertEqual(info["license"]["url"], CC_BY)
        self.assertIn("CC-BY-4.0", info["license"]["name"])
        # OpenAPI 3.1: `identifier` and `url` exclude each other.
        self.assertNotIn("identifier", info["license"])

    @override_settings(OPENDATA_LICENCE_ID="LicenseRef-VK-1", OPENDATA_LICENCE_URL="")
    def test_without_an_address_the_openapi_gives_the_identifier_and_no_link_header(self):
        info = self.client.get("/dati/api/openapi.json").json()["info"]
        self.assertEqual(info["license"]["identifier"], "LicenseRef-VK-1")
        self.assertNotIn("Link", self.client.get("/dati/plans.csv"))

    def test_json_files_carry_a_licence_object(self):
        document = json.loads(self.client.get("/en/dati/plans.json").content)
        self.assertEqual(
            document["licence"],
            {"id": "CC-BY-4.0", "url": CC_BY, "title": "Creative Commons Attribution 4.0 International"},
        )

    def test_spreadsheets_have_an_about_sheet_with_the_licence_and_the_columns(self):
        workbook = openpyxl.load_workbook(io.BytesIO(self.client.get("/dati/measures.xlsx").content))
        self.assertEqual(workbook.sheetnames, ["Pasākumi", "Par datiem"])
        rows = [[cell.value for cell in row] for row in workbook["Par datiem"].iter_rows()]
        about = {row[0]: row[1] for row in rows if row and row[0]}
        self.assertEqual(about["Licence"], "Creative Commons Attiecinājums 4.0 Starptautiskā publiskā licence")
        self.assertEqual(about["Licences identifikators"], "CC-BY-4.0")
        self.assertEqual(about["Licences adrese"], CC_BY)
        self.assertIn(["nokavēts", "boolean", "nokavēts"], rows)
        self.assertIn(CC_BY, workbook.properties.description)
