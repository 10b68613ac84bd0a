from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from accounts.audit import audit_view
from accounts.password_reset import StaffResetRequestView
from ogp_portal import admin_site  # noqa: F401 - sets the admin titles
from ogp_portal.views import bad_request, healthz, page_not_found, permission_denied, server_error
from portal.sitemaps import SITEMAPS
from portal.views.discovery import robots_txt

# The error pages in the site's frame and the request's language (ogp_portal/views.py). A CSRF failure
# is settings.CSRF_FAILURE_VIEW, ogp_portal.views.csrf_failure.
handler400 = bad_request
handler403 = permission_denied
handler404 = page_not_found
handler500 = server_error

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Outside i18n_patterns: a load balancer probes one fixed address.
    path("healthz", healthz, name="healthz"),
    # One address each for crawlers, in both languages at once (the sitemap gives every page's alternates).
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

# Latvian at the root, English under /en/: the same path shape in both languages.
urlpatterns += i18n_patterns(
    # Before the admin's own URLs, which would read "izmainas" as an app label.
    path("admin/izmainas/", admin.site.admin_view(audit_view), name="admin_audit"),
    # Before the admin, whose catch-all would answer with its login page; the admin's login links to this name.
    path("admin/password_reset/", StaffResetRequestView.as_view(), name="admin_password_reset"),
    path("admin/", admin.site.urls),
    path("padome/", include("council.urls")),
    path("atskaites/", include("reports.urls")),
    path("dati/", include("opendata.urls")),
    path("konts/", include("accounts.urls")),
    path("", include("portal.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
