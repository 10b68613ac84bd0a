"""Dates, numbers and money the way each language writes them.

Django's own localisation gets close but not there: English long dates come out as
"Nov. 7, 2024" and amounts lack the currency convention. Public pages and PDF reports
use these helpers instead:

    lv  2024. gada 7. novembris   1 740 000 EUR   45 %
    en  7 November 2024           EUR 1,740,000   45%

Latvian groups thousands with a no-break space so an amount never wraps inside a table cell.
"""

import datetime
import functools
from decimal import Decimal

from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.translation import get_language

NBSP = "\u00a0"
DATE_FORMATS = {"lv": r"Y. \g\a\d\a j. F", "en": "j F Y"}
MONTH_FORMATS = {"lv": r"Y. \g\a\d\a F", "en": "F Y"}


def _lang(lang: str | None) -> str:
    lang = (lang or get_language() or "lv")[:2]
    return lang if lang in DATE_FORMATS else "lv"


# Latvian month names by case, for dates inside a sentence: "padomes 2024. gada 30. aprīļa sēdē"
# (genitive), "līdz 2024. gada 30. jūnijam" (dative), "pārskatīts 2026. gada 22. novembrī" (locative),
# "dati uz 2026. gada 1. decembri" (accusative).
LV_MONTHS = {
    "gen": "janvāra februāra marta aprīļa maija jūnija jūlija augusta septembra oktobra novembra decembra",
    "dat": "janvārim februārim martam aprīlim maijam jūnijam jūlijam augustam septembrim oktobrim novembrim decembrim",
    "acc": "janvāri februāri martu aprīli maiju jūniju jūliju augustu septembri oktobri novembri decembri",
    "loc": "janvārī februārī martā aprīlī maijā jūnijā jūlijā augustā septembrī oktobrī novembrī decembrī",
}
LV_MONTHS = {case: names.split() for case, names in LV_MONTHS.items()}


@functools.cache
def _month_names(lang: str) -> tuple[str, ...]:
    """The month names in `lang`, from Django's catalogue, read once per process (it never changes)."""
    with translation.override(lang):
        return tuple(str(MONTHS[month]) for month in range(1, 13))


def _format(value: datetime.date, format_string: str, lang: str) -> str:
    """`dateformat.format` for the few letters these formats use (Y, j, F, backslash escapes), without
    switching the active language for every date."""
    out, escaped = [], False
    for char in format_string:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "Y":
            out.append(str(value.year))
        elif char == "j":
            out.append(str(value.day))
        elif char == "F":
            out.append(_month_names(lang)[value.month - 1])
        elif char.isalpha():
            raise ValueError(f"date format letter {char!r} is not supported here")
        else:
            out.append(char)
    return "".join(out)


def long_date(value: datetime.date | datetime.datetime | None, lang: str | None = None, case: str = "") -> str:
    """A long date; `case` ("gen", "dat", "acc", "loc") inflects the Latvian month, English ignores it."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    lang = _lang(lang)
    if lang == "lv" and case in LV_MONTHS:
        return f"{value.year}. gada {value.day}. {LV_MONTHS[case][value.month - 1]}"
    return _format(value, DATE_FORMATS[lang], lang)  # month names in the requested language


# Shortened ranges within one year or month: "2021. gada 24. maijs – 30. jūnijs", "24 May – 30 June 2021".
SAME_YEAR_FORMATS = {"lv": (r"Y. \g\a\d\a j. F", "j. F"), "en": ("j F", "j F Y")}
SAME_MONTH_FORMATS = {"lv": (r"Y. \g\a\d\a j.", "j. F"), "en": ("j", "j F Y")}


def date_range(start: datetime.date | None, end: datetime.date | None, lang: str | None = None) -> str:
    if not (start and end) or start == end:
        return long_date(start or end, lang)
    lang = _lang(lang)
    if start.year != end.year:
        return f"{long_date(start, lang)} – {long_date(end, lang)}"
    first, last = (SAME_MONTH_FORMATS if start.month == end.month else SAME_YEAR_FORMATS)[lang]
    dash = "–" if start.month == end.month else " – "
    return f"{_format(start, first, lang)}{dash}{_format(end, last, lang)}"


def year_range(start: datetime.date | None, end: datetime.date | None) -> str:
    if not (start and end):
        return str((start or end).year) if (start or end) else ""
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


def number(value: int | float | Decimal | None, lang: str | None = None, decimals: int | None = None) -> str:
    """Grouped digits; decimals shown only when the value has a fraction (or `decimals` asks for them)."""
    if value is None or value == "":
        return ""
    value = Decimal(str(value))
    if decimals is None:
        decimals = 0 if value == value.to_integral_value() else 2
    text = f"{value:,.{decimals}f}"  # 1,740,000.50
    if _lang(lang) == "lv":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def money(amount, currency: str = "EUR", lang: str | None = None) -> str:
    if amount is None or amount == "":
        return ""
    digits = number(amount, lang)
    return f"{digits}{NBSP}{currency}" if _lang(lang) == "lv" else f"{currency}{NBSP}{digits}"


def percent(value, lang: str | None = None) -> str:
    if value is None or value == "":
        return ""
    digits = number(value, lang)
    return f"{digits}{NBSP}%" if _lang(lang) == "lv" else f"{digits}%"
