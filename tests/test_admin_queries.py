"""Admin list pages run a fixed number of queries, however many rows they show."""

from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import Commitment, Measure, ProgressEntry
from council.models import Meeting
from tests.base import BaseTestCase
from tests.test_admin_pages import OUR_APPS, build_admin_dataset


class ChangelistQueryCountTest(BaseTestCase):
    def setUp(self):
        self.login(self.superuser)

    def _count(self, model, params=None) -> int:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, params or {})
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def _assert_constant(self, models, params=None):
        build_admin_dataset(measures=1, suffix="-a")
        small = {model: self._count(model, params) for model in models}
        # More rows of every kind: a second plan with many measures, entries, agenda items, commitments.
        build_admin_dataset(measures=6, suffix="-b")
        build_admin_dataset(measures=3, suffix="-c")
        for model in models:
            with self.subTest(model=model.__name__):
                self.assertGreater(model._default_manager.count(), 2)
                self.assertEqual(self._count(model, params), small[model])

    def test_measure_progress_commitment_and_meeting_lists(self):
        self._assert_constant([Measure, ProgressEntry, Commitment, Meeting])

    def test_measure_list_with_filters(self):
        self._assert_constant([Measure], {"overdue": "yes", "attention": "no", "status": "limited"})

    def test_every_list_of_our_apps(self):
        models = [model for model in admin.site._registry if model._meta.app_label in OUR_APPS]
        self._assert_constant(models)
