"""Production settings: the development settings with DEBUG off and every transport protection on.

    DJANGO_SETTINGS_MODULE=ogp_portal.settings_production SECRET_KEY=... ALLOWED_HOSTS=... gunicorn ...

The site is expected behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
"""

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403
from .settings import DEV_SECRET_KEY, SECRET_KEY, STORAGES, env_bool, env_int

DEBUG = False
if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: the development key is refused in production.")

# settings.py chose the storage while DEBUG was still on: serve hashed, compressed files in production.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS only: redirect, tell browsers to remember it (HSTS), and never send cookies in the clear.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Staff always need their second factor in production, whatever the environment says.
OTP_REQUIRED_FOR_STAFF = True
