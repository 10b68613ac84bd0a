"""Lists that grow with the years: pages of plans and consultations, the newest measures of an institution."""

import datetime

from django.test import TestCase, override_settings
from django.urls import reverse

from consultations.models import Consultation
from portal.selectors import INSTITUTION_MEASURES_SHOWN
from portal.views.consultations import CONSULTATIONS_PER_PAGE
from portal.views.plans import PLANS_PER_PAGE
from tests.factories import make_commitment, make_institution, make_measure, make_plan


def _plans(n, start=0):
    return [
        make_plan(
            slug=f"p{i}",
            short_name=f"Plāns {i}",
            period_start=datetime.date(1980 + i, 1, 1),
            period_end=datetime.date(1983 + i, 12, 31),
        )
        for i in range(start, start + n)
    ]


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False)
class PlanListPagesTests(TestCase):
    def test_it_shows_one_page_of_plans_newest_first(self):
        _plans(PLANS_PER_PAGE + 1)
        first = self.client.get(reverse("portal:plans")).content.decode()
        self.assertIn(f"/plani/p{PLANS_PER_PAGE}/", first)
        self.assertNotIn('/plani/p0/"', first)
        self.assertIn('rel="next"', first)

        second = self.client.get(reverse("portal:plans") + "?page=2").content.decode()
        self.assertIn('/plani/p0/"', second)
        self.assertNotIn(f"/plani/p{PLANS_PER_PAGE}/", second)

    def test_a_page_past_the_end_shows_the_last_one(self):
        _plans(PLANS_PER_PAGE + 1)
        self.assertContains(self.client.get(reverse("portal:plans") + "?page=99"), '/plani/p0/"')

    def test_it_runs_the_same_queries_whatever_the_number_of_plans(self):
        for plan in _plans(3):
            make_measure(commitment=make_commitment(plan=plan))
        self.client.get(reverse("portal:plans"))
        with self.assertNumQueries(3):
            self.client.get(reverse("portal:plans"))
        for plan in _plans(PLANS_PER_PAGE + 5, start=3):
            make_measure(commitment=make_commitment(plan=plan))
        # New content: the page again, and the size of the plans' files once (the downloads block).
        with self.assertNumQueries(4):
            self.client.get(reverse("portal:plans"))


class ConsultationListPagesTests(TestCase):
    def test_it_shows_one_page_of_consultations(self):
        plan = make_plan()
        for i in range(CONSULTATIONS_PER_PAGE + 1):
            Consultation.objects.create(
                plan=plan,
                title=f"Apspriešana {i}",
                period_start=datetime.date(2000 + i, 1, 1),
                period_end=datetime.date(2000 + i, 2, 1),
            )
        first = self.client.get(reverse("portal:consultations")).content.decode()
        self.assertIn(f"Apspriešana {CONSULTATIONS_PER_PAGE}<", first)
        self.assertNotIn("Apspriešana 0<", first)
        second = self.client.get(reverse("portal:consultations") + "?page=2").content.decode()
        self.assertIn("Apspriešana 0<", second)


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False)
class InstitutionMeasuresTests(TestCase):
    def setUp(self):
        self.institution = make_institution(slug="vk", name="Valsts kanceleja")

    def _measures(self, n, start=0):
        for plan in _plans(n, start=start):
            make_measure(commitment=make_commitment(plan=plan), responsible_institution=self.institution)

    def test_it_shows_the_newest_measures_and_links_to_all_of_them(self):
        self._measures(INSTITUTION_MEASURES_SHOWN + 2)
        content = self.client.get(reverse("portal:institution", args=["vk"])).content.decode()
        self.assertEqual(content.count('class="measure-item"'), INSTITUTION_MEASURES_SHOWN)
        newest, oldest = f"Plāns {INSTITUTION_MEASURES_SHOWN + 1}<", "Plāns 0<"
        self.assertIn(newest, content)
        self.assertNotIn(oldest, content)
        self.assertIn(f"Rādīti {INSTITUTION_MEASURES_SHOWN} jaunākie no {INSTITUTION_MEASURES_SHOWN + 2}", content)
        self.assertIn("/pasakumi/?institution=vk", content)

    def test_a_short_list_is_shown_whole_without_the_note(self):
        self._measures(2)
        content = self.client.get(reverse("portal:institution", args=["vk"])).content.decode()
        self.assertEqual(content.count('class="measure-item"'), 2)
        self.assertNotIn("jaunākie no", content)

    def test_it_runs_the_same_queries_whatever_the_number_of_measures(self):
        self._measures(2)
        url = reverse("portal:institution", args=["vk"])
        self.client.get(url)
        with self.assertNumQueries(10) as few:
            self.client.get(url)
        self._measures(INSTITUTION_MEASURES_SHOWN + 2, start=2)
        with self.assertNumQueries(len(few.captured_queries)):
            self.client.get(url)
