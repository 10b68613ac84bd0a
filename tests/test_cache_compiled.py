"""compiled_list(): a queryset compiled once per process gives what the plain queryset gives, every time."""

import datetime

from django.db import connection
from django.db.models import Prefetch
from django.test import TestCase
from django.utils import translation

from commitments.models import Measure
from institutions.models import Institution
from ogp_portal.cache.compiled import _COMPILED, compiled_list, compiled_rows, compiled_sql, prefetched
from plans.models import ActionPlan
from tests.factories import make_commitment, make_institution, make_measure, make_plan


def _measures(plan_id, due):
    return (
        Measure.objects.filter(plan_id=plan_id, due_date__gte=due)
        .select_related("plan", "commitment", "responsible_institution")
        .only("id", "title", "title_lv", "title_en", "plan__slug", "commitment__number", "responsible_institution")
        .order_by("title")
    )


class CompiledListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institution = make_institution(slug="compiled-inst")
        cls.plans = [make_plan(slug=f"compiled-{i}") for i in range(2)]
        for i, plan in enumerate(cls.plans):
            commitment = make_commitment(plan)
            for n in range(3):
                make_measure(
                    commitment,
                    title_lv=f"Pasākums {i}{n}",
                    title_en=f"Measure {i}{n}",
                    due_date=datetime.date(2025, 1, 1 + n),
                    responsible_institution=cls.institution,
                )

    def setUp(self):
        _COMPILED.clear()

    def _plain(self, plan, due):
        return [(m.pk, m.title, m.plan.slug, m.commitment.number) for m in _measures(plan.pk, due)]

    def _compiled(self, plan, due):
        objects = compiled_list("test-measures", _measures, plan.pk, due)
        return [(m.pk, m.title, m.plan.slug, m.commitment.number) for m in objects]

    def test_it_gives_what_the_queryset_gives_for_each_set_of_values(self):
        for plan in self.plans:
            for due in (datetime.date(2024, 1, 1), datetime.date(2025, 1, 2), datetime.date(2030, 1, 1)):
                with self.subTest(plan=plan.slug, due=due):
                    self.assertEqual(self._compiled(plan, due), self._plain(plan, due))
        self.assertEqual(len(_COMPILED), 1)

    def test_it_runs_one_query_with_the_related_objects_loaded(self):
        self._compiled(self.plans[0], datetime.date(2024, 1, 1))
        with self.assertNumQueries(1):
            objects = compiled_list("test-measures", _measures, self.plans[0].pk, datetime.date(2024, 1, 1))
            self.assertEqual({m.responsible_institution_id for m in objects}, {self.institution.pk})
            self.assertEqual({m.plan.slug for m in objects}, {"compiled-0"})

    def test_it_reads_content_changed_since_it_was_compiled(self):
        plan = self.plans[0]
        self._compiled(plan, datetime.date(2024, 1, 1))
        Measure.objects.filter(plan=plan).update(title_lv="Jauns nosaukums")
        self.assertEqual({row[1] for row in self._compiled(plan, datetime.date(2024, 1, 1))}, {"Jauns nosaukums"})

    def test_each_language_has_its_own_sql(self):
        plan = self.plans[0]
        for language, title in (("lv", "Pasākums 00"), ("en", "Measure 00")):
            with self.subTest(language=language), translation.override(language):
                self.assertEqual(self._compiled(plan, datetime.date(2024, 1, 1))[0][1], title)
                self.assertEqual(
                    self._compiled(plan, datetime.date(2024, 1, 1)), self._plain(plan, datetime.date(2024, 1, 1))
                )

    def test_it_prefetches_what_the_queryset_prefetches(self):
        def build(slug):
            return Institution.objects.filter(slug=slug).prefetch_related(
                Prefetch("responsible_for", queryset=Measure.objects.order_by("pk"))
            )

        compiled_list("test-prefetch", build, "compiled-inst")
        with self.assertNumQueries(2):
            (institution,) = compiled_list("test-prefetch", build, "compiled-inst")
            self.assertEqual(len(institution.responsible_for.all()), 6)

    def test_it_refuses_an_argument_the_orm_transforms(self):
        with self.assertRaisesMessage(ValueError, "plain value"):
            compiled_list("test-like", lambda word: Measure.objects.filter(title_lv__icontains=word), "dati")

    def test_it_refuses_a_related_manager(self):
        plan = self.plans[0]
        with self.assertRaisesMessage(ValueError, "manager"):
            compiled_list("test-related", lambda plan_id: plan.measures.filter(pk__gt=plan_id), 0)

    def test_compiled_sql_gives_the_querysets_sql_for_each_value(self):
        def build(plan_id):
            return Measure.objects.filter(plan_id=plan_id).order_by("pk").values("pk")

        for plan in self.plans * 2:
            with self.subTest(plan=plan.slug):
                sql, params = compiled_sql("test-sql", build, plan.pk)
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    self.assertEqual(
                        [row[0] for row in cursor.fetchall()], list(build(plan.pk).values_list("pk", flat=True))
                    )

    def test_compiled_rows_gives_what_values_list_gives_in_the_asked_order(self):
        # modeltranslation selects a values_list()'s fields in an order of its own (it varies between
        # processes); the rows come back in the order asked for, dates converted as Django converts them.
        def build(plan_id, due):
            fields = ("pk", "commitment_id", "status", "special_attention", "due_date", "order")
            return Measure.objects.filter(plan_id=plan_id, due_date__gte=due).values_list(*fields).order_by("pk")

        for plan in self.plans:
            for due in (datetime.date(2024, 1, 1), datetime.date(2025, 1, 3)):
                with self.subTest(plan=plan.slug, due=due):
                    rows = compiled_rows("test-rows", build, plan.pk, due)
                    self.assertEqual(rows, list(build(plan.pk, due)))
                    self.assertTrue(rows and all(isinstance(row[4], datetime.date) for row in rows))

    def test_compiled_rows_refuses_a_translated_field(self):
        with self.assertRaisesMessage(ValueError, "translated"):
            compiled_rows(
                "test-rows-title", lambda plan_id: Measure.objects.filter(plan_id=plan_id).values_list("title"), 1
            )

    def test_prefetched_stores_children_where_a_prefetch_would(self):
        plans = list(ActionPlan.objects.filter(pk__in=[plan.pk for plan in self.plans]).order_by("slug"))
        measures = compiled_list("test-children", _measures, self.plans[0].pk, datetime.date(2000, 1, 1))
        measures += compiled_list("test-children", _measures, self.plans[1].pk, datetime.date(2000, 1, 1))
        prefetched(plans, "measures", measures, parent_of=lambda m: m.plan_id)
        with self.assertNumQueries(0):
            loaded = {plan.slug: [m.pk for m in plan.measures.all()] for plan in plans}
        expected = {
            plan.slug: list(_measures(plan.pk, datetime.date(2000, 1, 1)).values_list("pk", flat=True))
            for plan in plans
        }
        self.assertEqual(loaded, expected)
        with self.assertNumQueries(1):  # anything chained on it still asks the database
            self.assertEqual(plans[0].measures.filter(pk=-1).count(), 0)
        with self.assertRaisesMessage(ValueError, "parent_of"):
            prefetched(plans, "measures", measures)
