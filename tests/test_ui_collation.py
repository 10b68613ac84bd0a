"""Search folding and Latvian ordering (ui/collation.py): Python and the database give the same answer."""

from django.db.models import Value
from django.test import SimpleTestCase, TestCase

from institutions.models import Institution
from tests.factories import make_institution
from ui.collation import Fold, LatvianSortKey, fold, latvian_sort_key

SAMPLES = ["LĪDZDALĪBA", "līdzdalība", "Pašvaldību", "Jaunieši", "ĀČĒĢĪĶĻŅŖŠŪŽ", "āčēģīķļņŗšūž", "Delna – 2024!"]


class FoldTests(SimpleTestCase):
    def test_case_and_latvian_diacritics_do_not_matter(self):
        self.assertEqual(
            {fold(word) for word in ("lidzdaliba", "LĪDZDALĪBA", "līdzdalība", "LidzDalība")}, {"lidzdaliba"}
        )
        self.assertEqual(fold("ĀČĒĢĪĶĻŅŖŠŪŽ āčēģīķļņŗšūž"), "acegiklnrsuz acegiklnrsuz")

    def test_other_characters_are_left_as_written(self):
        self.assertEqual(fold("Delna – 2024!"), "delna – 2024!")


class LatvianOrderTests(SimpleTestCase):
    def test_a_letter_with_a_diacritic_comes_right_after_its_base_letter(self):
        names = [
            "Valsts kanceleja",
            "Ārlietu ministrija",
            "Bērnu tiesību aizsardzības inspekcija",
            "Aizsardzības ministrija",
        ]
        self.assertEqual(
            sorted(names, key=latvian_sort_key),
            [
                "Aizsardzības ministrija",
                "Ārlietu ministrija",
                "Bērnu tiesību aizsardzības inspekcija",
                "Valsts kanceleja",
            ],
        )
        self.assertEqual(
            sorted(["Čehija", "Dānija", "Cēsis", "Cūkas"], key=latvian_sort_key), ["Cēsis", "Cūkas", "Čehija", "Dānija"]
        )
        self.assertEqual(
            sorted(["Zvejnieki", "Žagari", "Saldus", "Šauļi", "Talsi"], key=latvian_sort_key),
            ["Saldus", "Šauļi", "Talsi", "Zvejnieki", "Žagari"],
        )

    def test_case_does_not_matter_and_shorter_words_come_first(self):
        self.assertEqual(sorted(["ārlietu", "Ā", "arī", "A"], key=latvian_sort_key), ["A", "arī", "Ā", "ārlietu"])


class DatabaseAgreesWithPythonTests(TestCase):
    """Run on SQLite and on PostgreSQL (DATABASE_URL): the SQL expressions equal the Python functions."""

    def test_fold_in_sql_equals_fold_in_python(self):
        for text in SAMPLES:
            make_institution(name=text)
        folded = dict(Institution.objects.annotate(f=Fold("name_lv")).values_list("name_lv", "f"))
        self.assertEqual(folded, {text: fold(text) for text in SAMPLES})

    def test_sort_key_in_sql_equals_sort_key_in_python(self):
        make_institution(name="x")
        for text in SAMPLES:
            with self.subTest(text=text):
                key = Institution.objects.annotate(k=LatvianSortKey(Value(text))).values_list("k", flat=True).first()
                self.assertEqual(key, latvian_sort_key(text))

    def test_the_database_orders_by_the_latvian_alphabet_as_python_does(self):
        names = [
            "Ārlietu ministrija",
            "Aizsardzības ministrija",
            "Bērnu fonds",
            "Čaks",
            "Cēsu novads",
            "Zaķi",
            "Žagari",
            "A",
        ]
        for name in names:
            make_institution(name=name)
        ordered = list(Institution.objects.order_by(LatvianSortKey("name_lv")).values_list("name_lv", flat=True))
        self.assertEqual(ordered, sorted(names, key=latvian_sort_key))
        self.assertEqual(ordered[:3], ["A", "Aizsardzības ministrija", "Ārlietu ministrija"])
