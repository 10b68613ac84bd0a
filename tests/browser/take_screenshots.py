"""Regenerate docs/screenshots/*.png from a running portal (Latvian pages).

    python manage.py load_real_data            # into a scratch database
    python manage.py runserver 127.0.0.1:8103
    python tests/browser/take_screenshots.py http://127.0.0.1:8103 /plani/<slug>/pasakumi/<pk>/

Desktop shots are 1280 px wide, mobile shots 375 px; long pages are cut at MAX_HEIGHT.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {"desktop": (1280, 900), "mobile": (375, 812)}
MAX_HEIGHT = {"desktop": 2600, "mobile": 3600}


def main(base: str, measure_path: str) -> None:
    pages = {"dashboard": "/", "measure": measure_path}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for size, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for name, path in pages.items():
                page.goto(base.rstrip("/") + path)
                page.evaluate("document.fonts.ready")
                full = page.evaluate("document.documentElement.scrollHeight")
                clip = {"x": 0, "y": 0, "width": width, "height": min(full, MAX_HEIGHT[size])}
                target = OUT / f"{name}-{size}-lv.png"
                page.screenshot(path=str(target), clip=clip, full_page=True)
                print(target, clip["height"], "of", full)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
