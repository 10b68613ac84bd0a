"""Infrastructure views: the health check and the error pages."""

import logging

from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE, REASON_NO_REFERER
from django.template import loader
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """Load balancer health check: the process answers and reaches its database.

    A database error propagates and becomes a 500, which is what a load balancer must see. It is
    also the trivial view the benchmarks compare public pages with (bench/bench_serving.py).
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok\n", content_type="text/plain")


# --- error pages ------------------------------------------------------------------------------------
# Each is the site's frame (templates/errors/) in the active language: LocaleMiddleware has chosen it
# from the path, so /en/… fails in English. The templates get no request and run no context
# processor: nothing in them reads the session, the user, a model or a cache entry, so the 500 page
# renders while the database is down. Without a request the language switch leads to the home page in
# the other language, the one place sure to exist there.

# The last resort when even the framed page fails (a missing static manifest, a broken template).
FALLBACK = (
    '<!doctype html><html lang="lv"><head><meta charset="utf-8"><title>Kļūda – Error</title></head><body>'
    '<h1>Radās kļūda</h1><p>Lūdzu, mēģiniet vēlreiz pēc dažām minūtēm. <a href="/">Sākumlapa</a></p>'
    '<h2 lang="en">An error occurred</h2><p lang="en">Please try again in a few minutes. '
    '<a href="/en/">Home page</a></p></body></html>'
)


def _error_page(template_name: str, status: int, context: dict | None = None) -> HttpResponse:
    try:
        html = loader.get_template(template_name).render({"status": status, **(context or {})})
    except Exception:
        logger.exception("The error page %s could not be rendered (language %s)", template_name, get_language())
        html = FALLBACK
    return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    return _error_page("400.html", 400)


def permission_denied(request, exception=None):
    return _error_page("403.html", 403)


def page_not_found(request, exception=None):
    return _error_page("404.html", 404, {"request_path": request.path})


def server_error(request):
    return _error_page("500.html", 500)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: a refused form says why in the portal's words (Django's own view gives a
    custom template no reason)."""
    context = {"no_cookie": reason == REASON_NO_CSRF_COOKIE, "no_referer": reason == REASON_NO_REFERER}
    return _error_page("403_csrf.html", 403, context)
