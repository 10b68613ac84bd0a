"""The reports list offers its reports as CSV, XLSX and JSON, exactly as listed."""

import csv
import io
import json
import re

from django.urls import reverse

from reports.services import report_publish
from tests.test_reports_publishing import PublishingTestCase


class ReportListDownloadsTests(PublishingTestCase):
    def publish(self, **kw):
        return report_publish(report=self.request_build(**kw), user=self.coordinator)

    def test_the_files_hold_the_listed_reports_in_the_list_order(self):
        first = self.publish()
        second = self.publish(language="en")
        self.request_build(language="lv")  # built, never published
        page = self.client.get(reverse("reports:list")).content.decode()
        listed = [int(pk) for pk in re.findall(r'href="/atskaites/(\d+)/lejupieladet/"', page)]
        self.assertEqual(sorted(listed), sorted([first.pk, second.pk]))
        csv_url = reverse("opendata:download", kwargs={"dataset": "reports", "fmt": "csv"})
        self.assertIn(f'href="{csv_url}"', page)
        rows = list(csv.DictReader(io.StringIO(self.client.get(csv_url).content.decode("utf-8-sig"))))
        self.assertEqual([int(row[next(iter(row))]) for row in rows], listed)
        json_url = reverse("opendata:download", kwargs={"dataset": "reports", "fmt": "json"})
        data = json.loads(self.client.get(json_url).content)
        self.assertEqual([item["id"] for item in data["items"]], listed)

    def test_an_empty_list_offers_no_files(self):
        page = self.client.get(reverse("reports:list")).content.decode()
        self.assertNotIn("/dati/reports.", page)
