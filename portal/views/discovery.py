"""What crawlers read first: robots.txt, which points at the sitemap (portal/sitemaps.py)."""

import os

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe


def _private_paths() -> list[str]:
    """Sign-in and account pages in every language: nothing there for a search engine."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            accounts = [reverse(f"accounts:{name}") for name in ("otp_verify", "otp_setup", "otp_backup_codes")]
            paths += [reverse("admin:index"), reverse("council:login"), reverse("council:logout")]
            paths.append(os.path.commonprefix(accounts))
    paths.append(reverse("set_language"))
    return list(dict.fromkeys(paths))


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in _private_paths())]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
