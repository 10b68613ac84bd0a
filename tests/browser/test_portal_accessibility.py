"""Every public page type, in both languages: no WCAG 2.1 A/AA violations that axe-core can find,
the skip link comes first and moves focus to the main content, and a 375 px screen needs no
horizontal scrolling."""

import pytest

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def describe(violations) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(str(node["target"]) for node in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_pages_have_no_wcag_violations(site, page, axe_source, lang):
    failures = {}
    for name, path in site["pages"][lang].items():
        response = page.goto(site["base"] + path)
        assert response.status == 200, path
        assert page.evaluate("document.documentElement.lang") == lang
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_TAGS,
        )
        if result["violations"]:
            failures[f"{name} {path}"] = describe(result["violations"])
    assert not failures, "\n\n".join(f"{page}:\n{text}" for page, text in failures.items())


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(site, page):
    for path in (site["pages"]["lv"]["home"], site["pages"]["en"]["measure"]):
        page.goto(site["base"] + path)
        page.keyboard.press("Tab")
        first = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
        assert first == ["skip-link", "#main"], path
        assert page.evaluate("getComputedStyle(document.activeElement).top") != "-160px"  # visible when focused
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible_on_links(site, page):
    page.goto(site["base"] + site["pages"]["lv"]["plans"])
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the site name
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_the_filter_form_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site["base"] + site["pages"]["lv"]["measures"].split("?")[0])
    page.check("input[name=status][value=substantial]")
    page.click("button[type=submit]")
    assert "status=substantial" in page.url
    assert page.is_checked("input[name=status][value=substantial]")
    from commitments.models import Measure

    found = Measure.objects.published().filter(status="substantial").count()
    assert f'<h2 id="results-heading">Atrast{"s" if found == 1 else "i"} {found} pasākum' in page.content()
    context.close()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_layout_holds_at_375_px(site, browser, lang):
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=1)
    page = context.new_page()
    too_wide = {}
    for name, path in site["pages"][lang].items():
        page.goto(site["base"] + path)
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if width[0] > width[1]:
            too_wide[name] = width
        # Tables sit in a scrolling box as a last resort; none should need it at this width.
        boxes = page.evaluate(
            "[...document.querySelectorAll('.table-scroll')].filter(b => b.scrollWidth > b.clientWidth).length"
        )
        if boxes:
            too_wide[f"{name} tables"] = boxes
    context.close()
    assert not too_wide, too_wide
