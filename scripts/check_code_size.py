"""No module of code over 400 lines, no function over 60 (migrations, tests, data files aside).

    python scripts/check_code_size.py

Run by .ci/run. ALLOWED lists today's offenders, each with why it is still there; an offender not
on it fails, and so does an entry that no longer offends (delete it), so the list only shrinks.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# The project's own code: the apps, the project package and the scripts. Tests and benchmarks are not
# held to it, nor migrations (generated) and data.
PACKAGES = (
    "ogp_portal",
    "ui",
    "institutions",
    "accounts",
    "plans",
    "commitments",
    "consultations",
    "council",
    "portal",
    "opendata",
    "reports",
    "sourcedata",
    "scripts",
)
SKIPPED_PARTS = {"migrations", "tests", "locale", "static", "templates"}

# "path" for a module, "path:function" (methods as Class.method) for a function.
ALLOWED = {
    # Test data builders: one long literal description of a meeting / a small world, read as data.
    "council/testing.py:make_meeting_no5": "test data, written out as one meeting's record",
    "opendata/testing.py:make_world": "test data, written out as one small portal",
}


def offenders(root: Path = ROOT, packages=PACKAGES) -> dict[str, int]:
    """Every module over MAX_MODULE_LINES and function over MAX_FUNCTION_LINES, with its length."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            rel = path.relative_to(root)
            if SKIPPED_PARTS & set(rel.parts[:-1]):
                continue
            source = path.read_text(encoding="utf-8")
            lines = source.count("\n") + (0 if source.endswith("\n") or not source else 1)
            if lines > MAX_MODULE_LINES:
                found[rel.as_posix()] = lines
            for name, length in _functions(ast.parse(source)):
                if length > MAX_FUNCTION_LINES:
                    found[f"{rel.as_posix()}:{name}"] = length
    return found


def _functions(tree: ast.AST, prefix: str = ""):
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield prefix + node.name, node.end_lineno - node.lineno + 1
            yield from _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")


def problems(found: dict[str, int], allowed=ALLOWED) -> list[str]:
    messages = [
        f"{name}: {length} lines (limit {MAX_FUNCTION_LINES if ':' in name else MAX_MODULE_LINES})"
        for name, length in sorted(found.items())
        if name not in allowed
    ]
    messages += [
        f"{name}: within the limits now; delete it from ALLOWED" for name in sorted(allowed) if name not in found
    ]
    return messages


def main() -> int:
    messages = problems(offenders())
    for message in messages:
        print(message, file=sys.stderr)
    return 1 if messages else 0


if __name__ == "__main__":
    sys.exit(main())
