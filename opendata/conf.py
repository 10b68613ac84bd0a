"""Settings the open-data outputs read, with their defaults. Every output names the licence from `licence()`
(ogp_portal/licence.py): the page, the files, the API, the feeds, the catalogue."""

from django.conf import settings

from ogp_portal.licence import KNOWN_LICENCES, Licence, licence

__all__ = ["KNOWN_LICENCES", "Licence", "licence", "licence_link_header", "publisher", "contact_email", "site_url"]

# The publisher of the catalogue when the deployment does not name one (shared/domain.md).
DEFAULT_PUBLISHER = "Valsts kanceleja"


def licence_link_header() -> str:
    """The HTTP `Link` header naming the licence (RFC 8288): what a CSV file cannot say inside itself."""
    url = licence().url
    return f'<{url}>; rel="license"' if url else ""


def publisher() -> str:
    return getattr(settings, "OPENDATA_PUBLISHER", "") or DEFAULT_PUBLISHER


def contact_email() -> str:
    return getattr(settings, "OPENDATA_CONTACT_EMAIL", "")


def site_url() -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/")
