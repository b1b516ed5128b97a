"""``coach serve`` in a real browser: headless Chromium, driven by Playwright.

The person's way in (the printed address) draws Home and takes keys; a page of
another origin open in the same browser, which holds the cookie, cannot open
the app. Skips when Chromium or Playwright is not installed (CI installs both).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from serve_support import coach_serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]")

# Paints of xterm's text layer, as a fingerprint: a digest and how many pixels are drawn.
CANVAS_PIXELS = """() => {
  const canvas = document.querySelector("#terminal canvas.xterm-text-layer");
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0, digest = 0;
  for (let i = 3; i < pixels.length; i += 4) {
    if (pixels[i] !== 0) drawn += 1;
    digest = (digest * 31 + pixels[i - 3] + pixels[i - 2] + pixels[i - 1] + pixels[i]) | 0;
  }
  return [drawn, digest];
}"""

FOREIGN_PAGE = """<!DOCTYPE html>
<script>
window.outcome = new Promise((settle) => {
  const socket = new WebSocket("ws://127.0.0.1:PORT/ws?width=80&height=24");
  socket.onmessage = () => settle("app output");
  socket.onopen = () => setTimeout(() => settle("opened"), 2000);
  socket.onerror = () => settle("refused");
});
</script>
"""


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def foreign_site(folder: Path, coach_port: int) -> Iterator[str]:
    """Another web server on this machine, whose page tries the coach's WebSocket."""
    folder.mkdir()
    (folder / "index.html").write_text(FOREIGN_PAGE.replace("PORT", str(coach_port)))
    handler = partial(QuietHandler, directory=str(folder))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class Screen:
    """What the page's own WebSocket brings it, escapes left out."""

    def __init__(self, page) -> None:
        self.page = page
        self.received: list[bytes] = []
        page.on("websocket", lambda socket: socket.on("framereceived", self.receive))

    def receive(self, frame: bytes | str) -> None:
        if isinstance(frame, bytes):
            self.received.append(frame)

    def text(self, since: int = 0) -> str:
        return ANSI.sub(b"", b"".join(self.received[since:])).decode("utf-8", "replace")

    def wait_for(self, wanted: str, since: int = 0, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while wanted not in self.text(since):
            assert time.monotonic() < deadline, f"{wanted!r} never came:\n{self.text(since)}"
            self.page.wait_for_timeout(50)  # lets Playwright deliver the frames


def test_the_printed_address_opens_the_app_and_other_origins_cannot(chromium, tmp_path):
    with coach_serve(tmp_path) as served:
        context = chromium.new_context(viewport={"width": 1000, "height": 700})
        page = context.new_page()
        screen = Screen(page)
        page.goto(served.address)

        # Home, drawn in the page's terminal.
        page.wait_for_selector("body.-first-byte", timeout=20_000)
        screen.wait_for("Comeback Coach — Home")
        page.wait_for_function(f"({CANVAS_PIXELS})()[0] > 5000")
        home = page.evaluate(CANVAS_PIXELS)

        # A key reaches the app and the screen changes: h opens History.
        before = len(screen.received)
        page.focus(".xterm-helper-textarea")
        page.keyboard.press("h")
        screen.wait_for("Comeback Coach — History", since=before)
        page.wait_for_function(f"({CANVAS_PIXELS})()[1] !== {home[1]}")

        # The browser holds the cookie, which it also sends to other ports of 127.0.0.1.
        cookies = {cookie["name"]: cookie for cookie in context.cookies()}
        assert cookies[served.cookie_name]["httpOnly"]
        assert cookies[served.cookie_name]["sameSite"] == "Strict"

        with foreign_site(tmp_path / "foreign", served.port) as foreign:
            other = context.new_page()
            other.goto(foreign)
            assert other.evaluate("window.outcome") == "refused"
        context.close()
