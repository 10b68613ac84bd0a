"""ogp_portal.history.diff: what counts as a change between two versions, and how its values read."""

import datetime

from django.utils import timezone, translation

from commitments.models import Commitment, Measure, MeasureStatus
from ogp_portal.history.diff import (
    CREATION_WINDOW,
    creation_length,
    diff_rows,
    field_changes,
    m2m_snapshots,
    objects_by_pk,
    referenced_ids,
)
from sourcedata.management.commands.load_real_data import CHANGE_REASON
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_institution, make_plan
from tests.test_history_noop_changes import load_like_the_loader


class FieldChangesTest(BaseTestCase):
    def setUp(self):
        self.measure = load_like_the_loader(make_commitment(plan=make_plan()))
        self.first = self.measure.history.get()

    def _save(self, reason="Labojums", **values):
        measure = Measure.objects.get(pk=self.measure.pk)
        for name, value in values.items():
            setattr(measure, name, value)
        measure._change_reason = reason
        measure.save()
        return measure.history.latest()

    def test_none_empty_text_and_empty_list_are_the_same_value(self):
        second = self._save(description_en="", expected_result_lv="", indicator_en="")
        self.assertEqual(field_changes(Measure, self.first, second), [])
        self.assertEqual(diff_rows(Measure, self.first, second), [])
        third = self._save(description_en=None)
        self.assertEqual(field_changes(Measure, second, third), [])

    def test_translated_fields_are_compared_on_their_language_columns(self):
        with translation.override("en"):
            second = self._save(title_en="New framework document")
        changes = field_changes(Measure, self.first, second)
        self.assertEqual([c.field for c in changes], ["title_en"])
        self.assertEqual((changes[0].new, changes[0].lang, changes[0].long), ("New framework document", "en", False))

    def test_long_texts_are_marked_long(self):
        second = self._save(description_lv="Cits apraksts.")
        change = field_changes(Measure, self.first, second)[0]
        self.assertEqual((change.field, change.long, change.lang), ("description_lv", True, "lv"))

    def test_a_creation_has_no_changes(self):
        self.assertEqual(field_changes(Measure, None, self.first), [])

    def test_it_names_related_objects_and_choice_labels_and_dates(self):
        second = self._save(
            responsible_institution=self.institution,
            status=MeasureStatus.COMPLETE,
            due_date=datetime.date(2025, 6, 30),
            special_attention=False,
        )
        changes = {c.field: c for c in field_changes(Measure, self.first, second)}
        self.assertEqual(set(changes), {"responsible_institution", "status", "due_date", "special_attention"})
        institution = changes["responsible_institution"]
        self.assertEqual(
            (institution.old, institution.new, institution.new_value), ("", "Valsts kanceleja", self.institution.pk)
        )
        self.assertEqual(changes["status"].new, str(MeasureStatus.COMPLETE.label))
        yes_no = (translation.gettext("Yes"), translation.gettext("No"))
        self.assertEqual((changes["special_attention"].old, changes["special_attention"].new), yes_no)
        self.assertIn("2025", changes["due_date"].new)

    def test_a_related_object_deleted_since_is_named_as_deleted(self):
        gone = make_institution(name="Likvidētā iestāde", slug="likvideta")
        second = self._save(responsible_institution=gone)
        third = self._save(responsible_institution=None)
        gone_pk = gone.pk
        gone.delete()
        change = field_changes(Measure, second, third)[0]
        self.assertIn(f"pk={gone_pk}", change.old)
        self.assertEqual(change.new, "")

    def test_it_compares_a_record_with_the_object_as_it_is_now(self):
        self.measure.co_responsible_institutions.set([self.institution, self.other_institution])
        changes = field_changes(Measure, self.first, Measure.objects.get(pk=self.measure.pk))
        self.assertEqual([c.field for c in changes], ["co_responsible_institutions"])
        self.assertEqual(changes[0].new, "Cita ministrija; Valsts kanceleja")

    def test_names_restrict_the_fields_compared(self):
        second = self._save(internal_note="Tikai darbiniekiem", status=MeasureStatus.LIMITED)
        self.assertEqual([c.field for c in field_changes(Measure, self.first, second, names=["status"])], ["status"])


class SnapshotsAndLookupsTest(BaseTestCase):
    def setUp(self):
        self.measure = load_like_the_loader(
            make_commitment(plan=make_plan()), other_implementers=[self.institution, self.other_institution]
        )

    def test_m2m_snapshots_read_every_record_in_one_query_per_field(self):
        self.measure.other_implementers.remove(self.institution)
        records = list(self.measure.history.order_by("history_id"))
        with self.assertNumQueries(3):  # co-responsible institutions, other implementers, funding sources
            snapshots = m2m_snapshots(Measure, records)
        self.assertEqual(
            [snapshots[r.history_id]["other_implementers"] for r in records],
            [frozenset(), {self.institution.pk, self.other_institution.pk}, {self.other_institution.pk}],
        )
        with self.assertNumQueries(0):
            changes = field_changes(Measure, records[1], records[2], names=["number"], snapshots=snapshots)
        self.assertEqual(changes, [])

    def test_objects_by_pk_queries_only_what_the_page_has_not_loaded(self):
        records = list(self.measure.history.order_by("history_id"))
        snapshots = m2m_snapshots(Measure, records)
        names = ["other_implementers", "commitment"]
        with self.assertNumQueries(0):
            ids = referenced_ids(Measure, records, names, snapshots=snapshots)
        self.assertEqual(ids[self.institution.__class__], {self.institution.pk, self.other_institution.pk})
        with self.assertNumQueries(1):  # the other institution; the commitment and one institution are known
            related = objects_by_pk(
                ids, {self.institution.__class__: [self.institution], Commitment: [self.measure.commitment]}
            )
        self.assertIs(related[self.institution.__class__][self.institution.pk], self.institution)
        self.assertEqual(related[self.institution.__class__][self.other_institution.pk], self.other_institution)


class CreationLengthTest(BaseTestCase):
    def test_the_rows_a_load_writes_for_its_m2m_values_belong_to_the_creation(self):
        measure = load_like_the_loader(make_commitment(plan=make_plan()), other_implementers=[self.institution])
        records = list(measure.history.order_by("history_date", "history_id"))
        self.assertEqual([r.history_type for r in records], ["+", "~"])
        self.assertEqual(creation_length(records), 2)

    def test_a_later_change_with_another_reason_or_much_later_is_not_part_of_it(self):
        measure = load_like_the_loader(make_commitment(plan=make_plan()))
        measure.status = MeasureStatus.LIMITED
        measure._change_reason = "Vidusposms"
        measure.save()
        records = list(measure.history.order_by("history_date", "history_id"))
        self.assertEqual(creation_length(records), 1)
        later = records[1]
        later.history_change_reason = CHANGE_REASON
        later.history_date = records[0].history_date + CREATION_WINDOW + datetime.timedelta(seconds=1)
        self.assertEqual(creation_length(records), 1)

    def test_a_history_that_does_not_start_with_a_creation_has_none(self):
        measure = load_like_the_loader(make_commitment(plan=make_plan()))
        record = measure.history.get()
        record.history_type = "~"
        record.history_date = timezone.now()
        self.assertEqual(creation_length([record]), 0)
        self.assertEqual(creation_length([]), 0)
