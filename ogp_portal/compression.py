"""Responses compressed with brotli or gzip, as the client asks, unless they carry a secret.

Django's GZipMiddleware does gzip only and compresses everything. Here the text types the portal sends
(HTML, JSON, CSV, XML, Atom) are compressed with brotli or gzip by the Accept-Encoding header and its
q-values (brotli where both are equally welcome), and nothing that carries a secret is: compressing a
secret next to text an attacker chooses (a search term reflected in the page) leaks the secret through
the compressed length (BREACH). So a response is left as it is when it goes to a signed-in user or anyone
with a session (the page holds their data and maybe a CSRF token), when it sets a cookie, when its view
asked for the CSRF token, or when it is an admin page. Static files never reach here: WhiteNoise serves
them, precompressed.

Brotli at quality 5: compressing on every response (page-cache hits included) must stay cheap; 5 is
several times faster than the default 11 and still smaller than gzip.
"""

from __future__ import annotations

import brotli
from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_sequence, compress_string

MIN_LENGTH = 200  # not worth it below, as in Django's GZipMiddleware
BROTLI_QUALITY = 5
_TEXT_SUBTYPES = {"json", "xml", "csv", "javascript"}
_PREFERENCE = ("br", "gzip")  # on equal q-values


def compressible(content_type: str) -> bool:
    main, _, sub = content_type.split(";")[0].strip().lower().partition("/")
    return main == "text" or sub in _TEXT_SUBTYPES or sub.endswith(("+json", "+xml"))


def chosen_encoding(accept_encoding: str) -> str | None:
    """The coding to send from an Accept-Encoding value: the one with the highest q above 0."""
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if coding:
            weights[coding.lower()] = weight
    best, best_weight = None, 0.0
    for coding in _PREFERENCE:
        weight = weights.get(coding, weights.get("*", 0.0))
        if weight > best_weight:
            best, best_weight = coding, weight
    return best


def carries_secret(request, response) -> bool:
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and "admin" in match.namespaces


def _brotli_sequence(chunks):
    compressor = brotli.Compressor(quality=BROTLI_QUALITY)
    for chunk in chunks:
        if out := compressor.process(chunk):
            yield out
    yield compressor.finish()


def _compress(response, coding: str) -> bool:
    """Compress `response` in place; False when that would not make it smaller."""
    if response.streaming:
        if response.is_async:
            return False  # the portal streams nothing asynchronously; leave such a response alone
        chunks = response.streaming_content
        if coding == "br":
            response.streaming_content = _brotli_sequence(chunks)
        else:
            response.streaming_content = compress_sequence(chunks, max_random_bytes=100)
        del response.headers["Content-Length"]
        return True
    if coding == "br":
        compressed = brotli.compress(response.content, quality=BROTLI_QUALITY)
    else:
        compressed = compress_string(response.content, max_random_bytes=100)
    if len(compressed) >= len(response.content):
        return False
    response.content = compressed
    response.headers["Content-Length"] = str(len(compressed))
    return True


class CompressionMiddleware:
    """Outside the session middleware (it must see the session cookie being set), inside WhiteNoise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Content-Encoding") or carries_secret(request, response):
            return response
        if response.status_code == 304:
            # Says the same Vary as the 200 it stands for.
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        if not compressible(response.get("Content-Type", "")):
            return response
        if not response.streaming and len(response.content) < MIN_LENGTH:
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        coding = chosen_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if coding is None or not _compress(response, coding):
            return response
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            # RFC 9110 8.8.1: a strong validator names exact bytes; the compressed bytes differ.
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = coding
        return response
