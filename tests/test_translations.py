"""Every Latvian catalog is complete, and the compiled .mo matches its .po.

Latvian is the default language: a missing or fuzzy entry shows English on a Latvian page.
"""

import glob
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGS = sorted(glob.glob(str(Path(settings.BASE_DIR) / "*" / "locale" / "lv" / "LC_MESSAGES" / "django.po")))


def test_there_are_catalogs():
    apps = {Path(p).parts[-5] for p in CATALOGS}
    assert {"commitments", "plans", "institutions", "consultations", "council", "portal"} <= apps


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: Path(p).parts[-5])
def test_every_latvian_entry_is_translated(path):
    untranslated = [
        e.msgid
        for e in polib.pofile(path)
        if not e.obsolete and ("fuzzy" in e.flags or not (e.msgstr or all(e.msgstr_plural.values())))
    ]
    assert untranslated == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: Path(p).parts[-5])
def test_the_compiled_catalog_is_current(path):
    po = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(path) if not e.obsolete and not e.msgid_plural}
    mo = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(path[:-3] + ".mo") if not e.msgid_plural}
    stale = sorted(str(k) for k, v in po.items() if v and mo.get(k) != v)
    assert stale == [], "run compilemessages"
