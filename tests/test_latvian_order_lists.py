"""Lists of institutions and council members in the Latvian alphabetical order on Latvian pages.

By code point "Ārlietu" (Ā, U+0100) would come after every Latin letter; in the Latvian alphabet Ā comes
right after A. English pages keep the plain order of the names they show.
"""

from django.urls import reverse
from django.utils import translation

from council.models import CouncilMember
from council.testing import make_council
from institutions.models import Institution
from tests.base import BaseTestCase
from tests.factories import make_commitment, make_institution, make_measure, make_plan

DEFENCE = "Aizsardzības ministrija"
FOREIGN = "Ārlietu ministrija"
CHILDREN = "Bērnu tiesību aizsardzības inspekcija"
LATVIAN_ORDER = [DEFENCE, FOREIGN, CHILDREN]


def positions(html: str, names: list[str]) -> list[str]:
    return sorted(names, key=lambda name: html.index(name))


class LatvianOrderTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.parent = make_institution(name="Valsts kanceleja (augstākā)", slug="parent")
        # Created out of order, so that neither the primary key nor code points give the Latvian order.
        english = {
            CHILDREN: "Children's Rights Inspectorate",
            FOREIGN: "Ministry of Foreign Affairs",
            DEFENCE: "Ministry of Defence",
        }
        cls.institutions = [
            make_institution(name=name, name_en=name_en, parent=cls.parent) for name, name_en in english.items()
        ]
        plan = make_plan()
        cls.measure = make_measure(make_commitment(plan))
        cls.measure.co_responsible_institutions.add(*cls.institutions)
        cls.council = make_council(plan=plan)
        for person in ("Bērziņš Jānis", "Ābols Pēteris", "Auziņa Ilze"):
            CouncilMember.objects.create(council=cls.council, person_name=person)

    def test_the_measure_page_lists_institutions_in_the_latvian_alphabet(self):
        html = self.client.get(self.measure.get_absolute_url()).content.decode()
        self.assertEqual(positions(html, LATVIAN_ORDER), LATVIAN_ORDER)

    def test_the_english_measure_page_keeps_the_plain_order_of_english_names(self):
        with translation.override("en"):
            url = self.measure.get_absolute_url()
        html = self.client.get(url).content.decode()
        names = ["Children's Rights Inspectorate", "Ministry of Defence", "Ministry of Foreign Affairs"]
        self.assertEqual(positions(html.replace("&#x27;", "'"), names), names)

    def test_subordinate_institutions_follow_the_latvian_alphabet(self):
        with translation.override("lv"):
            self.assertEqual([i.name for i in self.parent.subordinates.all()], LATVIAN_ORDER)
        with translation.override("en"):
            self.assertEqual(
                [i.name for i in self.parent.subordinates.all()],
                ["Children's Rights Inspectorate", "Ministry of Defence", "Ministry of Foreign Affairs"],
            )

    def test_an_explicit_order_still_wins(self):
        with translation.override("lv"):
            names = list(Institution.objects.filter(parent=self.parent).order_by("pk").values_list("name", flat=True))
        self.assertEqual(names, [CHILDREN, FOREIGN, DEFENCE])

    def test_the_latvian_admin_lists_institutions_in_the_latvian_alphabet(self):
        self.login(self.superuser)
        html = self.client.get(reverse("admin:institutions_institution_changelist")).content.decode()
        self.assertEqual(positions(html, LATVIAN_ORDER), LATVIAN_ORDER)

    def test_the_councils_members_list_in_the_latvian_admin_follows_the_latvian_alphabet(self):
        self.login(self.superuser)
        html = self.client.get(reverse("admin:council_council_change", args=[self.council.pk])).content.decode()
        members = ["Auziņa Ilze", "Ābols Pēteris", "Bērziņš Jānis"]
        self.assertEqual(positions(html, members), members)
        with translation.override("en"):
            plain = list(CouncilMember.objects.filter(council=self.council).values_list("person_name", flat=True))
        self.assertEqual(plain, ["Auziņa Ilze", "Bērziņš Jānis", "Ābols Pēteris"])
