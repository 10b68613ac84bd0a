"""The rendered public pages are valid HTML according to the Nu HTML Checker (vnu.jar)."""

import json
import subprocess

import pytest

pytestmark = pytest.mark.browser


def test_pages_are_valid_html(site, vnu_command, client, tmp_path):
    files = []
    for lang, pages in site["pages"].items():
        for name, path in pages.items():
            response = client.get(path)
            assert response.status_code == 200, path
            target = tmp_path / f"{lang}-{name}.html"
            target.write_bytes(response.content)
            files.append(str(target))
    result = subprocess.run(
        [*vnu_command, "--errors-only", "--format", "json", *files], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    problems = [f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert not problems, "\n".join(problems)
