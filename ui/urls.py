"""Addresses of objects, reversed once per process and language.

`reverse()` walks the URL patterns on every call (about 35 µs), and a list page asks for one address
per row. The answer depends on the URL patterns, the language prefix and the script prefix (fixed for
the life of a process, but all in the key) and on the arguments: nothing stale can come back, and
the memory is bounded.
"""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_REVERSED: dict[tuple, str] = {}
_REVERSED_SIZE = 8192


def object_url(viewname: str, **kwargs) -> str:
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    key = (viewname, urlconf, get_language(), get_script_prefix(), *sorted(kwargs.items()))
    url = _REVERSED.get(key)
    if url is None:
        url = reverse(viewname, kwargs=kwargs)
        if len(_REVERSED) >= _REVERSED_SIZE:
            _REVERSED.clear()
        _REVERSED[key] = url
    return url
