"""Response headers and production settings that protect every page."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import TestCase
from django.urls import reverse

BASE_DIR = Path(settings.BASE_DIR)


class HeaderTests(TestCase):
    def get(self):
        return self.client.get(reverse("admin:login"))

    def test_the_csp_forbids_inline_and_foreign_scripts(self):
        policy = self.get()["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
        self.assertEqual(directives["script-src"], "'self'")
        self.assertEqual(directives["default-src"], "'self'")
        self.assertEqual(directives["object-src"], "'none'")
        self.assertEqual(directives["frame-ancestors"], "'none'")

    def test_it_sends_nosniff_referrer_policy_and_frame_denial(self):
        response = self.get()
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertEqual(response["X-Frame-Options"], "DENY")

    def test_the_session_cookie_is_http_only(self):
        self.assertTrue(settings.SESSION_COOKIE_HTTPONLY)


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
