"""Settings for the open-government action-plan monitoring portal.

Everything that differs between a laptop and production is read from the
environment through the small typed helpers below; the defaults are safe for
development (SQLite file, DEBUG on, local hosts only).
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    # Refuse to serve real traffic with a key that is published in the repository.
    raise ImproperlyConfigured("Set SECRET_KEY: the development key is refused when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# A refused form gets the error page in the site's frame and language, saying why (ogp_portal/views.py).
CSRF_FAILURE_VIEW = "ogp_portal.views.csrf_failure"
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# The Atom feeds' tag URIs (RFC 4151): an authority the publisher holds (empty: SITE_URL's host) and a date
# it held it on. Never change them once feeds are read: every reader would see every entry anew.
FEED_TAG_AUTHORITY = env_str("FEED_TAG_AUTHORITY", "")
FEED_TAG_DATE = env_str("FEED_TAG_DATE", "2026-01-01")
# Open data (opendata/conf.py): the licence by SPDX identifier, and its address (empty: the known licence's).
# CC BY 4.0 is the common choice of Latvian public bodies; the State Chancellery confirms it per deployment.
OPENDATA_LICENCE_ID = env_str("OPENDATA_LICENCE_ID", "CC-BY-4.0")
OPENDATA_LICENCE_URL = env_str("OPENDATA_LICENCE_URL", "")
# The catalogue's publisher (dct:publisher) and contact (dcat:contactPoint, left out while empty).
OPENDATA_PUBLISHER = env_str("OPENDATA_PUBLISHER", "Valsts kanceleja")
OPENDATA_CONTACT_EMAIL = env_str("OPENDATA_CONTACT_EMAIL", "")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin patches apply.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # The sitemap's view and template (portal/sitemaps.py).
    "django.contrib.sitemaps",
    "simple_history",
    "import_export",
    "django_filters",
    # The open-data API; listed so its API docs use the bundled Swagger UI, never a CDN.
    "ninja",
    "django_tasks",
    # The third-party apps the admin lists, with names in both languages (ogp_portal/third_party_apps.py).
    "ogp_portal.third_party_apps.TasksDatabaseConfig",
    # Security: two-factor login for staff, login throttling, Content Security Policy.
    "django_otp",
    "ogp_portal.third_party_apps.TOTPConfig",
    "ogp_portal.third_party_apps.StaticConfig",
    "ogp_portal.third_party_apps.AxesConfig",
    "csp",
    # Shared UI pieces (formats, charts, page parts, translation tags); imports no app.
    "ui",
    "institutions",
    "plans",
    "commitments",
    "consultations",
    "council",
    "accounts",
    # The outbox: the workflow's e-mails, queued with the write, sent by the worker.
    "notifications",
    "portal",
    "opendata",
    "reports",
    # The loader commands (load_real_data, generate_synthetic, ensure_demo_admin).
    "sourcedata",
    # The project package: its translations and admin static files.
    "ogp_portal",
    # The page and part caches: their invalidation signals and the check of CACHE_CONTENT_MODELS.
    "ogp_portal.cache.apps.CacheConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # brotli/gzip, none for responses with a secret (BREACH); outside Session to see its cookie being set.
    "ogp_portal.compression.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Anonymous GET pages from the shared cache, ETags, 304s, Cache-Control: after Locale (the key needs the
    # language), before CSRF/auth/messages (a hit skips them, a miss sees the cookies they set).
    "ogp_portal.cache.pages.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(); then staff without a verified second factor are sent to the 2FA pages.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ogp_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "ogp_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent readers while the admin writes; SQLite's default journal locks readers out.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Latvian is the language of the State Chancellery and of the source documents.
LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", _("Latvian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Riga"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "lv"
MODELTRANSLATION_LANGUAGES = ("lv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("lv",)

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Council documents and evidence files live OUTSIDE MEDIA_ROOT so that no web server or DEBUG media route
# can serve them; only their permission-checked views do. The largest accepted upload of each:
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))
COUNCIL_UPLOAD_MAX_BYTES = env_int("COUNCIL_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
EVIDENCE_UPLOAD_MAX_BYTES = env_int("EVIDENCE_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Media on S3-compatible object storage (django-storages) when a bucket is configured, so that web
# processes on several hosts share uploads and published reports. Credentials come from the usual
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables (read by boto3). Files are private: links are
# signed and expire, so a non-public file is never reachable by a guessable address.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            "location": env_str("AWS_LOCATION", "media"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 3600),
            "file_overwrite": False,
        },
    }

# A cache shared by all web processes: Redis when REDIS_URL is set (production; the public page
# cache and its invalidation must be seen by every worker), process memory otherwise (development,
# tests). Short socket timeouts: a dead Redis slows pages down by at most a second, never hangs them.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ogp"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ogp-portal"}}
# Whole public pages for anonymous visitors (ogp_portal/cache/pages.py). Without Redis each process has its
# own cache, so gunicorn.conf.py turns this off when it starts several workers without REDIS_URL.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Query variants (filters, page numbers) stored per page and per part and generation (cache/bounds.py);
# a free-text search is never stored as a page. Public Cache-Control: short, why in cache/validators.py.
PAGE_CACHE_MAX_VARIANTS, PART_CACHE_MAX_VARIANTS = env_int("PAGE_CACHE_MAX_VARIANTS", 100), 200
PAGE_CACHE_UNSTORED_PARAMS = ("q",)
PUBLIC_MAX_AGE, PUBLIC_STALE_WHILE_REVALIDATE = env_int("PUBLIC_MAX_AGE", 60), 30
# Writes to these models make every cached page and part stale (ogp_portal/cache/invalidation.py). A system
# check (ogp_portal/cache/checks.py) fails when a model with published() or a kept history is in neither list.
CACHE_CONTENT_MODELS = [
    "institutions.Institution",
    "institutions.InstitutionName",
    "plans.ActionPlan",
    "plans.PlanPhase",
    "plans.PlanLink",
    "plans.PlanRevision",
    "plans.ReportingRound",
    "plans.FundingSource",
    "plans.FundingAmount",
    "commitments.Commitment",
    "commitments.Measure",
    "commitments.ProgressEntry",
    "commitments.EvidenceFile",
    "consultations.Consultation",
    "consultations.Proposal",
    "council.Council",
    "council.CouncilMember",
    "council.Meeting",
    "council.AgendaItem",
    "council.Attendance",
    "council.MeetingDocument",
    "reports.Report",
]
# History kept for the audit trail, shown on no public page: a change to them leaves the caches alone.
CACHE_NOT_CONTENT_MODELS = [
    "accounts.InstitutionEditor",
]
# The main part of public pages for everyone who misses the page cache (ui/parts.py): signed-in
# users, new query strings.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", True)
# A missing part is computed by one request while the others wait for it, at most this many seconds.
CACHE_SINGLE_FLIGHT_SECONDS = env_float("CACHE_SINGLE_FLIGHT_SECONDS", 3.0)
# Never cached even for anonymous visitors: the admin, council member pages, account pages.
PAGE_CACHE_EXCLUDED_NAMESPACES = ("admin", "council", "accounts")
# Load balancers probe /healthz over plain HTTP on the private network: no redirect to HTTPS for it.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Long jobs (PDF reports) run in a worker: `python manage.py db_worker` (django-tasks-db).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Imports are all-or-nothing: one bad row rolls the whole file back.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Import and export each need their own permission, not just "change".
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = False

LOGIN_URL = "admin:login"
# Where a sign-in without `next` lands when its view names no page of its own (the admin's login goes to
# the admin, the council's to the council pages): the public home page, which every account may see.
LOGIN_REDIRECT_URL = "portal:home"

# --- Security (accounts owns these; production hardening lives in settings_production.py) ---
AUTHENTICATION_BACKENDS = [
    # Refuses locked-out logins first (django-axes), then authenticates like ModelBackend.
    "accounts.backends.ThrottledModelBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords lock out for 15 minutes, counted two ways at once (separate entries: either one
# locks): per username from any address (many addresses guessing one password) and per address for any
# username (one address trying many accounts).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Off: with the two counts, a success would delete every failure of its address and of its username, so
# anyone with an account could wipe the count against another account by signing in between guesses.
# Failures still expire after AXES_COOLOFF_TIME.
AXES_RESET_ON_SUCCESS = False
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None
# The lockout page in the frame of the sign-in page it answers, with the portal's title (accounts/lockout.py).
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"

# Every staff account and every council member (their passwords open draft council documents) must pass
# a second factor (TOTP app or a backup code) before it can do anything. settings_production.py always
# forces it on.
OTP_REQUIRED_FOR_STAFF = env_bool("OTP_REQUIRED_FOR_STAFF", True)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "OGP portāls")
OTP_STATIC_BACKUP_CODES = 10

# Sessions last a working day; staff sessions also end when the browser closes (accounts/signals.py).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
STAFF_SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp 4): no inline or third-party scripts or styles anywhere, the admin
# included (tests/test_security_csp_pages.py checks the pages and their HTML).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Every e-mail leaves through the outbox (notifications/); console in development, EMAIL_* in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@example.invalid")
REMINDER_DAYS_BEFORE_DEADLINE = env_int("REMINDER_DAYS_BEFORE_DEADLINE", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF step at INFO; keep their warnings only.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # its version at every start, also after the test run's summary
    },
}
