import datetime

from django.http import QueryDict

from commitments.filters import MeasureFilter
from commitments.models import Measure, MeasureStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_institution, make_measure, make_plan


class MeasureFilterTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(slug="piektais")
        cls.other_plan = make_plan(slug="sestais")
        c1 = make_commitment(cls.plan, number=1)
        c5 = make_commitment(cls.plan, number=5)
        cls.lead = make_institution(slug="varam")
        cls.partner = make_institution(slug="providus")
        cls.data = make_measure(
            c5,
            title="Jaunas atvērto datu stratēģijas izstrāde",
            title_en="New open data strategy",
            responsible_institution=cls.lead,
            status=MeasureStatus.NOT_STARTED,
            due_date=datetime.date(2020, 1, 1),
        )
        cls.deliberation = make_measure(
            c1,
            number="3.5",
            title="Deliberatīvo diskusiju modeļa izveide",
            title_en="",
            description="Modelis iedzīvotāju diskusijām",
            status=MeasureStatus.COMPLETE,
            special_attention=True,
            due_date=datetime.date(2020, 1, 1),
        )
        cls.deliberation.other_implementers.add(cls.partner)
        cls.co = make_measure(c1, status=MeasureStatus.LIMITED)
        cls.co.co_responsible_institutions.add(cls.lead)
        cls.elsewhere = make_measure(make_commitment(cls.other_plan, number=1), title="Cits plāns")

    def filtered(self, **params):
        return set(MeasureFilter(params, queryset=Measure.objects.all()).qs)

    def test_it_searches_titles_in_both_languages(self):
        self.assertEqual(self.filtered(q="datu stratēģijas"), {self.data})
        self.assertEqual(self.filtered(q="open data"), {self.data})

    def test_it_searches_description_and_number(self):
        self.assertEqual(self.filtered(q="iedzīvotāju"), {self.deliberation})
        self.assertEqual(self.filtered(q="3.5"), {self.deliberation})

    def test_it_filters_by_plan_slug(self):
        self.assertEqual(self.filtered(plan="sestais"), {self.elsewhere})

    def test_it_filters_by_commitment_number(self):
        self.assertEqual(self.filtered(plan="piektais", commitment="5"), {self.data})

    def test_it_filters_by_any_institution_role(self):
        self.assertEqual(self.filtered(institution="varam"), {self.data, self.co})
        self.assertEqual(self.filtered(institution="providus"), {self.deliberation})

    def test_it_filters_by_several_statuses(self):
        query = QueryDict(mutable=True)
        query.setlist("status", ["complete", "limited"])
        self.assertEqual(
            set(MeasureFilter(query, queryset=Measure.objects.all()).qs), {self.deliberation, self.co, self.elsewhere}
        )

    def test_it_filters_special_attention_only_when_ticked(self):
        self.assertEqual(self.filtered(special_attention="on"), {self.deliberation})
        self.assertEqual(len(self.filtered(special_attention="")), 4)

    def test_it_filters_overdue_excluding_complete(self):
        self.assertEqual(self.filtered(overdue="1"), {self.data})

    def test_it_ignores_unknown_plan_but_reports_error(self):
        f = MeasureFilter({"plan": "nav"}, queryset=Measure.objects.all())
        self.assertFalse(f.is_valid())
        self.assertIn("plan", f.errors)

    def test_it_does_not_offer_unpublished_plans(self):
        self.other_plan.is_published = False
        self.other_plan.save()
        f = MeasureFilter({"plan": "sestais"}, queryset=Measure.objects.published())
        self.assertFalse(f.is_valid())
        self.assertNotIn(self.elsewhere, set(f.qs))
