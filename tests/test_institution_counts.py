"""An institution's measure counts agree everywhere the public reads them (on the real data)."""

import io
import json
import re

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from institutions.models import Institution

ROW = re.compile(
    r'<tr><th scope="row"><a href="[^"]*/(?P<slug>[^/"]+)/">.*?</th>'
    r'<td class="num">(?P<responsible>\d+)</td><td class="num">(?P<co>\d+)</td></tr>'
)


class InstitutionCountsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_real_data", stdout=io.StringIO())

    def list_counts(self) -> dict[str, tuple[int, int]]:
        content = self.client.get(reverse("portal:institutions")).content.decode()
        rows = {m["slug"]: (int(m["responsible"]), int(m["co"])) for m in ROW.finditer(content)}
        self.assertEqual(len(rows), content.count('<tr><th scope="row">'), "a row the pattern did not read")
        return rows

    def dataset_counts(self, institution: Institution) -> tuple[int, int, int]:
        url = reverse("opendata:download", args=["measures", "json"]) + f"?institution={institution.slug}"
        items = json.loads(self.client.get(url).content)["items"]
        name = str(institution)
        responsible = sum(item["responsible_institution"] == name for item in items)
        co = sum(name in item["co_responsible_institutions"] for item in items)
        other = sum(name in item["other_implementers"] for item in items)
        return responsible, co + other, len(items)

    def test_every_institution_has_the_same_counts_on_every_page_and_download(self):
        rows = self.list_counts()
        self.assertGreater(len(rows), 3)
        self.assertEqual(rows["varam"][0], 3)
        for institution in Institution.objects.filter(slug__in=rows):
            with self.subTest(institution.slug):
                detail = self.client.get(reverse("portal:institution", args=[institution.slug])).context["measures"]
                search = self.client.get(reverse("portal:measures") + f"?institution={institution.slug}")
                responsible, co_implementing, involved = self.dataset_counts(institution)
                self.assertEqual(rows[institution.slug], (responsible, co_implementing))
                self.assertEqual(detail["responsible"].total, responsible)
                self.assertEqual(detail["co_responsible"].total + detail["other"].total, co_implementing)
                self.assertEqual(search.context["page"].paginator.count, involved)
