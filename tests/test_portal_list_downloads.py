"""Downloads on the public lists (issue 13): each list offers CSV, XLSX and JSON of exactly what it shows,
every page of it, through the same filters and in the same order, each link with its rows and size."""

import datetime
import html
import json
import re
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from commitments.models import MeasureStatus
from council.models import Council, CouncilMember, MeetingStatus
from council.testing import make_council, make_meeting
from opendata.downloads import human_size
from portal.views.measures import PAGE_SIZE
from tests.base import login
from tests.factories import make_commitment, make_institution, make_measure, make_plan
from tests.test_opendata_exports import csv_rows, xlsx_rows
from tests.test_portal_base import TODAY, PortalTestCase

FORMATS = ("csv", "xlsx", "json")


def _links(content: str, dataset: str) -> dict[str, tuple[str, str]]:
    """{format: (address, link text)} of the page's downloads of `dataset`."""
    found = re.findall(rf'<a href="([^"]*/dati/{dataset}\.(\w+)[^"]*)"[^>]*>([^<]*)</a>', content)
    return {fmt: (html.unescape(url), html.unescape(text)) for url, fmt, text in found}


class ListDownloadsMixin:
    def file_ids(self, url: str, key: str = "id") -> dict[str, list]:
        """The `key` column of the file at `url` in every format (one response per format)."""
        ids = {}
        for fmt in ("json", "csv", "xlsx"):  # the JSON first: it names the columns
            response = self.client.get(url.replace(".csv", f".{fmt}"))
            self.assertEqual(response.status_code, 200, url)
            if fmt == "json":
                document = json.loads(response.content)
                keys = [f["key"] for f in document["fields"]]
                ids[fmt] = [item[key] for item in document["items"]]
            elif fmt == "csv":
                rows = csv_rows(response.content)
                ids[fmt] = [row[keys.index(key)] for row in rows[1:]]
            else:
                rows = xlsx_rows(response.content)
                ids[fmt] = [row[keys.index(key)] for row in rows[1:]]
        # The spreadsheets' cells are text or numbers; the JSON's are the values.
        return {fmt: [str(v) for v in values] for fmt, values in ids.items()}

    def assert_files_hold(self, content: str, dataset: str, expected: list, key: str = "id"):
        links = _links(content, dataset)
        self.assertEqual(set(links), set(FORMATS), f"no {dataset} downloads on the page")
        for fmt, ids in self.file_ids(links["csv"][0], key).items():
            self.assertEqual(ids, [str(v) for v in expected], fmt)
        return links


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False)
class MeasureListDownloadTests(ListDownloadsMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = make_institution(slug="vas", name="Valsts administrācijas skola", name_en="", abbreviation="VAS")
        cls.ministry = make_institution(
            slug="arlietu", name="Ārlietu ministrija", name_en="Ministry of Foreign Affairs"
        )
        newer = make_plan(
            slug="sestais", period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2029, 12, 31)
        )
        older = make_plan(slug="piektais")
        statuses = [
            MeasureStatus.COMPLETE,
            MeasureStatus.LIMITED,
            MeasureStatus.NOT_STARTED,
            MeasureStatus.NO_INFORMATION,
        ]
        # More than one page, in two plans.
        for plan in (older, newer):
            for c in (2, 1):
                commitment = make_commitment(plan, number=c)
                for i in range(8):
                    make_measure(
                        commitment,
                        number=f"{c}.{i}",
                        order=i % 3,
                        status=statuses[i % 4],
                        due_date=datetime.date(2025, 1 + i, 1) if i % 3 else None,
                        responsible_institution=(cls.school, cls.ministry, None)[i % 3],
                        title=f"Sabiedrības līdzdalība {plan.slug} {c}.{i}" if i % 5 == 0 else f"Darbs {c}.{i}",
                    )
        make_measure(make_commitment(make_plan(is_published=False)), title="Līdzdalība SECRET")

    def setUp(self):
        cache.clear()

    def page_ids(self, params: dict) -> tuple[list[int], str]:
        """The ids the list shows on all its pages, and its first page."""
        first = self.client.get(reverse("portal:measures"), params)
        self.assertEqual(first.status_code, 200)
        ids, paginator = [], first.context["page"].paginator
        for number in paginator.page_range:
            page = self.client.get(reverse("portal:measures"), {**params, "page": number}).context["page"]
            ids += [m.pk for m in page.object_list]
        return ids, first.content.decode()

    def test_every_format_holds_the_measures_the_list_shows_in_its_order(self):
        combinations = [
            {},
            {"status": [MeasureStatus.COMPLETE, MeasureStatus.LIMITED]},
            {"institution": "vas"},
            {"institution": "vas", "status": MeasureStatus.COMPLETE, "sort": "due"},
            {"q": "lidzdaliba"},
            {"q": "LĪDZDALĪBA sestais", "sort": "status"},
            {"sort": "institution"},
            {"plan": "piektais", "commitment": "2"},
            # Values the list refuses: the file refuses them alike.
            {"status": "nope"},
            {"status": ["", MeasureStatus.COMPLETE]},
            {"institution": "nope", "q": "darbs"},
            {"commitment": "abc", "sort": "nope"},
        ]
        for language in ("lv", "en"):
            for params in combinations:
                with self.subTest(language=language, params=params), translation.override(language):
                    ids, content = self.page_ids(params)
                    self.assertTrue(ids)
                    links = self.assert_files_hold(content, "measures", ids)
                    self.assertIn(f" {len(ids)} ", links["csv"][1])

    def test_the_files_hold_every_page_not_the_one_shown(self):
        ids, _content = self.page_ids({})
        self.assertGreater(len(ids), PAGE_SIZE)
        content = self.client.get(reverse("portal:measures"), {"page": 2, "utm_source": "x"}).content.decode()
        url, text = _links(content, "measures")["csv"]
        self.assertNotIn("page", url)
        self.assertNotIn("utm_source", url)
        self.assertEqual(text.split(" (")[0], f"CSV, visas rindas: {len(ids)}")
        self.assert_files_hold(content, "measures", ids)

    def test_an_empty_result_gives_the_column_names_only(self):
        content = self.client.get(reverse("portal:measures"), {"q": "nekas-tāds"}).content.decode()
        links = self.assert_files_hold(content, "measures", [])
        for fmt in FORMATS:
            url, text = links[fmt]
            data = self.client.get(url).content
            self.assertIn(f"{fmt.upper()}, tikai kolonnu nosaukumi, bez rindām ({human_size(len(data))})", text)
        self.assertEqual(len(csv_rows(self.client.get(links["csv"][0]).content)), 1)

    def test_the_links_give_format_rows_and_size_in_both_languages(self):
        content = self.client.get(reverse("portal:measures")).content.decode()
        url, text = _links(content, "measures")["xlsx"]
        # The whole list is the open-data file itself: its size is exact.
        size = human_size(len(self.client.get(url).content))
        self.assertEqual(text, f"XLSX, visas rindas: 32 ({size})")
        with translation.override("en"):
            content = self.client.get(reverse("portal:measures"), {"institution": "vas"}).content.decode()
            url, text = _links(content, "measures")["csv"]
        self.assertIn("/en/dati/measures.csv?institution=vas", url)
        self.assertRegex(text, r"^CSV, all 12 rows \(about [\d,]+ (B|KB)\)$")

    def test_the_block_is_plain_links_under_a_heading(self):
        content = self.client.get(reverse("portal:measures"), {"q": "darbs"}).content.decode()
        self.assertIn('<h2 id="list-downloads-title"', content)
        self.assertEqual(content.count('aria-describedby="list-downloads-note"'), 3)
        self.assertNotIn("<script", content.split('class="list-downloads"')[1].split("</section>")[0])

    def test_a_download_runs_the_same_queries_whatever_the_number_of_rows(self):
        url = reverse("opendata:download", args=["measures", "csv"]) + "?q=darbs&sort=institution&status=limited"
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        commitment = make_commitment(make_plan(slug="vel-viens"), number=9)
        for i in range(10):
            make_measure(commitment, title=f"Darbs {i}", status=MeasureStatus.LIMITED)
        with self.assertNumQueries(len(few.captured_queries)):
            self.client.get(url)


@mock.patch("django.utils.timezone.localdate", return_value=TODAY)
@override_settings(FRAGMENT_CACHE_ENABLED=False)
class OtherListsDownloadTests(ListDownloadsMixin, PortalTestCase):
    """The plans, consultations and institutions pages and a plan's commitments on its dashboard."""

    def setUp(self):
        cache.clear()

    def test_the_plan_list_offers_its_plans(self, _):
        make_plan(slug="agrakais", period_start=datetime.date(2016, 1, 1), period_end=datetime.date(2018, 12, 31))
        for language in ("lv", "en"):
            with self.subTest(language=language), translation.override(language):
                response = self.client.get(reverse("portal:plans"))
                slugs = [plan.slug for plan, _progress in response.context["plans"]]
                self.assertEqual(len(slugs), 2)
                self.assert_files_hold(response.content.decode(), "plans", slugs, key="slug")

    def test_the_consultation_list_offers_its_consultations(self, _):
        for language in ("lv", "en"):
            with self.subTest(language=language), translation.override(language):
                response = self.client.get(reverse("portal:consultations"))
                ids = [c.pk for c in response.context["consultations"]]
                self.assertTrue(ids)
                self.assert_files_hold(response.content.decode(), "consultations", ids)

    def test_the_institutions_page_offers_its_rows_in_its_order(self, _):
        make_institution(slug="neiesaistita", name="Neiesaistīta iestāde", name_en="Uninvolved")
        orders = {}
        for language in ("lv", "en"):
            with self.subTest(language=language), translation.override(language):
                response = self.client.get(reverse("portal:institutions"))
                slugs = [row.institution.slug for row in response.context["rows"]]
                self.assertNotIn("neiesaistita", slugs)
                self.assert_files_hold(response.content.decode(), "institutions", slugs, key="slug")
                orders[language] = slugs
        # The English page lists by English names (where there is one): another order, kept by its files.
        self.assertEqual(orders["lv"], ["providus", "vk", "varam"])
        self.assertEqual(orders["en"], ["varam", "providus", "vk"])
        # The open-data page's dataset is still every institution.
        self.assertIn(
            "neiesaistita", self.file_ids(reverse("opendata:download", args=["institutions", "csv"]), "slug")["csv"]
        )

    def test_a_plan_dashboard_offers_the_plans_commitments(self, _):
        self.build(2)
        make_commitment(make_plan(slug="cits"), number=1)
        for url in (reverse("portal:plan", args=["piektais"]), reverse("portal:home")):
            with self.subTest(url=url):
                response = self.client.get(url)
                numbers = [row.commitment.number for row in response.context["summary"].commitments]
                self.assertEqual(len(numbers), 3)
                links = self.assert_files_hold(response.content.decode(), "commitments", numbers, key="number")
                self.assertIn("plan=piektais", links["json"][0])
                self.assertIn("Lejupielādēt plāna apņemšanās", response.content.decode())


@override_settings(PAGE_CACHE_ENABLED=False)
class MeetingListDownloadTests(ListDownloadsMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        council = make_council()
        today = timezone.localdate()
        for days, start in ((-400, None), (-30, datetime.time(10)), (-30, None), (20, datetime.time(14)), (5, None)):
            make_meeting(council, date=today + datetime.timedelta(days=days), start_time=start)
        make_meeting(council, status=MeetingStatus.DRAFT, date=today + datetime.timedelta(days=1))

    def test_the_meeting_list_offers_its_meetings_in_its_order(self):
        for language in ("lv", "en"):
            with self.subTest(language=language), translation.override(language):
                response = self.client.get(reverse("council:meetings"))
                ids = [m.pk for m in response.context["upcoming"] + response.context["past"]]
                self.assertEqual(len(ids), 5)
                links = self.assert_files_hold(response.content.decode(), "meetings", ids)
                self.assertIn(" 5 ", links["csv"][1])

    def test_council_members_who_see_drafts_get_no_public_block(self):
        user = get_user_model().objects.create_user("member", "m@example.invalid", "pw")
        CouncilMember.objects.create(council=Council.objects.get(), person_name="M. Loceklis", user=user)
        login(self.client, user)  # with the second factor council members now pass too
        response = self.client.get(reverse("council:meetings"))
        self.assertEqual(len(response.context["upcoming"] + response.context["past"]), 6)
        self.assertNotIn("list-downloads", response.content.decode())
