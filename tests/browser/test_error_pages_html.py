"""The error pages (404 and 500, each language) pass axe-core's WCAG 2.1 A/AA rules and the Nu HTML Checker."""

import json
import subprocess

import pytest
from django.template import loader
from django.utils import translation

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MISSING = {"lv": "/nav-tadas-lapas/", "en": "/en/no-such-page/"}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_404_page_has_no_wcag_violations(transactional_db, live_server, page, axe_source, lang):
    response = page.goto(live_server.url + MISSING[lang])
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == lang
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    assert [v["id"] for v in result["violations"]] == []


def test_the_error_pages_are_valid_html(db, client, vnu_command, tmp_path):
    files = []
    for lang, path in MISSING.items():
        target = tmp_path / f"{lang}-404.html"
        target.write_bytes(client.get(path).content)
        files.append(str(target))
        for name in ("400", "403", "403_csrf", "500"):
            with translation.override(lang):
                html = loader.get_template(f"{name}.html").render({"status": int(name[:3])})
            target = tmp_path / f"{lang}-{name}.html"
            target.write_text(html, encoding="utf-8")
            files.append(str(target))
    result = subprocess.run(
        [*vnu_command, "--errors-only", "--format", "json", *files], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    assert [f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages] == []
