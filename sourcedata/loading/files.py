"""Reading the fixture files: TOML, stripped, refused if the document conversion left artefacts in them."""

import re
import tomllib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError

# Left behind by the Word/PDF-to-text conversion of the seeds; the fixtures must be clean of them.
ARTEFACTS = re.compile(r"\[bookmark:|\[footnote|\u00a0")

Entry = dict[str, Any]


def default_source_dir() -> Path:
    return Path(settings.BASE_DIR) / "fixtures"


def read_all(source_dir: Path) -> tuple[list[Entry], list[tuple[str, Entry]], list[tuple[str, Entry]]]:
    """The institutions, the plan files and the council files (name and content, sorted by name)."""
    if not source_dir.is_dir():
        raise CommandError(f"No fixtures directory at {source_dir}.")
    institutions = read_file(source_dir / "institutions.toml").get("institutions", [])
    plans = [(p.name, read_file(p)) for p in sorted((source_dir / "plans").glob("*.toml"))]
    councils = [(p.name, read_file(p)) for p in sorted((source_dir / "councils").glob("*.toml"))]
    return institutions, plans, councils


def read_file(path: Path) -> Entry:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise CommandError(f"Missing fixture file {path.name}.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CommandError(f"{path.name} is not valid TOML: {exc}") from exc
    return clean(data, path.name)


def clean(value: Any, where: str) -> Any:
    """Strip strings (TOML block strings end in a newline) and refuse conversion artefacts."""
    if isinstance(value, dict):
        return {k: clean(v, f"{where} › {k}") for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, str):
        match = ARTEFACTS.search(value)
        if match:
            raise CommandError(
                f"{where} contains a document-conversion artefact ({match.group()!r}): clean the fixture."
            )
        return value.strip()
    return value
