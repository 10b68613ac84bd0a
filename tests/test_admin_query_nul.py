"""An admin list's query with a NUL byte (PostgreSQL refuses them in any text) is a bad filter, not a 500.

The loop walks `admin.site._registry`, so every list the project defines is covered, filters and search.
"""

from django.contrib import admin
from django.test import override_settings
from django.urls import reverse

from tests.base import BaseTestCase
from tests.test_admin_pages import build_admin_dataset

PROJECT_APPS = {"institutions", "plans", "commitments", "consultations", "council", "accounts", "reports"}


@override_settings(PAGE_CACHE_ENABLED=False)
class AdminQueryNulTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_admin_dataset()

    def test_a_nul_byte_in_a_filter_or_search_sends_back_to_the_list(self):
        self.login(self.superuser)
        models = [m for m in admin.site._registry if m._meta.app_label in PROJECT_APPS]
        self.assertGreaterEqual(len(models), 20)
        for model in models:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            for query in ("status=%00", "q=a%00", "kind__exact=%00"):
                with self.subTest(model=model._meta.label, query=query):
                    response = self.client.get(f"{url}?{query}")
                    # Django's answer to any filter it cannot use: the list again, flagged `?e=1`.
                    self.assertRedirects(response, f"{url}?e=1", fetch_redirect_response=False)

    def test_a_plain_filter_still_filters(self):
        self.login(self.superuser)
        url = reverse("admin:plans_actionplan_changelist")
        self.assertEqual(self.client.get(f"{url}?status__exact=implementation").status_code, 200)
