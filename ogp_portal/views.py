"""Infrastructure views (not part of the public site)."""

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


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
