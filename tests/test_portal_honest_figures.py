"""The dashboards never show an unknown as zero: what is not reported, or has no due date, is said in words."""

import re
from unittest import mock

from django.urls import reverse
from django.utils import translation

from commitments.models import Measure, MeasureStatus
from tests.test_portal_base import TODAY, PortalTestCase

today = mock.patch("django.utils.timezone.localdate", return_value=TODAY)


def english(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


KEY_FIGURES = re.compile(r'<ul class="key-figures[^"]*">(.*?)</ul>\s*<section', re.S)


def set_measures(plan, changes: dict[int, dict]):
    """Change the plan's measures by position (commitment, then order); saved one by one (not update()), so
    the history and the content generation see each change. build() numbers commitments 1, 4, 9, ..."""
    measures = list(Measure.objects.filter(plan=plan).order_by("commitment__number", "order"))
    for index, values in changes.items():
        measure = measures[index]
        for field, value in values.items():
            setattr(measure, field, value)
        measure.save()


@today
class NothingReportedTests(PortalTestCase):
    """The real data today: no measure has a reported status or a due date."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.build(2)  # five measures: one of commitment 1, two of each of two more
        set_measures(
            cls.plan,
            {i: {"status": MeasureStatus.NO_INFORMATION, "due_date": None} for i in range(5)},
        )

    def key_figures(self, response) -> str:
        return KEY_FIGURES.search(response.content.decode()).group(1)

    def test_it_says_plainly_that_nothing_is_reported_in_latvian(self, _):
        response = self.client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="lv")
        self.assertContains(
            response,
            "Nevienam no 5 pasākumiem vēl nav ne apstiprināta statusa, ne zināma izpildes termiņa, "
            "tāpēc nav zināms, cik ir īstenoti un cik nokavēti.",
        )
        figures = self.key_figures(response)
        self.assertIn("0 no 5</span> pasākumiem ir apstiprināts statuss", figures)
        self.assertEqual(figures.count("nav zināms</span>"), 3)  # complete, high completion, overdue
        self.assertIn("5 pasākumiem nav zināms izpildes termiņš", figures)
        self.assertNotIn("%", figures)

    def test_it_says_plainly_that_nothing_is_reported_in_english(self, _):
        response = self.client.get("/en/")
        self.assertContains(
            response,
            "None of the 5 measures has a reported status or a known due date yet, "
            "so how many are complete or overdue is not known.",
        )
        figures = self.key_figures(response)
        self.assertIn("0 of 5</span> measures have a reported status", figures)
        self.assertIn("no due date is known for the 5 measures", figures)
        self.assertNotIn("%", figures)

    def test_no_commitment_reads_as_zero_percent_complete(self, _):
        content = self.client.get("/en/").content.decode()
        self.assertIn("No commitment has a measure with a reported status yet", content)
        self.assertEqual(content.count("not known: no status reported"), 3)  # the table, one row per commitment
        chart = content[
            content.index('id="commitment-chart-t"') : content.index("</svg>", content.index("commitment-chart"))
        ]
        self.assertNotIn("0%", chart)
        self.assertEqual(chart.count(">not known</text>"), 3)
        self.assertIn("Commitment 1: no status reported (No information: 1)", chart)

    def test_the_overdue_list_does_not_claim_none_is_overdue(self, _):
        response = self.client.get("/en/")
        self.assertContains(
            response, "Whether any measure is overdue is not known: no measure of this plan has a due date."
        )
        self.assertNotContains(response, "No measure with a due date is overdue.")

    def test_the_plan_list_says_no_status_is_reported(self, _):
        response = self.client.get(reverse("portal:plans"), HTTP_ACCEPT_LANGUAGE="lv")
        self.assertContains(response, "5 pasākumi; nevienam vēl nav apstiprināta statusa")
        self.assertContains(self.client.get(english("portal:plans")), "5 measures, none with a reported status yet")

    def test_the_commitment_page_says_no_status_is_reported(self, _):
        response = self.client.get(
            reverse("portal:commitment", args=["piektais", self.plan.commitments.order_by("number")[1].number]),
            HTTP_ACCEPT_LANGUAGE="lv",
        )
        self.assertContains(
            response, "Nevienam no 2 pasākumiem vēl nav apstiprināta statusa, tāpēc nav zināms, cik ir īstenoti."
        )
        self.assertNotContains(response, "0\xa0%")


@today
class SomeReportedTests(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.build(2)  # measures 0, 1, 3 complete; 2, 4 substantial; all due 2024-12-31
        set_measures(
            cls.plan,
            {
                2: {"status": MeasureStatus.LIMITED},
                4: {"status": MeasureStatus.NO_INFORMATION},
                1: {"due_date": None},
                3: {"due_date": None},
            },
        )

    def test_overdue_is_counted_over_measures_with_a_due_date_with_the_unknown_beside_it(self, _):
        response = self.client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="lv")
        # Measures 2 (limited) and 4 (no information) are past their due date and not complete.
        self.assertContains(
            response,
            "Nokavēti: 2 no 3 pasākumiem, kam ir izpildes termiņš; vēl 2 pasākumiem izpildes termiņš nav zināms.",
        )
        self.assertContains(response, "Vēl 2 pasākumiem izpildes termiņš nav zināms.", count=2)  # card, list
        english = self.client.get("/en/")
        self.assertContains(
            english,
            "2 of the 3 measures with a due date are overdue; the due dates of 2 more measures are not known.",
        )

    def test_it_shows_ogps_high_completion_over_the_reported_measures(self, _):
        response = self.client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="lv")
        figures = KEY_FIGURES.search(response.content.decode()).group(1)
        self.assertIn("Apstiprināts statuss ir 4 no 5 pasākumiem; īstenoti: 3.", response.content.decode())
        self.assertIn("4 no 5</span> pasākumiem ir apstiprināts statuss", figures)
        # Three complete of the four reported, none substantial: 75 % high completion, not 60 % of all five.
        self.assertIn("75\xa0%</span> lielā mērā vai pilnībā īstenoti (IRM augstā izpilde): 3 no 4", figures)
        self.assertIn("<li>Daļēji īstenots: <strong>1</strong></li>", figures)  # the distribution on OGP's scale
        self.assertNotIn("Nav informācijas", figures)

    def test_the_high_completion_method_is_one_click_away_in_both_languages(self, _):
        for url, link, method in (
            ("/", "Kā to aprēķina", "Neatkarīgais ziņošanas mehānisms (IRM)"),
            ("/en/", "How this is counted", "The Independent Reporting Mechanism (IRM)"),
        ):
            with self.subTest(url):
                content = self.client.get(url).content.decode()
                self.assertIn(f'<a class="key-figures__method" href="#method-high-completion">{link}</a>', content)
                anchor = content.index('id="method-high-completion"')
                self.assertIn(method, content[anchor : anchor + 2000])

    def test_the_plan_list_and_the_commitment_page_say_the_same(self, _):
        response = self.client.get(
            reverse("portal:commitment", args=["piektais", self.plan.commitments.order_by("number")[2].number]),
            HTTP_ACCEPT_LANGUAGE="lv",
        )
        self.assertContains(response, "Apstiprināts statuss ir 1 no 2 pasākumiem; īstenoti: 1.")
        self.assertContains(response, "No 1 pasākuma ar apstiprinātu statusu lielā mērā vai pilnībā īstenoti: 1")
        self.assertContains(response, "<summary>Kā aprēķina izpildi</summary>")
        self.assertContains(
            self.client.get(english("portal:plans")), "5 measures: 4 with a reported status, 3 complete"
        )

    def test_the_dashboard_keeps_its_query_budget(self, _):
        self.assertFixedQueries(reverse("portal:home"))
