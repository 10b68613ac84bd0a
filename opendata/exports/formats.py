"""File formats an export can be written in.

A format turns a `Table` (column labels + rows of plain Python values) into
bytes. CSV and XLSX are read by people in spreadsheet programs, so any text that
a spreadsheet would run as a formula is neutralised; JSON is read by programs,
so it keeps the values as they are, with stable keys and status codes.
A PDF format would be one more class here with the same `write()`.
"""

import csv
import datetime
import decimal
import io
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

# Cells starting with these are run as formulas (or DDE) by Excel, LibreOffice and Google Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: str) -> str:
    """Make a spreadsheet show `value` as text, never evaluate it (OWASP "CSV injection")."""
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass(frozen=True)
class Choice:
    """A coded value: spreadsheets show the label, JSON gives the code and the label."""

    code: str
    label: str

    def __str__(self) -> str:
        return self.label


@dataclass
class Table:
    keys: list[str]
    labels: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    title: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    # From the export's column declarations: Table Schema types and descriptions, one per column.
    types: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    sheet_name: str = ""
    # (label, value) lines of the spreadsheet's "About" sheet: what the file is and under which licence.
    about: list[tuple[str, str]] = field(default_factory=list)


def _as_text(value: Any) -> str:
    """The text a CSV or spreadsheet cell holds for a value: ISO dates, `true`/`false`, empty when missing.

    The same spelling in both languages, so that a program reads the Latvian and the English file alike
    and the data package's types (opendata/package.py) hold.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(_as_text(item) for item in value)
    return str(value)


def _cell_text(value: Any) -> Any:
    """Text for a CSV cell; only text is guarded against formulas, so negative numbers stay numbers."""
    text = _as_text(value)
    if isinstance(value, str | Choice | list | tuple):
        return escape_formula(text)
    return text


class Format:
    key: str
    extension: str
    mimetype: str
    label: str

    def write(self, table: Table) -> bytes:
        raise NotImplementedError


class CSVFormat(Format):
    key = extension = "csv"
    mimetype = "text/csv; charset=utf-8"
    label = "CSV"

    def write(self, table: Table) -> bytes:
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow(escape_formula(label) for label in table.labels)
        for row in table.rows:
            writer.writerow(_cell_text(value) for value in row)
        # The byte-order mark lets Excel open Latvian letters as UTF-8 rather than as a code page.
        return out.getvalue().encode("utf-8-sig")


class XLSXFormat(Format):
    key = extension = "xlsx"
    mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    label = "XLSX"

    def _cell(self, value: Any) -> Any:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        # Numbers, booleans and dates stay typed so that spreadsheets can sum, sort and filter them.
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, list | tuple | Choice | datetime.time):
            value = _as_text(value)
        elif isinstance(value, datetime.datetime):
            # Excel has no time zones: write the portal's local time.
            return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        elif isinstance(value, int | float | decimal.Decimal | datetime.date):
            return value
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        return escape_formula(text)

    def write(self, table: Table) -> bytes:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        workbook.properties.title = table.title
        workbook.properties.language = table.meta.get("language")
        workbook.properties.description = "; ".join(f"{label}: {value}" for label, value in table.about)
        self._data_sheet(workbook, table)
        self._about_sheet(workbook, table)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    def _data_sheet(self, workbook, table: Table) -> None:
        from openpyxl.utils import get_column_letter

        # Sheet titles are limited to 31 characters; each export names its own (Export.sheet_name).
        sheet = workbook.create_sheet(title=_sheet_title(table.sheet_name or table.title))
        sheet.freeze_panes = "A2"
        # Write-only sheets take widths before the rows: fit the header and the first rows, within reason.
        for index, label in enumerate(table.labels, start=1):
            sample = [len(_as_text(row[index - 1])) for row in table.rows[:50]]
            width = min(max([len(str(label)), *sample, 8]) + 2, 60)
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.append(self._bold_row(sheet, table.labels))
        for row in table.rows:
            sheet.append([self._cell(value) for value in row])

    def _about_sheet(self, workbook, table: Table) -> None:
        """What the file is, its licence and its columns: a spreadsheet has no other place for metadata."""
        sheet = workbook.create_sheet(title=_sheet_title(_("About")))
        sheet.column_dimensions["A"].width = 30
        sheet.column_dimensions["B"].width = 80
        for label, value in table.about:
            sheet.append([self._cell(label), self._cell(value)])
        sheet.append([])
        sheet.append(self._bold_row(sheet, [_("Column"), _("Type"), _("Description")]))
        for label, kind, description in zip(table.labels, table.types, table.descriptions, strict=True):
            sheet.append([self._cell(label), kind, self._cell(description)])

    def _bold_row(self, sheet, texts) -> list:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        bold = Font(bold=True)
        cells = []
        for text in texts:
            cell = WriteOnlyCell(sheet, value=self._cell(str(text)))
            cell.font = bold
            cells.append(cell)
        return cells


def _sheet_title(title: str) -> str:
    # Excel refuses these characters and more than 31 characters in a sheet title; a longer one loses whole words.
    title = "".join(c for c in str(title) if c not in "[]:*?/\\").strip()
    if len(title) > 31:
        title = title[:32].rsplit(" ", 1)[0][:31]
    return title or "data"


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, Choice):
            return o.code
        if isinstance(o, decimal.Decimal):
            # A number, not DjangoJSONEncoder's string: amounts have 14 digits at most, exact in a double.
            return float(o)
        return super().default(o)


class JSONFormat(Format):
    key = extension = "json"
    mimetype = "application/json"
    label = "JSON"

    def write(self, table: Table) -> bytes:
        items = []
        for row in table.rows:
            item = {}
            for key, value in zip(table.keys, row, strict=True):
                item[key] = value
                if isinstance(value, Choice):
                    item[f"{key}_label"] = value.label
            items.append(item)
        document = {
            **table.meta,
            "fields": [
                {"key": key, "label": label, "type": kind, "description": description}
                for key, label, kind, description in zip(
                    table.keys, table.labels, table.types, table.descriptions, strict=True
                )
            ],
            "items": items,
        }
        return json.dumps(document, cls=_Encoder, ensure_ascii=False, indent=1).encode("utf-8")


FORMATS: dict[str, Format] = {f.key: f for f in (CSVFormat(), XLSXFormat(), JSONFormat())}
