"""Imports respect roles: a file touching another institution's measures is refused whole, rows named."""

import tablib
from django.utils.translation import gettext

from commitments.import_guard import scoped_resource
from commitments.models import MeasureStatus, ProgressEntry, ReviewState
from commitments.resources import MeasureResource, ProgressEntryResource
from plans.models import RoundStatus
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_measure, make_plan, make_round

HEADERS = ["plan", "measure", "reporting_round", "status", "narrative_lv"]


class ImportScopeTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(slug="plans")
        commitment = make_commitment(plan=cls.plan, number=1)
        cls.own = make_measure(commitment, number="1.1", responsible_institution=cls.institution)
        cls.own_too = make_measure(commitment, number="1.2", responsible_institution=cls.institution)
        cls.foreign = make_measure(commitment, number="1.3", responsible_institution=cls.other_institution)
        cls.round = make_round(plan=cls.plan, title_lv="2025. gads", status=RoundStatus.OPEN)

    def dataset(self, *rows):
        data = tablib.Dataset(headers=HEADERS)
        for number, status in rows:
            data.append(["plans", number, "2025. gads", status, f"Paveikts {number}"])
        return data

    def run_import(self, resource_class, data, user, dry_run=False):
        return scoped_resource(resource_class)().import_data(data, dry_run=dry_run, user=user, file_name="x.csv")

    def row_errors(self, result):
        return {row.number: " ".join(str(m) for m in row.error.messages) for row in result.invalid_rows}

    def test_an_editor_imports_reports_for_their_own_measures(self):
        result = self.run_import(
            ProgressEntryResource, self.dataset(("1.1", "limited"), ("1.2", "complete")), self.editor
        )
        self.assertFalse(result.has_validation_errors() or result.has_errors())
        self.assertEqual(ProgressEntry.objects.filter(review_state=ReviewState.DRAFT).count(), 2)

    def test_it_rejects_the_whole_file_if_one_row_is_another_institutions(self):
        data = self.dataset(("1.1", "limited"), ("1.3", "complete"), ("1.2", "limited"))
        result = self.run_import(ProgressEntryResource, data, self.editor)
        self.assertTrue(result.has_validation_errors())
        errors = self.row_errors(result)
        # Row 3 as a spreadsheet numbers it: the header is row 1, the second measure row 3.
        self.assertEqual(list(errors), [3])
        self.assertIn("1.3", errors[3])
        self.assertIn(str(self.other_institution), errors[3])
        self.assertFalse(ProgressEntry.objects.exists())

    def test_the_dry_run_names_the_rows_too(self):
        data = self.dataset(("1.3", "complete"), ("1.1", "limited"))
        result = self.run_import(ProgressEntryResource, data, self.editor, dry_run=True)
        self.assertEqual(list(self.row_errors(result)), [2])

    def test_the_coordinator_imports_any_institutions_rows(self):
        result = self.run_import(
            ProgressEntryResource, self.dataset(("1.1", "limited"), ("1.3", "complete")), self.coordinator
        )
        self.assertFalse(result.has_validation_errors())
        self.assertEqual(ProgressEntry.objects.count(), 2)

    def test_it_rejects_an_editor_approving_through_a_file(self):
        data = tablib.Dataset(headers=[*HEADERS, "review_state"])
        data.append(["plans", "1.1", "2025. gads", "complete", "Gatavs", "approved"])
        result = self.run_import(ProgressEntryResource, data, self.editor)
        self.assertIn(gettext("Only the coordinator changes the review state."), self.row_errors(result)[2])
        self.assertFalse(ProgressEntry.objects.exists())

    def test_it_rejects_changing_a_submitted_report(self):
        entry = make_entry(self.own, self.round, review_state=ReviewState.SUBMITTED, narrative_lv="Sākotnējais")
        result = self.run_import(ProgressEntryResource, self.dataset(("1.1", "limited")), self.editor)
        self.assertTrue(result.has_validation_errors())
        entry.refresh_from_db()
        self.assertEqual(entry.narrative_lv, "Sākotnējais")

    def test_it_rejects_reports_into_a_closed_round(self):
        self.round.status = RoundStatus.CLOSED
        self.round.save()
        result = self.run_import(ProgressEntryResource, self.dataset(("1.1", "limited")), self.editor)
        self.assertIn(
            gettext("Round “%(round)s” is not open for reports.") % {"round": self.round}, self.row_errors(result)[2]
        )

    def test_editors_never_import_measures(self):
        data = tablib.Dataset(headers=["plan", "commitment", "number", "title_lv", "status"])
        data.append(["plans", 1, "1.1", "Jauns nosaukums", MeasureStatus.COMPLETE])
        result = self.run_import(MeasureResource, data, self.editor)
        self.assertTrue(result.has_validation_errors())
        self.own.refresh_from_db()
        self.assertNotEqual(self.own.title_lv, "Jauns nosaukums")
