"""scripts/check_code_size.py: modules up to 400 lines, functions up to 60, the allow-list only shrinks."""

import importlib.util
import tempfile
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("check_code_size", ROOT / "scripts" / "check_code_size.py")
check_code_size = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_code_size)


class CodeSizeTests(SimpleTestCase):
    def _write(self, tmp: Path, name: str, text: str) -> None:
        path = tmp / "app" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def test_the_code_is_within_the_limits_or_on_the_allow_list(self):
        self.assertEqual(check_code_size.problems(check_code_size.offenders()), [])

    def test_it_reports_a_long_method_and_a_long_module_but_not_migrations(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            body = "".join(f"        x = {i}\n" for i in range(60))
            self._write(tmp, "views.py", f"class View:\n    def get(self):\n{body}")
            self._write(tmp, "big.py", "x = 1\n" * 401)
            self._write(tmp, "migrations/0001_initial.py", "x = 1\n" * 500)
            found = check_code_size.offenders(tmp, ["app"])
        self.assertEqual(found, {"app/views.py:View.get": 61, "app/big.py": 401})

    def test_it_refuses_a_new_offender_and_a_stale_allowance(self):
        messages = check_code_size.problems({"app/new.py": 450}, allowed={"app/fixed.py": "was long"})
        self.assertEqual(
            messages,
            ["app/new.py: 450 lines (limit 400)", "app/fixed.py: within the limits now; delete it from ALLOWED"],
        )
