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


def _as_text(value: Any) -> str:
    """The text a spreadsheet cell shows for a value, in the active language."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(_as_text(item) for item in value)
    return str(value)


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
            writer.writerow(escape_formula(_as_text(value)) for value in row)
        # The byte-order mark lets Excel open Latvian letters as UTF-8 rather than as a code page.
        return out.getvalue().encode("utf-8-sig")


class XLSXFormat(Format):
    key = extension = "xlsx"
    mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    label = "XLSX"

    def _cell(self, value: Any) -> Any:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        # Numbers and dates stay typed so that spreadsheets can sum and sort them.
        if isinstance(value, bool) or value is None or isinstance(value, list | tuple | Choice):
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
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        workbook = Workbook(write_only=True)
        # Sheet titles are limited to 31 characters and may not contain []:*?/\
        title = "".join(c for c in (table.title or "data") if c not in "[]:*?/\\")[:31] or "data"
        sheet = workbook.create_sheet(title=title)
        sheet.freeze_panes = "A2"
        # Write-only sheets take widths before the rows: fit the header and the first rows, within reason.
        for index, label in enumerate(table.labels, start=1):
            sample = [len(_as_text(row[index - 1])) for row in table.rows[:50]]
            width = min(max([len(str(label)), *sample, 8]) + 2, 60)
            sheet.column_dimensions[get_column_letter(index)].width = width
        bold = Font(bold=True)
        header = []
        for label in table.labels:
            cell = WriteOnlyCell(sheet, value=self._cell(str(label)))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            sheet.append([self._cell(value) for value in row])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, Choice):
            return o.code
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
            "fields": [{"key": k, "label": str(label)} for k, label in zip(table.keys, table.labels, strict=True)],
            "items": items,
        }
        return json.dumps(document, cls=_Encoder, ensure_ascii=False, indent=1).encode("utf-8")


FORMATS: dict[str, Format] = {f.key: f for f in (CSVFormat(), XLSXFormat(), JSONFormat())}
