"""Drafts never leak: not through any download format, the API, the feeds or the open-data page.

`make_world` plants a draft of every kind next to the public data, each with
SECRET in its text; staff-only fields (internal note, version, review comment)
and the accounts involved carry it too.
"""

import io
import json

import openpyxl
from django.test import TestCase, override_settings
from django.utils import translation

from council.models import DocumentKind
from opendata.exports import EXPORTS, FORMATS
from opendata.testing import SECRET, make_world


def readable(response) -> str:
    """Everything a reader of the response could see, as text (XLSX unpacked)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        return "\n".join(
            str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value
        )
    return content.decode("utf-8-sig")


@override_settings(PAGE_CACHE_ENABLED=False, SITE_URL="http://testserver")
class DraftsNeverLeakTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world()

    def assert_public(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        text = readable(response)
        self.assertNotIn(SECRET, text, url)
        self.assertNotIn(SECRET.lower(), text, url)
        self.assertNotIn("987654", text, url)  # the measure's version
        return text

    def test_no_export_in_any_format_or_language_contains_a_draft(self):
        for dataset in EXPORTS:
            for fmt in FORMATS:
                for prefix in ("", "/en"):
                    with self.subTest(dataset=dataset, fmt=fmt, prefix=prefix):
                        self.assert_public(f"{prefix}/dati/{dataset}.{fmt}")

    def test_exports_still_contain_the_public_data(self):
        # Guards the test above: an empty file would pass it too.
        self.assertIn("Apstiprināts ziņojums", self.assert_public("/dati/progress.csv"))
        self.assertIn("Pieņemt zināšanai", self.assert_public("/dati/decisions.xlsx"))
        self.assertIn("Priekšlikums", self.assert_public("/dati/proposals.json"))
        self.assertIn(self.world["plan"].slug, self.assert_public("/dati/plans.csv"))
        meetings = self.assert_public("/dati/meetings.csv")
        self.assertIn("Darba kārtība", meetings)
        self.assertIn("/padome/sedes/", meetings)

    def test_a_filter_cannot_reach_an_unpublished_plan(self):
        hidden = self.world["hidden_plan"].slug
        for fmt in FORMATS:
            self.assert_public(f"/dati/measures.{fmt}?plan={hidden}")
            self.assert_public(f"/dati/commitments.{fmt}?plan={hidden}")
            self.assert_public(f"/dati/progress.{fmt}?plan={hidden}")

    def test_json_exports_have_no_staff_only_keys(self):
        for dataset in EXPORTS:
            keys = {f["key"] for f in json.loads(self.client.get(f"/dati/{dataset}.json").content)["fields"]}
            with self.subTest(dataset=dataset):
                self.assertFalse(
                    keys & {"internal_note", "version", "review_comment", "submitted_by", "reviewed_by", "user"}
                )

    def test_the_api_lists_only_published_data(self):
        lists = ("plans", "commitments", "measures", "progress-entries", "institutions", "meetings")
        for endpoint in (*lists, "decisions", "funding", "consultations"):
            with self.subTest(endpoint=endpoint):
                text = self.assert_public(f"/dati/api/{endpoint}/?page_size=200")
                self.assertGreater(json.loads(text)["count"], 0)
        hidden = self.world["hidden_plan"].slug
        # An unpublished plan matches nothing, exactly as a plan that does not exist.
        for endpoint in (
            "commitments",
            "measures",
            "progress-entries",
            "meetings",
            "decisions",
            "funding",
            "consultations",
        ):
            with self.subTest(endpoint=endpoint, plan=hidden):
                self.assertEqual(json.loads(self.assert_public(f"/dati/api/{endpoint}/?plan={hidden}"))["count"], 0)

    def test_api_details_show_only_public_parts(self):
        world = self.world
        self.assert_public(f"/dati/api/plans/{world['plan'].slug}/")
        measure = json.loads(self.assert_public(f"/dati/api/measures/{world['measure'].pk}/"))
        self.assertNotIn("internal_note", measure)
        self.assertNotIn("version", measure)
        self.assertEqual(
            {e["narrative"] for e in measure["progress_entries"]}, {"Apstiprināts ziņojums", "Paveikts darbs."}
        )
        meeting = json.loads(self.assert_public(f"/dati/api/meetings/{world['meeting'].pk}/"))
        public_document = world["meeting"].documents.get(is_public=True)
        with translation.override("lv"):
            agenda_label = str(DocumentKind.AGENDA.label)
        self.assertEqual(
            meeting["documents"],
            [
                {
                    "kind": "agenda",
                    "kind_label": agenda_label,
                    "title": "Darba kārtība",
                    "url": f"http://testserver/padome/sedes/{world['meeting'].pk}/dokumenti/{public_document.pk}/",
                }
            ],
        )
        self.assertEqual([m["id"] for m in meeting["agenda"][0]["measures"]], [world["measure"].pk])

    def test_api_details_of_drafts_are_not_found(self):
        world = self.world
        unpublished_meetings = world["meeting"].council.meetings.exclude(pk=world["meeting"].pk)
        draft_entries = world["measure"].progress_entries.exclude(review_state="approved")
        hidden_urls = [
            f"/dati/api/plans/{world['hidden_plan'].slug}/",
            f"/dati/api/commitments/{world['hidden_measure'].commitment_id}/",
            f"/dati/api/measures/{world['hidden_measure'].pk}/",
            *[f"/dati/api/progress-entries/{e.pk}/" for e in draft_entries],
            *[f"/dati/api/progress-entries/{e.pk}/" for e in world["hidden_measure"].progress_entries.all()],
            *[f"/dati/api/meetings/{m.pk}/" for m in unpublished_meetings],
        ]
        self.assertEqual(len(hidden_urls), 9)
        for url in hidden_urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_feeds_carry_no_drafts_and_no_accounts(self):
        world = self.world
        urls = [
            "/dati/plusmas/progress/",
            "/dati/plusmas/statusi/",
            f"/dati/plusmas/progress/plani/{world['plan'].slug}/",
            f"/dati/plusmas/statusi/plani/{world['plan'].slug}/",
            f"/dati/plusmas/progress/iestades/{world['institution'].slug}/",
            f"/dati/plusmas/statusi/iestades/{world['institution'].slug}/",
            "/dati/plusmas/sedes/",
            "/dati/plusmas/apspriesanas/",
        ]
        for url in urls:
            for prefix in ("", "/en"):
                with self.subTest(url=prefix + url):
                    text = self.assert_public(prefix + url)
                    self.assertNotIn(world["user"].username, text)
                    self.assertNotIn(world["user"].email, text)

    def test_feeds_of_an_unpublished_plan_do_not_exist(self):
        slug = self.world["hidden_plan"].slug
        self.assertEqual(self.client.get(f"/dati/plusmas/progress/plani/{slug}/").status_code, 404)
        self.assertEqual(self.client.get(f"/dati/plusmas/statusi/plani/{slug}/").status_code, 404)

    def test_the_open_data_page_shows_no_draft(self):
        text = self.assert_public("/dati/")
        self.assertNotIn(self.world["hidden_plan"].slug, text)
