"""One history diff: a change whose old and new values read the same, or the initial load, is never a change.

A measure loaded the way `load_real_data` creates it (some texts given in one language only, so the other
columns are NULL) and then saved once in the admin with one real change must show exactly that change in
the public change log, in the admin comparison and in the stale-save message.
"""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from commitments.models import Measure, MeasureStatus
from ogp_portal.history.concurrency import changes_since, stale_message
from portal.changelog import measure_change_log
from sourcedata.management.commands.load_real_data import CHANGE_REASON
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_plan
from tests.test_history_admin import change_url, compare_url, measure_form_data


def load_like_the_loader(commitment, *, other_implementers=(), **fields) -> Measure:
    """What Loader.ensure does: the model built from the fixture's keys only, full_clean(), save(), then
    the M2M values (each `set` writes one more history row with the load's reason)."""
    measure = Measure(
        plan=commitment.plan,
        commitment=commitment,
        number=f"{commitment.number}.1",
        order=1,
        title_lv="Ietvara dokuments par sabiedrības līdzdalību",
        title_en="Framework document on public participation",
        description_lv="Ietvardokumenta izstrāde par sabiedrības līdzdalību.",
        special_attention=True,
        **fields,
    )
    measure._change_reason = CHANGE_REASON
    measure.full_clean()
    measure.save()
    if other_implementers:
        measure.other_implementers.set(other_implementers)
    return measure


def page_url(measure):
    return reverse("portal:measure", args=[measure.plan.slug, measure.pk])


class LoadedMeasureSavedOnceTest(BaseTestCase):
    def setUp(self):
        self.login(self.superuser)
        commitment = make_commitment(plan=make_plan())
        self.measure = load_like_the_loader(commitment, other_implementers=[self.other_institution])
        self.loaded = self.measure.history.latest()
        data = measure_form_data(self.measure, status=MeasureStatus.SUBSTANTIAL, change_reason="Vidusposms")
        response = self.client.post(change_url(self.measure), data)
        self.assertEqual(response.status_code, 302)
        self.saved = self.measure.history.latest()

    def test_the_loaded_measure_has_null_texts_the_admin_saves_as_empty(self):
        # The premise of the bug: the first admin save turns NULL columns into "".
        self.assertIsNone(self.loaded.description_en)
        self.assertIsNone(self.loaded.expected_result_lv)
        self.assertEqual(self.saved.description_en, "")

    def test_the_public_change_log_shows_the_one_real_change(self):
        response = self.client.get(page_url(self.measure))
        entries = response.context["change_log"]
        changed = [entry for entry in entries if not entry.created]
        self.assertEqual(len(changed), 1)
        self.assertEqual([change.field for change in changed[0].changes], ["status"])
        self.assertContains(response, "1 izmaiņa")
        self.assertNotContains(response, "(nav)")
        self.assertContains(response, "<ins>Lielā mērā īstenots</ins>", html=False)

    def test_the_initial_load_is_shown_as_the_addition_not_as_changes(self):
        entries = self.client.get(page_url(self.measure)).context["change_log"]
        created = [entry for entry in entries if entry.created]
        self.assertEqual(len(created), 1)
        self.assertEqual((created[0].reason, created[0].changes), (CHANGE_REASON, []))
        self.assertEqual(created[0].date, self.measure.history.earliest().history_date)
        self.assertEqual(len(entries), 2)  # the load and the one admin save

    def test_the_admin_comparison_lists_the_one_real_change(self):
        response = self.client.get(compare_url(self.measure), {"old": self.loaded.pk, "new": self.saved.pk})
        self.assertEqual([row["name"] for row in response.context["rows"]], ["status"])

    def test_the_stale_save_message_lists_the_one_real_change(self):
        lines, latest = changes_since(Measure, self.measure.pk, self.loaded.version)
        self.assertEqual(latest, self.saved)
        self.assertEqual(len(lines), 1)
        self.assertIn(str(MeasureStatus.SUBSTANTIAL.label), lines[0])
        message = stale_message(Measure, self.measure.pk, self.loaded.version)
        self.assertNotIn("—  →  —", message)
        self.assertEqual(message.count("→"), 1)


class RealDataChangeLogTest(BaseTestCase):
    """The data that ships with the portal, loaded by `load_real_data`."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        call_command("load_real_data", stdout=StringIO())

    def test_no_loaded_measure_shows_its_load_as_changes(self):
        for measure in Measure.objects.select_related("plan"):
            with self.subTest(measure=measure.number or measure.title_lv):
                entries = measure_change_log(measure)
                self.assertEqual([entry.created for entry in entries], [True])

    def test_the_first_admin_save_of_a_loaded_measure_shows_one_change(self):
        self.login(self.superuser)
        measure = Measure.objects.get(plan__slug="lv-nap5-2022-2025", number="1.1")
        data = measure_form_data(
            measure,
            expected_result_lv=measure.expected_result_lv or "",
            indicator_lv=measure.indicator_lv or "",
            status=MeasureStatus.SUBSTANTIAL,
            change_reason="Vidusposms",
        )
        self.assertEqual(self.client.post(change_url(measure), data).status_code, 302)
        response = self.client.get(page_url(measure))
        self.assertContains(response, "1 izmaiņa")
        self.assertNotContains(response, "(nav)")
