import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _import_settings(**env):
    return subprocess.run(
        [sys.executable, "-c", "import ogp_portal.settings"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


def test_it_refuses_the_development_key_with_debug_off():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-c", "import ogp_portal.settings"],
        cwd=ROOT,
        env={**env, "DEBUG": "false"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_starts_with_a_real_key_and_debug_off():
    result = _import_settings(DEBUG="false", SECRET_KEY="x" * 60)
    assert result.returncode == 0, result.stderr


def test_database_url_selects_postgresql():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ogp_portal import settings as s; db = s.DATABASES['default']; print(db['ENGINE'], db['NAME'])",
        ],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/somedb"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "somedb"]


def test_sqlite_is_the_default():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-c", "from ogp_portal import settings as s; print(s.DATABASES['default']['ENGINE'])"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3"


SUITE_DEFAULTS = ("PAGE_CACHE_ENABLED", "FRAGMENT_CACHE_ENABLED", "OTP_REQUIRED_FOR_STAFF")


def test_the_suite_runs_the_production_defaults():
    from django.conf import settings

    assert {name: getattr(settings, name) for name in SUITE_DEFAULTS} == dict.fromkeys(SUITE_DEFAULTS, True)


def test_settings_never_look_at_pytest():
    for module in ("settings.py", "settings_production.py"):
        source = (ROOT / "ogp_portal" / module).read_text()
        assert "pytest" not in source, module
        assert "sys.modules" not in source, module


def test_importing_pytest_first_changes_no_setting():
    env = {k: v for k, v in os.environ.items() if k not in SUITE_DEFAULTS}
    code = f"import ogp_portal.settings as s; print([getattr(s, name) for name in {SUITE_DEFAULTS!r}])"
    outputs = {
        prelude: subprocess.run(
            [sys.executable, "-c", prelude + code], cwd=ROOT, env=env, capture_output=True, text=True
        ).stdout.strip()
        for prelude in ("", "import pytest; ")
    }
    assert outputs == dict.fromkeys(("", "import pytest; "), "[True, True, True]")
