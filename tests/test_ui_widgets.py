"""ui.widgets.Select writes what Django's Select writes, from one query of its choices."""

import re

from django import forms
from django.test import TestCase

from commitments.filters import MeasureFilter
from commitments.models import Measure
from tests.factories import make_institution
from ui.widgets import Select


def _normal(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


class SelectTests(TestCase):
    choices = [("", "All"), ("a", "Ā & <b>"), ("b", "B"), ("b", "B again")]

    def test_it_matches_django_with_and_without_a_chosen_value(self):
        for value in (None, "", "a", "b", "missing"):
            with self.subTest(value=value):
                attrs = {"id": "id_x", "aria-invalid": "true"}
                ours = Select(choices=self.choices).render("x", value, attrs)
                django = forms.Select(choices=self.choices).render("x", value, attrs)
                self.assertEqual(_normal(ours), _normal(django))
        self.assertIn("Ā &amp; &lt;b&gt;", Select(choices=self.choices).render("x", None))

    def test_it_leaves_groups_to_django(self):
        grouped = [("Group", [("a", "A")])]
        self.assertIn("<optgroup", Select(choices=grouped).render("x", "a"))

    def test_the_measure_filter_reads_each_model_list_with_one_query(self):
        make_institution(slug="widget-test")
        form = MeasureFilter({"institution": "widget-test"}, queryset=Measure.objects.all()).form
        self.assertTrue(form.is_valid())  # its own query: the chosen institution
        with self.assertNumQueries(1):
            html = str(form["institution"])
        self.assertIn('<option value="widget-test" selected>', html)
