"""Response headers and production settings that protect every page."""

import json
import os
import subprocess
import sys
from functools import cache
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory, TestCase, override_settings
from django.urls import reverse

from tests.base import BaseTestCase

BASE_DIR = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "ogp_portal.settings_production",
    "SECRET_KEY": "test-" + "k3y-w1th-m4ny-d1ff3r3nt-ch4r4ct3rs-" * 2,
}
# What decides how cookies and the transport are protected; the rest of production (static files
# manifest, database) is not needed to serve the login page.
TRANSPORT_SETTINGS = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
]


@cache
def production_transport_settings() -> dict:
    """The values ogp_portal/settings_production.py gives TRANSPORT_SETTINGS, read in a fresh interpreter."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {TRANSPORT_SETTINGS!r}}}))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECURE_COOKIES", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=BASE_DIR,
        env={**env, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


class HeaderTests(TestCase):
    def get(self):
        return self.client.get(reverse("admin:login"))

    def test_the_csp_forbids_inline_and_foreign_scripts_and_styles(self):
        policy = self.get()["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
        self.assertNotIn("'unsafe-inline'", policy)
        self.assertEqual(directives["script-src"], "'self'")
        self.assertEqual(directives["style-src"], "'self'")
        self.assertEqual(directives["default-src"], "'self'")
        self.assertEqual(directives["object-src"], "'none'")
        self.assertEqual(directives["frame-ancestors"], "'none'")

    def test_it_sends_nosniff_referrer_policy_and_frame_denial(self):
        response = self.get()
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertEqual(response["X-Frame-Options"], "DENY")


class ProductionSettingsTests(TestCase):
    def run_manage(self, *args, **env):
        # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it.
        dropped = ("DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "OTP_REQUIRED_FOR_STAFF")
        full_env = {k: v for k, v in os.environ.items() if k not in dropped}
        full_env.update(env)
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=full_env, capture_output=True, text=True
        )

    def test_check_deploy_reports_nothing(self):
        result = self.run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DJANGO_SETTINGS_MODULE="ogp_portal.settings_production",
            SECRET_KEY="test-" + "k3y-w1th-m4ny-d1ff3r3nt-ch4r4ct3rs-" * 2,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_production_refuses_the_development_key(self):
        result = self.run_manage("check", DJANGO_SETTINGS_MODULE="ogp_portal.settings_production", SECRET_KEY="")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY", result.stderr)

    def test_production_requires_the_second_factor(self):
        result = self.run_manage(
            "shell",
            "-c",
            "from django.conf import settings; print(settings.OTP_REQUIRED_FOR_STAFF, settings.DEBUG, "
            "settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS > 0)",
            DJANGO_SETTINGS_MODULE="ogp_portal.settings_production",
            SECRET_KEY="test-" + "k3y-w1th-m4ny-d1ff3r3nt-ch4r4ct3rs-" * 2,
            OTP_REQUIRED_FOR_STAFF="0",
        )
        self.assertEqual(result.stdout.strip().splitlines()[-1], "True False True True", result.stderr)


class ProductionCookieTests(BaseTestCase):
    """The Set-Cookie headers a browser receives from the WSGI application under the production values."""

    def setUp(self):
        override = override_settings(**production_transport_settings())
        override.enable()
        self.addCleanup(override.disable)

    def wsgi(self, request) -> tuple[str, list[tuple[str, str]], bytes]:
        """Status, headers and body exactly as the WSGI server would send them."""
        environ = {**request.environ, "HTTP_HOST": "testserver", "HTTP_X_FORWARDED_PROTO": "https"}
        answer = {}

        def start_response(status, headers):
            answer.update(status=status, headers=headers)

        # As the test client does: a request must not close the test's database connection.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = WSGIHandler()(environ, start_response)
            body = b"".join(response)
            response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return answer["status"], answer["headers"], body

    def set_cookies(self, headers) -> dict[str, str]:
        lines = [value for name, value in headers if name.lower() == "set-cookie"]
        return {SimpleCookie(line).popitem()[0]: line for line in lines}

    def attributes(self, line: str) -> set[str]:
        return {part.strip().split("=")[0].lower() for part in line.split(";")[1:]}

    def log_in(self, user):
        _status, headers, body = self.wsgi(RequestFactory().get(reverse("admin:login")))
        token = SimpleCookie(self.set_cookies(headers)["csrftoken"])["csrftoken"].value
        form = urlencode({"username": user.username, "password": "password", "csrfmiddlewaretoken": token})
        request = RequestFactory().generic(
            "POST",
            reverse("admin:login"),
            form,
            content_type="application/x-www-form-urlencoded",
            HTTP_COOKIE=f"csrftoken={token}",
            HTTP_ORIGIN="https://testserver",
        )
        return self.wsgi(request)

    def test_the_csrf_cookie_is_secure_and_same_site(self):
        status, headers, _body = self.wsgi(RequestFactory().get(reverse("admin:login")))

        self.assertEqual(status, "200 OK")
        line = self.set_cookies(headers)["csrftoken"]
        self.assertIn("secure", self.attributes(line))
        self.assertIn("SameSite=Lax", line)

    def test_the_session_cookie_is_secure_http_only_and_same_site(self):
        status, headers, _body = self.log_in(self.coordinator)

        self.assertEqual(status, "302 Found")
        line = self.set_cookies(headers)["sessionid"]
        self.assertLessEqual({"secure", "httponly", "samesite"}, self.attributes(line))
        self.assertIn("SameSite=Lax", line)

    def test_a_staff_session_cookie_ends_with_the_browser(self):
        _status, headers, _body = self.log_in(self.coordinator)

        self.assertFalse({"expires", "max-age"} & self.attributes(self.set_cookies(headers)["sessionid"]))

    def test_https_responses_carry_hsts_and_plain_http_is_redirected(self):
        _status, headers, _body = self.wsgi(RequestFactory().get(reverse("admin:login")))
        self.assertEqual(dict(headers)["Strict-Transport-Security"], "max-age=31536000; includeSubDomains; preload")

        request = RequestFactory().get(reverse("admin:login"))
        request.environ["HTTP_X_FORWARDED_PROTO"] = "http"
        response = WSGIHandler().get_response(request)
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].startswith("https://"))
