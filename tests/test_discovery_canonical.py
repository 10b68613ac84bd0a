"""Every page's canonical link (only the parameters the page understands, absolute, per language) and its
meta description (from the page's data, in the page's language), with the page and part caches on."""

import html
import re

from django.core.cache import cache
from django.test import override_settings

from commitments.models import MeasureStatus
from tests.test_portal_base import SECRET, PortalTestCase

HOST = "http://testserver"
DEFAULT_LV = "Kā tiek īstenoti Latvijas atvērtās pārvaldības rīcības plāni"
DEFAULT_EN = "How Latvia's open government action plans are implemented"


def head_of(response) -> str:
    return response.content.decode().split("</head>")[0]


def canonical(response) -> str | None:
    found = re.findall(r'<link rel="canonical" href="([^"]*)">', head_of(response))
    return html.unescape(found[0]) if len(found) == 1 else None


def description(response) -> str:
    (found,) = re.findall(r'<meta name="description" content="([^"]*)">', head_of(response))
    return html.unescape(found)


@override_settings(PAGE_CACHE_ENABLED=True, FRAGMENT_CACHE_ENABLED=True)
class CanonicalTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()

    def test_every_page_has_its_own_canonical_link_in_each_language(self):
        measure = self.plan.measures.order_by("pk").first()
        paths = [
            "/",
            "/plani/",
            "/plani/piektais/",
            "/plani/piektais/apnemsanas/1/",
            measure.get_absolute_url(),
            "/pasakumi/",
            "/iestades/",
            "/iestades/varam/",
            "/apspriesanas/",
            f"/apspriesanas/{self.consultation.pk}/",
            "/padome/",
            "/atskaites/",
            "/dati/",
            "/pieklustamiba/",
        ]
        for path in paths:
            for prefix in ("", "/en"):
                with self.subTest(path=prefix + path):
                    response = self.client.get(prefix + path + "?utm_source=x&fbclid=y")
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(canonical(response), HOST + prefix + path)
                    alternates = dict(
                        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]*)">', head_of(response))
                    )
                    self.assertEqual(
                        alternates, {"lv": HOST + path, "en": HOST + "/en" + path, "x-default": HOST + path}
                    )

    def test_the_measure_search_keeps_its_filters_and_page_in_one_order(self):
        query = "utm_source=x&status=limited&q=&page=2&plan=piektais&status=complete&status=limited&zzz=1"
        response = self.client.get("/pasakumi/?" + query)
        self.assertEqual(canonical(response), HOST + "/pasakumi/?page=2&plan=piektais&status=complete&status=limited")
        english = self.client.get("/en/pasakumi/?" + query)
        self.assertEqual(canonical(english), HOST + "/en/pasakumi/?page=2&plan=piektais&status=complete&status=limited")

    def test_the_measure_search_keeps_its_sort(self):
        response = self.client.get("/pasakumi/?utm_source=x&sort=due&q=lidzdaliba")
        self.assertEqual(canonical(response), HOST + "/pasakumi/?q=lidzdaliba&sort=due")

    def test_the_first_page_and_a_page_that_is_not_a_number_are_the_list_itself(self):
        for query in ("page=1", "page=01", "page=abc", "page="):
            with self.subTest(query=query):
                self.assertEqual(canonical(self.client.get("/plani/?" + query)), HOST + "/plani/")
                self.assertEqual(canonical(self.client.get("/pasakumi/?" + query)), HOST + "/pasakumi/")
        self.assertEqual(canonical(self.client.get("/apspriesanas/?page=2")), HOST + "/apspriesanas/?page=2")

    def test_a_page_without_parameters_drops_them_all(self):
        response = self.client.get("/plani/piektais/?page=2&q=x")
        self.assertEqual(canonical(response), HOST + "/plani/piektais/")

    def test_two_measures_get_their_own_link_and_description_from_the_caches(self):
        self.build(1)
        first, second = self.plan.measures.order_by("pk")[:2]
        for _ in range(2):  # the second round is served from the page and part caches
            for measure in (first, second):
                for query in ("", "?utm_campaign=z"):
                    response = self.client.get(measure.get_absolute_url() + query)
                    self.assertEqual(canonical(response), HOST + measure.get_absolute_url())
                    self.assertIn(measure.title, description(response))
        self.assertEqual(response["X-Page-Cache"], "hit")

    def test_the_error_page_has_the_default_description_and_no_canonical_link(self):
        response = self.client.get("/nav-tadas-lapas/")
        self.assertEqual(response.status_code, 404)
        self.assertIsNone(canonical(response))
        self.assertTrue(description(response).startswith(DEFAULT_LV))


@override_settings(PAGE_CACHE_ENABLED=True, FRAGMENT_CACHE_ENABLED=True)
class DescriptionTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()

    def test_the_dashboard_says_the_plans_title_and_its_figures(self):
        lv = description(self.client.get("/plani/piektais/"))
        self.assertTrue(lv.startswith("Piektais rīcības plāns. "), lv)
        self.assertIn("pasākum", lv)
        en = description(self.client.get("/en/plani/piektais/"))
        self.assertTrue(en.startswith("Fifth action plan. "), en)
        self.assertIn("measure", en)
        self.assertEqual(description(self.client.get("/")), lv)

    def test_a_commitment_says_its_number_plan_and_title(self):
        self.assertTrue(
            description(self.client.get("/plani/piektais/apnemsanas/1/")).startswith(
                "1. apņemšanās (Piektais plāns): Apņemšanās 1."
            )
        )
        english = description(self.client.get("/en/plani/piektais/apnemsanas/1/"))
        self.assertTrue(english.startswith("Commitment 1 (Fifth plan): Commitment 1."), english)

    def test_a_measure_says_its_title_commitment_and_status(self):
        measure = self.plan.measures.order_by("pk").first()
        measure.refresh_from_db()
        status_lv = MeasureStatus(measure.status).label
        self.assertEqual(
            description(self.client.get(measure.get_absolute_url())),
            f"Pasākums 1.1 Pasākums 1.1, 1. apņemšanās „Apņemšanās 1“ (Piektais plāns). Statuss: {status_lv}.",
        )
        english = description(self.client.get("/en" + measure.get_absolute_url()))
        self.assertTrue(
            english.startswith("Measure 1.1 Measure 1.1 of commitment 1 “Commitment 1” (Fifth plan)."), english
        )
        self.assertIn("Status: ", english)

    def test_an_institution_says_its_name_and_its_measures(self):
        self.assertEqual(
            description(self.client.get("/iestades/varam/")),
            "Viedās administrācijas un reģionālās attīstības ministrija atvērtās pārvaldības rīcības plānos. "
            "Pasākumi, par kuriem tā ir atbildīga: 1; pasākumi, kurus tā līdzīsteno: 0.",
        )
        self.assertEqual(
            description(self.client.get("/en/iestades/vk/")),
            "State Chancellery in the open government action plans. Measures it is responsible for: 0; "
            "measures it co-implements: 1.",
        )

    def test_a_consultation_says_its_title_and_how_many_proposals(self):
        url = f"/apspriesanas/{self.consultation.pk}/"
        self.assertEqual(
            description(self.client.get(url)),
            "Plāna aktualizācijas apspriešana: saņemts 1 priekšlikums un tas, kā tas ņemts vērā.",
        )
        self.assertEqual(
            description(self.client.get("/en" + url)),
            "Consultation on the refresh: 1 proposal received and how it was taken into account.",
        )

    def test_pages_without_data_of_their_own_describe_themselves_in_each_language(self):
        for path in ("/plani/", "/pasakumi/", "/iestades/", "/apspriesanas/", "/padome/", "/atskaites/", "/dati/"):
            with self.subTest(path=path):
                lv, en = description(self.client.get(path)), description(self.client.get("/en" + path))
                self.assertTrue(lv and en and lv != en)
                self.assertFalse(lv.startswith(DEFAULT_LV) or en.startswith(DEFAULT_EN))

    def test_a_council_meeting_says_its_council_date_and_agenda(self):
        meeting = self.council.meetings.filter(status="published").first()
        self.assertEqual(
            description(self.client.get(meeting.get_absolute_url())),
            "Uzraudzības padome. Sēdes datums: 2024. gada 30. aprīlis. Darba kārtībā 1 jautājums; "
            "dalībnieki, lēmumi un protokols.",
        )

    def test_no_description_tells_anything_unpublished(self):
        measure = self.plan.measures.order_by("pk").first()
        for path in ("/", "/plani/piektais/", measure.get_absolute_url(), "/iestades/varam/"):
            with self.subTest(path=path):
                self.assertNotIn(SECRET, description(self.client.get(path)))
