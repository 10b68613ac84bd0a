"""The progress card shows in another site's frame; the rest of the portal refuses to (portal/views/embed.py)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = pytest.mark.browser


def serve(html: str):
    """Another site: a server of its own on the loopback address (another origin than the live server's)."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html.encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_another_site_may_frame_the_card_but_not_the_dashboard(site, page):
    base = site["base"]
    card, dashboard = base + site["pages"]["en"]["plan_card"], base + site["pages"]["en"]["plan"]
    server = serve(
        f'<!DOCTYPE html><html lang="en"><title>Another site</title>'
        f'<iframe name="card" src="{card}" title="card"></iframe>'
        f'<iframe name="dashboard" src="{dashboard}" title="dashboard"></iframe>'
        f'<img alt="image" src="{card.replace("karte/", "karte.svg")}"></html>'
    )
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        page.wait_for_load_state("load")
        card_frame = page.frame(name="card")
        assert "Fifth National Open Government Action Plan" in card_frame.locator("h1").inner_text()
        assert "reported status" in card_frame.locator(".card__sentence").inner_text()
        # Refused: the frame holds the browser's error page, not the portal's.
        assert page.frame(name="dashboard").locator("main").count() == 0
        assert page.evaluate("document.querySelector('img').naturalWidth") == 440
    finally:
        server.shutdown()
        server.server_close()
