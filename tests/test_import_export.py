"""Staff spreadsheet import/export: preview, all-or-nothing, round trips, permissions, escaping."""

import csv
import datetime
import io
import json

import openpyxl
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import translation

from commitments.models import Measure, MeasureStatus, ProgressEntry
from commitments.resources import MeasureResource, ProgressEntryResource
from institutions.models import Institution
from institutions.resources import InstitutionResource
from ogp_portal.import_export_base import SafeCSV
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_entry, make_institution, make_measure, make_plan, make_round

FORMATS = {"xlsx": "0", "csv": "1", "json": "2"}


def admin_url(model, name):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}")


def csv_bytes(rows: list[dict]) -> bytes:
    headers = []
    for row in rows:
        headers += [key for key in row if key not in headers]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def snapshot(model) -> list[dict]:
    """Every object of `model` with its field and M2M values, to compare before and after."""
    rows = []
    for obj in model.objects.order_by("pk"):
        data = model_to_dict(obj)
        data.update({f.name: sorted(o.pk for o in getattr(obj, f.name).all()) for f in model._meta.many_to_many})
        data["version"] = getattr(obj, "version", None)
        rows.append(data)
    return rows


def lv(message: str) -> str:
    """`message` as the Latvian admin (the default language) shows it."""
    with translation.override("lv"):
        return translation.gettext(message)


def history_count(model) -> int:
    return model.history.count()


class ImportExportBase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(slug="rp5")
        cls.commitment = make_commitment(plan=cls.plan)
        cls.partner = make_institution(slug="partner", abbreviation="PRT")
        cls.measure = make_measure(
            cls.commitment,
            responsible_institution=cls.institution,
            due_date=datetime.date(2025, 6, 30),
            progress_percent=30,
            description="Apraksts",
            internal_note="Tikai darbiniekiem",
        )
        cls.measure.co_responsible_institutions.add(cls.partner, cls.other_institution)
        cls.unnumbered = make_measure(cls.commitment, number="", title="Bez numura", special_attention=True)
        cls.round = make_round(plan=cls.plan, title="2024. gads")
        cls.entry = make_entry(measure=cls.measure, reporting_round=cls.round, progress_percent=30)
        cls.entry_of_unnumbered = make_entry(measure=cls.unnumbered, reporting_round=cls.round, narrative="")

    def setUp(self):
        self.login(self.superuser)

    def preview(self, model, content: bytes, fmt: str, name=None):
        upload = SimpleUploadedFile(name or f"import.{fmt}", content)
        return self.client.post(
            admin_url(model, "import"), {"resource": "0", "format": FORMATS[fmt], "import_file": upload}
        )

    def confirm(self, model, preview_response):
        form = preview_response.context["confirm_form"]
        data = {name: form.initial.get(name, "") for name in form.fields}
        return self.client.post(admin_url(model, "process_import"), data)

    def import_file(self, model, content: bytes, fmt: str):
        response = self.preview(model, content, fmt)
        self.assertEqual(response.status_code, 200)
        if "result" not in response.context:
            self.fail(response.context["form"].errors.as_text())
        result = response.context["result"]
        self.assertFalse(result.has_errors() or result.has_validation_errors(), self.errors_of(result))
        return self.confirm(model, response)

    def export(self, model, resource, fmt: str, fields=None) -> bytes:
        names = fields or list(resource().get_export_order())
        data = {"resource": "0", "format": FORMATS[fmt]}
        data.update({f"{resource.__name__.lower()}_{name}": "on" for name in names})
        response = self.client.post(admin_url(model, "export"), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        return response.content

    @staticmethod
    def errors_of(result) -> str:
        messages = [str(e.error) for _i, errors in result.row_errors() for e in errors]
        messages += [str(row.error_dict) for row in result.invalid_rows]
        messages += [str(e.error) for e in result.base_errors]
        return "; ".join(messages)


class RoundTripTest(ImportExportBase):
    def _round_trip(self, model, resource, fmt):
        before, history_before = snapshot(model), history_count(model)
        content = self.export(model, resource, fmt)
        response = self.import_file(model, content, fmt)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(snapshot(model), before)
        self.assertEqual(history_count(model), history_before, "an unchanged file must not add history rows")

    def test_measures_round_trip_in_every_format(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                self._round_trip(Measure, MeasureResource, fmt)

    def test_progress_entries_round_trip_in_every_format(self):
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                self._round_trip(ProgressEntry, ProgressEntryResource, fmt)

    def test_institutions_round_trip_in_every_format(self):
        make_institution(slug="child", parent=self.institution, website="https://example.invalid")
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                self._round_trip(Institution, InstitutionResource, fmt)

    def test_the_export_uses_typed_keys_not_ids(self):
        content = self.export(Measure, MeasureResource, "json")
        rows = {row["title_lv"]: row for row in json.loads(content)}
        row = rows[self.measure.title_lv]
        self.assertEqual(row["plan"], "rp5")
        self.assertEqual(str(row["commitment"]), str(self.commitment.number))
        self.assertEqual(row["responsible_institution"], "vk-test")
        self.assertEqual(sorted(row["co_responsible_institutions"].split(",")), ["cm-test", "partner"])
        entries = json.loads(self.export(ProgressEntry, ProgressEntryResource, "json"))
        self.assertEqual({e["measure"] for e in entries}, {self.measure.number, f"#{self.unnumbered.pk}"})
        self.assertEqual({e["reporting_round"] for e in entries}, {"2024. gads"})

    def test_xlsx_keeps_numbers_and_dates_typed(self):
        sheet = openpyxl.load_workbook(io.BytesIO(self.export(Measure, MeasureResource, "xlsx"))).active
        header = [cell.value for cell in sheet[1]]
        row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index("number")])
        self.assertEqual(row[header.index("progress_percent")], 30)
        self.assertEqual(row[header.index("due_date")].date(), datetime.date(2025, 6, 30))
        blank_row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if not r[header.index("number")])
        self.assertIsNone(blank_row[header.index("progress_percent")])

    def test_an_import_changes_data_and_records_user_and_reason(self):
        content = csv_bytes(
            [{"plan": "rp5", "number": self.measure.number, "status": "complete", "progress_percent": 100}]
        )
        response = self.import_file(Measure, content, "csv")
        self.assertEqual(response.status_code, 302)
        self.measure.refresh_from_db()
        self.assertEqual((self.measure.status, self.measure.progress_percent), (MeasureStatus.COMPLETE, 100))
        self.assertEqual(self.measure.version, 2)
        latest = self.measure.history.latest()
        self.assertEqual(latest.history_user, self.superuser)
        self.assertIn("import.csv", latest.history_change_reason)
        # Untouched columns stay as they were.
        self.assertEqual(self.measure.co_responsible_institutions.count(), 2)

    def test_an_import_can_add_measures_with_m2m_by_slug_or_abbreviation(self):
        row = {
            "plan": "rp5",
            "commitment": self.commitment.number,
            "number": "9.9",
            "title_lv": "Importēts",
            "status": "Not started",
            "responsible_institution": "PRT",
            "co_responsible_institutions": "vk-test, cm-test",
        }
        self.import_file(Measure, csv_bytes([row]), "csv")
        measure = Measure.objects.get(plan=self.plan, number="9.9")
        self.assertEqual(measure.responsible_institution, self.partner)
        self.assertEqual(set(measure.co_responsible_institutions.all()), {self.institution, self.other_institution})
        self.assertEqual(measure.status, MeasureStatus.NOT_STARTED)
        self.assertEqual(measure.history.count(), 1, "one history row per imported row, M2M included")
        self.assertEqual(measure.history.get().history_type, "+")


class DryRunAndRollbackTest(ImportExportBase):
    def test_the_preview_writes_nothing(self):
        before, history_before = snapshot(Measure), history_count(Measure)
        content = csv_bytes(
            [
                {
                    "plan": "rp5",
                    "commitment": self.commitment.number,
                    "number": self.measure.number,
                    "status": "complete",
                    "title_lv": "Jauns",
                },
                {"plan": "rp5", "commitment": self.commitment.number, "number": "7.7", "title_lv": "Jauns pasākums"},
            ]
        )
        response = self.preview(Measure, content, "csv")
        self.assertEqual(response.status_code, 200)
        result = response.context["result"]
        self.assertEqual((result.totals["update"], result.totals["new"]), (1, 1))
        self.assertIn("confirm_form", response.context)
        self.assertEqual(snapshot(Measure), before)
        self.assertEqual(history_count(Measure), history_before)

    def _assert_file_refused(self, model, rows, expected_message):
        before, history_before = snapshot(model), history_count(model)
        response = self.preview(model, csv_bytes(rows), "csv")
        result = response.context["result"]
        self.assertTrue(result.has_validation_errors() or result.has_errors())
        self.assertNotIn("confirm_form", response.context)
        self.assertContains(response, expected_message)
        self.assertEqual(snapshot(model), before)
        self.assertEqual(history_count(model), history_before)

    def test_a_progress_over_100_refuses_the_file(self):
        self._assert_file_refused(
            Measure,
            [
                {"plan": "rp5", "number": self.measure.number, "progress_percent": "50"},
                {"id": self.unnumbered.pk, "progress_percent": "150"},
            ],
            lv("A percentage must be between 0 and 100, not %(value)s.") % {"value": 150},
        )

    def test_an_unknown_institution_refuses_the_file(self):
        self._assert_file_refused(
            Measure,
            [{"plan": "rp5", "number": self.measure.number, "responsible_institution": "no-such-slug"}],
            "no-such-slug",
        )

    def test_an_unknown_institution_in_a_list_refuses_the_file(self):
        self._assert_file_refused(
            Measure,
            [{"plan": "rp5", "number": self.measure.number, "co_responsible_institutions": "vk-test,ghost"}],
            "ghost",
        )

    def test_an_unknown_status_refuses_the_file(self):
        self._assert_file_refused(
            ProgressEntry,
            [{"plan": "rp5", "measure": self.measure.number, "reporting_round": "2024. gads", "status": "done-ish"}],
            "done-ish",
        )

    def test_a_bad_row_rolls_back_the_good_ones_at_the_import_step(self):
        """All or nothing even when the file reaches the final step (e.g. changed after the preview)."""
        good = {
            "plan": "rp5",
            "commitment": self.commitment.number,
            "number": self.measure.number,
            "title_lv": self.measure.title_lv,
            "status": "complete",
            "progress_percent": "100",
        }
        new = {"plan": "rp5", "commitment": self.commitment.number, "number": "8.1", "title_lv": "Jauns"}
        preview = self.preview(Measure, csv_bytes([good, new]), "csv")
        self.assertTrue("confirm_form" in preview.context, self.errors_of(preview.context["result"]))
        # Replace the stored upload with a file whose last row is bad before confirming.
        from import_export.tmp_storages import TempFolderStorage

        name = preview.context["confirm_form"].initial["import_file_name"]
        bad = {**good, "progress_percent": "150"}
        storage = TempFolderStorage(name=name, encoding="utf-8-sig", read_mode="r")
        storage.save(csv_bytes([good, new, bad]).decode())
        before, history_before = snapshot(Measure), history_count(Measure)
        response = self.confirm(Measure, preview)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(snapshot(Measure), before)
        self.assertEqual(history_count(Measure), history_before)
        self.assertFalse(Measure.objects.filter(number="8.1").exists())

    def test_resource_import_is_all_or_nothing_too(self):
        """The same guarantee outside the admin (e.g. a management command using the resource)."""
        from tablib import Dataset

        dataset = Dataset(headers=["plan", "number", "status", "progress_percent"])
        dataset.append(["rp5", self.measure.number, "complete", "100"])
        dataset.append(["rp5", self.measure.number, "complete", "101"])
        before, history_before = snapshot(Measure), history_count(Measure)
        result = MeasureResource().import_data(dataset, dry_run=False)
        self.assertTrue(result.has_validation_errors())
        self.assertEqual(snapshot(Measure), before)
        self.assertEqual(history_count(Measure), history_before)


class PermissionTest(ImportExportBase):
    def _staff_with(self, *codenames):
        user = self.coordinator.__class__.objects.create_user(f"staff-{'-'.join(codenames)}", is_staff=True)
        user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
        self.login(user)
        return user

    def test_change_permission_is_not_enough_to_import_or_export(self):
        self._staff_with("view_measure", "change_measure", "add_measure")
        self.assertEqual(self.client.get(admin_url(Measure, "changelist")).status_code, 200)
        self.assertEqual(self.client.get(admin_url(Measure, "import")).status_code, 403)
        self.assertEqual(self.client.post(admin_url(Measure, "process_import"), {}).status_code, 403)
        self.assertEqual(self.client.get(admin_url(Measure, "export")).status_code, 403)
        response = self.client.get(admin_url(Measure, "changelist"))
        self.assertNotContains(response, admin_url(Measure, "import"))
        self.assertNotContains(response, admin_url(Measure, "export"))

    def test_the_import_and_export_permissions_open_them(self):
        self._staff_with("view_measure", "change_measure", "add_measure", "import_measure", "export_measure")
        self.assertEqual(self.client.get(admin_url(Measure, "import")).status_code, 200)
        self.assertEqual(self.client.get(admin_url(Measure, "export")).status_code, 200)

    def test_each_model_has_its_own_permission(self):
        self._staff_with("view_progressentry", "change_progressentry", "import_measure", "export_measure")
        self.assertEqual(self.client.get(admin_url(ProgressEntry, "import")).status_code, 403)
        self.assertEqual(self.client.get(admin_url(ProgressEntry, "export")).status_code, 403)

    def test_institution_import_needs_its_permission(self):
        self._staff_with("view_institution", "change_institution")
        self.assertEqual(self.client.get(admin_url(Institution, "import")).status_code, 403)


class ExportSafetyTest(ImportExportBase):
    def setUp(self):
        super().setUp()
        Measure.objects.filter(pk=self.measure.pk).update(title_lv='=HYPERLINK("http://evil.invalid","x")')

    def test_csv_export_escapes_formulas(self):
        content = self.export(Measure, MeasureResource, "csv").decode("utf-8-sig")
        self.assertNotIn(",=HYPERLINK", content)
        self.assertIn('HYPERLINK(""http://evil.invalid""', content)

    def test_xlsx_export_escapes_formulas(self):
        sheet = openpyxl.load_workbook(io.BytesIO(self.export(Measure, MeasureResource, "xlsx"))).active
        values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
        self.assertFalse(any(isinstance(v, str) and v.startswith("=") for v in values))
        self.assertIn('HYPERLINK("http://evil.invalid","x")', values)
        formula_cells = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        self.assertEqual(formula_cells, [])

    def test_escaping_keeps_other_cells_typed(self):
        from tablib import Dataset

        dataset = Dataset(["=1+2", None, 5, "plain"], headers=["a", "b", "c", "d"])
        SafeCSV()._escape_formulae(dataset)
        self.assertEqual(list(dataset[0]), ["1+2", None, 5, "plain"])

    def test_the_internal_note_is_exported_only_when_ticked(self):
        response = self.client.get(admin_url(Measure, "export"))
        form = response.context["form"]
        self.assertFalse(form.fields["measureresource_internal_note"].initial)
        self.assertTrue(form.fields["measureresource_title_lv"].initial)
        without = json.loads(self.export(Measure, MeasureResource, "json", fields=["id", "number", "title_lv"]))
        self.assertNotIn("internal_note", without[0])
        with_note = json.loads(self.export(Measure, MeasureResource, "json", fields=["id", "internal_note"]))
        self.assertIn("Tikai darbiniekiem", {row["internal_note"] for row in with_note})
