"""The data package at /dati/datapackage.json, checked with frictionless together with its CSV files."""

import json
import pathlib
import tempfile

import frictionless
from django.test import TestCase, override_settings

from opendata.exports import EXPORTS
from opendata.testing import make_world
from tests.test_real_data import load


@override_settings(PAGE_CACHE_ENABLED=False, SITE_URL="https://portal.example.invalid")
class DataPackageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load()  # the real plan: long Latvian texts, missing values, many rows
        cls.world = make_world()  # and every kind of dataset with rows, drafts beside them

    def package(self, prefix: str = "") -> dict:
        response = self.client.get(f"{prefix}/dati/datapackage.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Link"], '<https://creativecommons.org/licenses/by/4.0/>; rel="license"')
        return response.json()

    def validate(self, prefix: str) -> frictionless.Report:
        """The package and every CSV it lists, fetched as a user would, then validated in a directory."""
        descriptor = self.package(prefix)
        with tempfile.TemporaryDirectory() as directory:
            base = pathlib.Path(directory)
            (base / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
            for resource in descriptor["resources"]:
                response = self.client.get(f"{prefix}/dati/{resource['path']}")
                self.assertEqual(response.status_code, 200, resource["path"])
                (base / resource["path"]).write_bytes(response.content)
            return frictionless.validate(str(base / "datapackage.json"))

    def assert_valid(self, report: frictionless.Report) -> None:
        errors = [f"{task.name}: {error.type}: {error.message}" for task in report.tasks for error in task.errors] + [
            f"{error.type}: {error.message}" for error in report.errors
        ]
        self.assertTrue(report.valid, "\n".join(errors[:30]))

    def test_the_latvian_package_and_its_files_are_valid(self):
        report = self.validate("")
        self.assert_valid(report)
        self.assertEqual({task.name for task in report.tasks}, set(EXPORTS))
        self.assertTrue(all(task.stats["rows"] for task in report.tasks), "every dataset has rows to check")

    def test_the_english_package_and_its_files_are_valid(self):
        self.assert_valid(self.validate("/en"))

    def test_every_csv_download_is_a_resource_with_its_declared_types(self):
        package = self.package("/en")
        resources = {r["name"]: r for r in package["resources"]}
        self.assertEqual(list(resources), list(EXPORTS))
        measures = resources["measures"]
        self.assertEqual(measures["path"], "measures.csv")
        self.assertEqual((measures["format"], measures["mediatype"]), ("csv", "text/csv"))
        types = {f["name"]: f["type"] for f in measures["schema"]["fields"]}
        self.assertEqual(types["identifier"], "integer")
        self.assertEqual(types["due date"], "date")
        self.assertEqual(types["overdue"], "boolean")
        self.assertEqual(types["title: language"], "string")
        self.assertEqual(measures["schema"]["primaryKey"], ["identifier"])
        self.assertEqual(
            measures["schema"]["foreignKeys"],
            [{"fields": "commitment identifier", "reference": {"resource": "commitments", "fields": "identifier"}}],
        )
        self.assertEqual(resources["funding-amounts"]["schema"]["primaryKey"], ["funding source identifier", "year"])
        self.assertEqual(package["licenses"][0]["name"], "CC-BY-4.0")
        self.assertEqual(package["licenses"][0]["path"], "https://creativecommons.org/licenses/by/4.0/")
        self.assertTrue(package["created"])

    def test_frictionless_finds_a_value_that_breaks_the_declared_type(self):
        # The check has teeth: a CSV whose identifier is not a number is refused.
        descriptor = self.package("/en")
        descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] == "plans"]
        with tempfile.TemporaryDirectory() as directory:
            base = pathlib.Path(directory)
            (base / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
            content = self.client.get("/en/dati/plans.csv").content.decode("utf-8-sig")
            header, first, *rest = content.splitlines()
            number = header.split(",").index("number in the national series")
            cells = first.split(",")
            cells[number] = "five"
            (base / "plans.csv").write_text("\n".join([header, ",".join(cells), *rest]), encoding="utf-8-sig")
            report = frictionless.validate(str(base / "datapackage.json"))
        self.assertFalse(report.valid)
        self.assertIn("type-error", [error.type for task in report.tasks for error in task.errors])
