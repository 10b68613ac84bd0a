"""Chromium, enforcing the site's own Content Security Policy, refuses nothing on the public pages and
the admin: no console error says a script or a style was blocked."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser

FLAGS = "Content Security Policy"


def visit_all(browser, base: str, paths: list[str], login: tuple[str, str] | None = None) -> dict[str, list]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # the policy enforced
    page = context.new_page()
    blocked: dict[str, list] = {}
    current = {"path": ""}
    page.on("console", lambda m: FLAGS in m.text and blocked.setdefault(current["path"], []).append(m.text[:200]))
    if login:
        page.goto(base + reverse("admin:login"))
        page.fill("#id_username", login[0])
        page.fill("#id_password", login[1])
        page.click("input[type=submit]")
        page.wait_for_load_state()
    for path in paths:
        current["path"] = path
        response = page.goto(base + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
    context.close()
    return blocked


def test_public_pages_run_under_the_policy(site, browser):
    paths = [path for pages in site["pages"].values() for path in pages.values()]
    assert visit_all(browser, site["base"], paths) == {}


def test_admin_pages_run_under_the_policy(site, browser, django_user_model, settings):
    from tests.test_security_csp_pages import admin_pages

    settings.OTP_REQUIRED_FOR_STAFF = False
    django_user_model.objects.create_superuser("csp-root", "csp@example.invalid", "csp-password-1")
    assert visit_all(browser, site["base"], admin_pages(), login=("csp-root", "csp-password-1")) == {}
