"""Reading spreadsheets as Latvian offices save them: CSV in UTF-8 (with or without a BOM), Windows-1257 or
Windows-1252, separated by commas, semicolons (Excel's choice in a Latvian locale) or tabs; dates written
31.12.2025 or 2025-12-31, or as Excel date cells.
"""

from __future__ import annotations

import codecs
import csv
import datetime

from django.utils.translation import gettext

# Letters that tell a Latvian text: the encoding that reads more of them is the file's.
_LATVIAN = frozenset("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ")
_SINGLE_BYTE_ENCODINGS = ("cp1257", "cp1252")
_DELIMITERS = ",;\t"
# How much of the file the separator is guessed from.
_SAMPLE = 64 * 1024

DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y")


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (a BOM dropped) when it is valid UTF-8, else the Windows code page that reads as
    more Latvian (Windows-1257 for Latvian text, Windows-1252 for Western text)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    baltic, western = (data.decode(encoding, errors="replace") for encoding in _SINGLE_BYTE_ENCODINGS)
    # Western text read as Windows-1257 turns Æ, ø… into Lithuanian letters, never into Latvian ones.
    return baltic if _latvian_letters(baltic) > _latvian_letters(western) else western


def _latvian_letters(text: str) -> int:
    return sum(ch in _LATVIAN for ch in text)


def delimiter(text: str) -> str:
    """The separator the header line and the first rows agree on: comma, semicolon or tab."""
    sample = text[:_SAMPLE]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        counts = {d: header.count(d) for d in _DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def parse_date(value) -> datetime.date | None:
    """A date cell: a date or datetime (Excel), or text in one of DATE_FORMATS; ValueError says what is expected."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(
        gettext("“%(value)s” is not a date: write it as 31.12.2025 (day.month.year) or 2025-12-31.") % {"value": text}
    )


def number_rows_as_spreadsheets_do(result) -> None:
    """django-import-export counts data rows from 1; a spreadsheet program counts the header as row 1, so the
    row an error names is the one the person sees in Excel or LibreOffice."""
    for error_row in result.error_rows:
        error_row.number += 1
        for error in error_row.errors:
            if error.number is not None:
                error.number += 1
    for invalid_row in result.invalid_rows:
        invalid_row.number += 1
