"""What counts as content: settings.CACHE_CONTENT_MODELS, held against the models by a system check."""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import models
from django.test import SimpleTestCase, TestCase, override_settings

from accounts.models import InstitutionEditor, Reminder, ReminderKind
from ogp_portal.cache import GENERATION_KEY, invalidate_public_pages
from ogp_portal.cache.checks import check_content_models
from ogp_portal.cache.invalidation import is_content
from tests.factories import make_institution, make_round


def without(name: str) -> list[str]:
    return [listed for listed in settings.CACHE_CONTENT_MODELS if listed != name]


def error_ids(errors) -> list[str]:
    return [error.id for error in errors]


class ContentModelCheckTests(SimpleTestCase):
    def test_the_project_list_is_complete(self):
        self.assertEqual(check_content_models(), [])

    def test_it_fails_for_a_public_model_missing_from_the_list(self):
        cases = {
            "commitments.Measure": "published() and a kept history",
            "plans.PlanLink": "a kept history only",
            "reports.Report": "published() only",
        }
        for name, why in cases.items():
            with self.subTest(name, why=why), override_settings(CACHE_CONTENT_MODELS=without(name)):
                errors = check_content_models()

                self.assertEqual(error_ids(errors), ["ogp_cache.E001"])
                self.assertIs(errors[0].obj, apps.get_model(name))

    def test_manage_py_check_fails_for_a_missing_model(self):
        with (
            override_settings(CACHE_CONTENT_MODELS=without("council.Meeting")),
            self.assertRaisesMessage(SystemCheckError, "ogp_cache.E001"),
        ):
            call_command("check")

    def test_it_fails_for_a_listed_model_that_does_not_exist(self):
        for name in ("plans.NoSuchModel", "nosuchapp.Plan", "not-a-model-name"):
            with self.subTest(name), override_settings(CACHE_CONTENT_MODELS=[*settings.CACHE_CONTENT_MODELS, name]):
                self.assertEqual(error_ids(check_content_models()), ["ogp_cache.E002"])

    def test_it_fails_for_a_model_named_content_and_not_content(self):
        both = [*settings.CACHE_NOT_CONTENT_MODELS, "commitments.Measure"]
        with override_settings(CACHE_NOT_CONTENT_MODELS=both):
            self.assertEqual(error_ids(check_content_models()), ["ogp_cache.E003"])

    def test_a_tracked_model_marked_not_content_passes_and_stays_out(self):
        editor_link = apps.get_model("accounts.InstitutionEditor")

        self.assertIn("accounts.InstitutionEditor", settings.CACHE_NOT_CONTENT_MODELS)
        self.assertFalse(is_content(editor_link))
        with override_settings(CACHE_NOT_CONTENT_MODELS=[]):
            self.assertEqual(error_ids(check_content_models()), ["ogp_cache.E001"])

    def test_an_automatic_many_to_many_table_counts_as_its_owner(self):
        measure = apps.get_model("commitments.Measure")

        self.assertTrue(is_content(measure.co_responsible_institutions.through))
        with override_settings(CACHE_CONTENT_MODELS=without("commitments.Measure")):
            self.assertFalse(is_content(measure.co_responsible_institutions.through))


def build(model, made: dict):
    """A saved row of `model` with every required field filled: a related row is the one made before it."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.null or field.has_default() or getattr(field, "auto_now_add", False):
            continue
        if field.name.endswith(("_lv", "_en")) or (field.blank and not field.is_relation):
            continue
        if field.is_relation:
            values[field.name] = made[field.related_model]
        elif field.choices:
            values[field.name] = field.choices[0][0]
        elif isinstance(field, models.DateField):
            later = field.name.endswith(("end", "until", "deadline"))
            values[field.name] = datetime.date(2025 if later else 2024, 1, 1)
        elif isinstance(field, models.URLField):
            values[field.name] = "https://example.invalid/"
        elif isinstance(field, models.CharField | models.TextField):
            values[field.name] = f"{model._meta.model_name}-x"[: field.max_length]
        elif isinstance(field, models.IntegerField | models.DecimalField):
            values[field.name] = 1
    return model._default_manager.create(**values)


class ContentWritesTests(TestCase):
    def generation(self):
        return cache.get(GENERATION_KEY)

    def assert_bumps(self, write, what):
        before = self.generation()
        write()
        self.assertNotEqual(self.generation(), before, what)

    def test_creating_saving_and_deleting_each_listed_model_bumps_the_generation(self):
        invalidate_public_pages()
        made = {}
        listed = [apps.get_model(name) for name in settings.CACHE_CONTENT_MODELS]
        for model in listed:
            with self.subTest(model._meta.label):
                self.assert_bumps(lambda model=model: made.setdefault(model, build(model, made)), "create")
                self.assert_bumps(made[model].save, "save")
        for model in reversed(listed):
            with self.subTest(model._meta.label):
                self.assert_bumps(made[model].delete, "delete")

    def test_writes_to_other_models_keep_the_generation(self):
        institution, reporting_round = make_institution(), make_round()
        invalidate_public_pages()
        before = self.generation()

        user = get_user_model().objects.create_user("someone", password="x" * 12)
        InstitutionEditor.objects.create(user=user, institution=institution)
        Reminder.objects.create(user=user, reporting_round=reporting_round, kind=ReminderKind.OVERDUE)
        self.client.force_login(user)

        self.assertEqual(self.generation(), before)
