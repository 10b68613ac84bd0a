"""Which language a translated field is shown in, when the page's own language has no text."""

from django.conf import settings
from django.utils.translation import get_language

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


def shown_text(obj, field: str, lang: str | None = None) -> tuple[str, str | None]:
    """The text to show for a translated field and, when it is in another language than the page, that language.

    `lang` is the page's language, when the caller knows it (get_language() otherwise).

    modeltranslation silently falls back to Latvian on English pages (and shows nothing on
    Latvian pages when only English exists); readers, and screen readers that pick a voice
    from `lang`, need to know which language they are reading.
    """
    if obj is None:
        return "", None
    lang = lang or get_language() or DEFAULT_LANGUAGE
    own = getattr(obj, f"{field}_{lang}", None)
    if own is None and not hasattr(obj, f"{field}_{lang}"):
        return getattr(obj, field, "") or "", None  # not a translated field
    if own:
        # The loader keeps a measure's official English title in the Latvian field when no source
        # gives a Latvian one; identical texts in both fields mean the Latvian one is that English copy.
        if lang == DEFAULT_LANGUAGE and own == getattr(obj, f"{field}_en", None):
            return own, "en"
        return own, None
    for other, _name in settings.LANGUAGES:
        value = getattr(obj, f"{field}_{other}", None) if other != lang else None
        if value:
            return value, other
    return "", None
