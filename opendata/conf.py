"""Settings the open-data pages read, with their defaults.

The licence is a decision for the State Chancellery, not for the code: until a
deployment sets OPENDATA_LICENCE_NOTE (and optionally OPENDATA_LICENCE_URL),
the page only says that the data is publicly available.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _


def licence_note() -> str:
    return getattr(settings, "OPENDATA_LICENCE_NOTE", "") or str(_("Publicly available data"))


def licence_url() -> str:
    return getattr(settings, "OPENDATA_LICENCE_URL", "")


def site_url() -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/")
