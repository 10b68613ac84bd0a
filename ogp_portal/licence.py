"""The open data's licence: a setting (OPENDATA_LICENCE_ID, OPENDATA_LICENCE_URL), read by every output that
names it (opendata's files, API, feeds and catalogue; portal's embeddable cards).

The licence is a decision for the State Chancellery, not for the code. The default, CC BY 4.0, is what Latvian
public bodies commonly publish open data under; a deployment confirms it or sets another.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

# The licences whose titles the portal knows, by SPDX identifier: (url, Latvian title, English title).
KNOWN_LICENCES = {
    "CC-BY-4.0": (
        "https://creativecommons.org/licenses/by/4.0/",
        "Creative Commons Attiecinājums 4.0 Starptautiskā publiskā licence",
        "Creative Commons Attribution 4.0 International",
    ),
    "CC0-1.0": (
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "Creative Commons CC0 1.0 Universāls",
        "Creative Commons CC0 1.0 Universal",
    ),
}


@dataclass(frozen=True)
class Licence:
    id: str  # SPDX identifier
    url: str
    title_lv: str
    title_en: str

    @property
    def title(self) -> str:
        """The title in the active language."""
        return self.title_en if get_language() == "en" else self.title_lv

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "url": self.url, "title": self.title}


def licence() -> Licence:
    identifier = getattr(settings, "OPENDATA_LICENCE_ID", "") or "CC-BY-4.0"
    known_url, title_lv, title_en = KNOWN_LICENCES.get(identifier, ("", identifier, identifier))
    url = getattr(settings, "OPENDATA_LICENCE_URL", "") or known_url
    return Licence(id=identifier, url=url, title_lv=title_lv, title_en=title_en)
