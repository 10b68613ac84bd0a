"""generate_synthetic: deterministic, visibly synthetic, the real plan's shape, never in the way of real data."""

from collections import Counter
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import models
from django.test import TestCase

from commitments.models import Measure, ProgressEntry, ReviewState
from council.models import Attendance, Meeting
from institutions.models import Institution
from ogp_portal.cache import GENERATION_KEY
from plans.models import ActionPlan
from sourcedata.management.commands.generate_synthetic import CONTENT_MODELS, MEASURES_PER_COMMITMENT
from tests.factories import make_plan

MEASURES_PER_PLAN = sum(MEASURES_PER_COMMITMENT)


def generate(**options):
    call_command("generate_synthetic", stdout=StringIO(), **options)


def snapshot() -> dict[str, list]:
    """Every generated row, with primary and foreign keys made relative to the first row of their table.

    The test database holds nothing else, so whole tables can be compared between two runs.
    """
    User = get_user_model()
    tables = [*CONTENT_MODELS, User]
    tables += [model.history.model for model in CONTENT_MODELS]
    tables += [
        field.remote_field.through
        for model in CONTENT_MODELS
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]
    first_pk = {model: model.objects.aggregate(first=models.Min("pk"))["first"] or 0 for model in tables}
    result = {}
    for model in tables:
        rows = []
        for obj in model.objects.order_by("pk"):
            row = []
            for f in model._meta.concrete_fields:
                value = getattr(obj, f.attname)
                if f.name in ("password", "date_joined", "last_login"):
                    continue
                if f.primary_key and value is not None:
                    value -= first_pk[model]
                elif f.name == "id" and hasattr(model, "instance_type"):  # a history row's record id
                    value -= first_pk[model.instance_type]
                elif f.is_relation and value is not None and f.related_model in first_pk:
                    value -= first_pk[f.related_model]
                elif f.is_relation and value is not None:
                    related = f.related_model._meta.get_field(f.target_field.name).model
                    value -= first_pk.get(related, 0)
                row.append(value)
            rows.append(tuple(row))
        result[model._meta.label] = rows
    return result


class SyntheticDataTests(TestCase):
    def test_the_same_seed_gives_the_same_data(self):
        generate(scale=2, seed=5)
        first = snapshot()

        generate(scale=2, seed=5, replace=True)

        self.assertEqual(snapshot(), first)

    def test_another_seed_gives_other_data(self):
        generate(scale=1, seed=5)
        titles_5 = list(Measure.objects.order_by("pk").values_list("title_lv", "status"))
        generate(scale=1, seed=6)
        seed_6 = Measure.objects.filter(plan__slug__startswith="synthetic-s6-")
        titles_6 = list(seed_6.order_by("pk").values_list("title_lv", "status"))

        self.assertNotEqual(titles_5, titles_6)

    def test_it_is_n_times_the_real_plan(self):
        generate(scale=3, seed=1)

        self.assertEqual(ActionPlan.objects.count(), 3)
        self.assertEqual(Measure.objects.count(), 3 * MEASURES_PER_PLAN)
        for plan in ActionPlan.objects.all():
            self.assertEqual(plan.commitments.count(), len(MEASURES_PER_COMMITMENT))
            self.assertEqual(plan.measures.filter(added_by_revision__isnull=False, number="").count(), 3)
            self.assertEqual(Meeting.objects.filter(council__plan=plan).count(), 4)
        self.assertEqual(ProgressEntry.objects.count(), 2 * Measure.objects.count())
        self.assertTrue(Attendance.objects.exists())

    def test_most_progress_entries_are_approved(self):
        generate(scale=3, seed=1)

        states = Counter(ProgressEntry.objects.values_list("review_state", flat=True))
        self.assertGreater(states[ReviewState.APPROVED] / sum(states.values()), 0.7)
        self.assertGreater(len(states), 1)

    def test_every_measure_has_several_edits_with_reasons(self):
        generate(scale=1, seed=1)

        for measure in Measure.objects.all():
            history = list(measure.history.order_by("history_date"))
            self.assertGreaterEqual(len(history), 2)
            self.assertEqual(history[0].history_type, "+")
            self.assertTrue(all(h.history_change_reason for h in history))
            # The newest history row is the measure as it stands.
            self.assertEqual((history[-1].status, history[-1].version), (measure.status, measure.version))

    def test_it_is_visibly_synthetic(self):
        generate(scale=2, seed=1)

        self.assertFalse(ActionPlan.objects.exclude(slug__startswith="synthetic-").exists())
        self.assertFalse(ActionPlan.objects.exclude(title_lv__startswith="Sintētisks").exists())
        self.assertFalse(ActionPlan.objects.exclude(title_en__startswith="Synthetic").exists())
        self.assertFalse(Measure.objects.exclude(title_lv__startswith="Sintētisks").exists())
        self.assertFalse(Institution.objects.exclude(slug__startswith="synthetic-").exists())
        self.assertFalse(Institution.objects.exclude(name_lv__startswith="Sintētiska").exists())

    def test_the_real_current_plan_stays_current(self):
        real = make_plan(slug="real")

        generate(scale=3, seed=1)

        self.assertEqual(ActionPlan.objects.current(), real)

    def test_it_refuses_to_run_twice_with_the_same_seed(self):
        generate(scale=1, seed=1)

        with self.assertRaisesMessage(CommandError, "--replace"):
            generate(scale=1, seed=1)
        self.assertEqual(ActionPlan.objects.count(), 1)

    def test_replace_leaves_no_orphan_history(self):
        generate(scale=2, seed=1)
        generate(scale=1, seed=1, replace=True)

        for model in CONTENT_MODELS:
            orphans = model.history.exclude(id__in=model.objects.values("pk"))
            self.assertFalse(orphans.exists(), model.__name__)
        self.assertEqual(ActionPlan.objects.count(), 1)

    def test_it_rejects_a_scale_below_one(self):
        with self.assertRaisesMessage(CommandError, "--scale"):
            generate(scale=0)

    def test_it_invalidates_cached_pages(self):
        cache.set(GENERATION_KEY, 1, None)

        generate(scale=1, seed=1)

        self.assertNotEqual(cache.get(GENERATION_KEY), 1)


class RealDataStaysRealTests(TestCase):
    def test_load_real_data_creates_nothing_synthetic(self):
        call_command("load_real_data", stdout=StringIO())

        self.assertTrue(ActionPlan.objects.exists())
        self.assertFalse(ActionPlan.objects.filter(slug__startswith="synthetic-").exists())
        self.assertFalse(Measure.objects.filter(title_lv__startswith="Sintētisks").exists())
