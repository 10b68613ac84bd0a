"""How minutes spell dates, times and places, in the form of the State Chancellery's minutes.

Latvian minutes put the place and the date in the locative ("Rīgā", "2024. gada 7. novembrī");
Dates come from ui.formatting (which knows the Latvian cases); times and places are spelt here.
"""

import datetime
import re

from ui.formatting import long_date as _long_date


def minutes_date(date: datetime.date, language: str) -> str:
    """'2024. gada 7. novembrī' / '7 November 2024'."""
    return _long_date(date, language, case="loc")


def genitive_date(date: datetime.date, language: str) -> str:
    """'2024. gada 30. aprīļa (sēde)' / '30 April 2024'."""
    return _long_date(date, language, case="gen")


def long_date(date: datetime.date, language: str) -> str:
    """'2024. gada 7. novembris' / '7 November 2024' (page headings, the pack's cover)."""
    return _long_date(date, language)


def _clock(t: datetime.time, language: str) -> str:
    # Latvian documents write 13.00; English ones 13:00.
    return f"{t.hour:02d}.{t.minute:02d}" if language == "lv" else f"{t.hour:02d}:{t.minute:02d}"


def time_range(start: datetime.time | None, end: datetime.time | None, language: str) -> str:
    """'plkst. 13.00 – 14.30' / '13:00–14:30'; empty when the start is unknown."""
    if start is None:
        return ""
    text = _clock(start, language)
    if end is not None:
        text += (" – " if language == "lv" else "–") + _clock(end, language)
    return f"plkst. {text}" if language == "lv" else text


def city_locative(city: str) -> str:
    """'Rīga' → 'Rīgā', 'Cēsis' → 'Cēsīs', 'Ventspils' → 'Ventspilī'. Unknown endings stay as written."""
    city = city.strip()
    if not city:
        return ""
    lower = city.lower()
    if lower.endswith("pils"):
        return city[:-1] + "ī"
    if lower.endswith("is") and len(city) > 3:
        return city[:-2] + "īs"
    if lower.endswith("i"):
        return city[:-1] + "os"
    if lower.endswith("a"):
        return city[:-1] + "ā"
    if lower.endswith("e"):
        return city[:-1] + "ē"
    if lower.endswith("s") and not lower.endswith("us"):
        return city[:-1] + "ā"
    return city


def institution_mentioned(role: str, institution_name: str) -> bool:
    """Whether a position already names the institution, in any case ending ('Valsts kancelejas konsultante').

    Compares word stems (the last two letters dropped, which covers Latvian case endings); dashes,
    quotes and all-capital legal-form abbreviations (VSIA, SIA) in the name are not required.
    """
    if not role or not institution_name:
        return False
    role_l = role.lower()
    words = re.findall(r"[^\W\d_]+", institution_name)
    words = [w for w in words if not (w.isupper() and len(w) > 1)] or words
    stems = [w.lower()[:-2] if len(w) > 4 else w.lower() for w in words]
    return bool(stems) and all(stem in role_l for stem in stems)
