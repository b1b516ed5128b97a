"""``coach serve``: the app in a browser, only for the holder of the token it prints."""

from __future__ import annotations

import argparse
import asyncio
import re
import shlex
import socket
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from serve_support import Served, coach_serve, free_port

import coach.cli.serve
from coach.cli.serve import GuardedServer, app_command, is_loopback
from coach.cli.serve_guard import Guard
from coach.errors import CoachError

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with coach_serve(tmp_path_factory.mktemp("serve")) as server:
        yield server
    assert b"Traceback" not in server.log.read_bytes()


def session(**options) -> aiohttp.ClientSession:
    """A client that keeps cookies for 127.0.0.1, as a browser does."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True), **options)


async def get(url: str, **options) -> tuple[int, str, aiohttp.ClientResponse]:
    async with session() as client, client.get(url, allow_redirects=False, **options) as reply:
        return reply.status, await reply.text(), reply


async def refused_websocket(served: Served, cookies=None, **options) -> int:
    """The status a WebSocket handshake gets; it fails the test if the app is let in."""
    async with session(cookies=cookies) as client:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refusal:
            async with client.ws_connect(f"{served.origin}/ws?width=80&height=24", **options):
                pass
    return refusal.value.status


async def screen_text(websocket: aiohttp.ClientWebSocketResponse, wanted: str) -> str:
    """What the app draws over the WebSocket, escapes left out, until ``wanted`` shows."""
    received = b""
    async with asyncio.timeout(30):
        while wanted.encode() not in ANSI.sub(b"", received):
            message = await websocket.receive()
            if message.type is aiohttp.WSMsgType.BINARY:
                received += message.data
            elif message.type is not aiohttp.WSMsgType.TEXT:
                break
    return ANSI.sub(b"", received).decode("utf-8", errors="replace")


def test_the_page_without_the_token_is_refused_and_shows_no_app(served):
    status, text, _ = asyncio.run(get(f"{served.origin}/"))
    assert status == 401
    assert "token" in text and "textual-terminal" not in text


def test_a_wrong_token_is_refused(served):
    status, text, reply = asyncio.run(get(f"{served.origin}/?token={served.token}x"))
    assert status == 403 and "textual-terminal" not in text
    assert served.cookie_name not in reply.cookies


def test_the_token_in_the_address_opens_the_page_and_leaves_a_strict_cookie(served):
    status, page, reply = asyncio.run(get(served.address))
    assert status == 200
    assert "textual-terminal" in page and "js/textual.js" in page
    assert "Comeback Coach" in page
    assert f"ws://127.0.0.1:{served.port}/ws" in page
    cookie = reply.cookies[served.cookie_name]
    assert cookie.value == served.token
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/"
    assert reply.headers["Referrer-Policy"] == "no-referrer"


def test_the_cookie_stands_in_for_the_token_only_when_it_holds_it(served):
    good = {served.cookie_name: served.token}
    stale = {served.cookie_name: "an-old-token"}
    for path in ("/", "/static/js/textual.js", "/static/css/xterm.css"):
        assert asyncio.run(get(served.origin + path, cookies=good))[0] == 200
        assert asyncio.run(get(served.origin + path, cookies=stale))[0] == 403
        assert asyncio.run(get(served.origin + path))[0] == 401


def test_a_request_naming_another_host_is_refused_even_with_the_token(served):
    rebound = {"Host": f"evil.example:{served.port}"}
    status, text, _ = asyncio.run(get(served.address, headers=rebound))
    assert status == 403 and "textual-terminal" not in text
    cookie = {served.cookie_name: served.token}
    refused = refused_websocket(served, headers=rebound, cookies=cookie, origin=served.origin)
    assert asyncio.run(refused) == 403


def test_the_websocket_without_token_or_cookie_is_refused(served):
    assert asyncio.run(refused_websocket(served, origin=served.origin)) == 401
    stale = {served.cookie_name: "an-old-token"}
    assert asyncio.run(refused_websocket(served, origin=served.origin, cookies=stale)) == 403


@pytest.mark.parametrize(
    "origin", ["http://evil.example", "http://127.0.0.1:{other}", "null", None]
)
def test_the_websocket_from_another_origin_is_refused_even_with_the_cookie(served, origin):
    cookie = {served.cookie_name: served.token}
    options = {"cookies": cookie}
    if origin is not None:
        options["origin"] = origin.format(other=served.port + 1)
    assert asyncio.run(refused_websocket(served, **options)) == 403
    if Path("/proc").is_dir():
        assert served.children() == []  # no app was started for it


def test_the_websocket_address_needs_the_servers_origin_even_without_an_upgrade(served):
    cookie = {served.cookie_name: served.token}
    assert asyncio.run(get(f"{served.origin}/ws", cookies=cookie))[0] == 403


def test_the_token_leaves_a_cookie_that_opens_the_app_from_the_servers_own_page(served):
    async def visit() -> str:
        async with session() as browser:
            async with browser.get(served.address) as page:
                assert page.status == 200
            url = f"{served.origin}/ws?width=100&height=30"
            async with browser.ws_connect(url, origin=served.origin) as websocket:
                return await screen_text(websocket, "Comeback Coach")

    screen = asyncio.run(visit())
    assert "Comeback Coach — Home" in screen  # the app itself, running for this visitor
    assert "Start a reflection" in screen


def test_the_log_never_shows_the_token(served):
    asyncio.run(get(served.address))
    deadline = time.monotonic() + 5
    while "GET /?token=" not in served.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    log = served.log.read_text()
    assert "GET /?token=…" in log
    assert log.count(served.token) == 1  # the address printed at start, nothing else


def test_the_browser_opens_once_the_server_listens(monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        guard = Guard("tok", f"http://127.0.0.1:{port}")
        server = GuardedServer("true", guard, open_browser=True, host="127.0.0.1", port=port)
        asyncio.run(server.open_when_listening())
    deadline = time.monotonic() + 5
    while not opened and time.monotonic() < deadline:
        time.sleep(0.01)
    assert opened == [f"http://127.0.0.1:{port}/?token=tok"]


def test_each_visitor_runs_this_coach_on_this_data_folder(tmp_path):
    data = tmp_path / "my data"
    args = argparse.Namespace(data_dir=str(data), scripts=["workshop"])
    argv = shlex.split(app_command(args))
    assert argv[:3] == [sys.executable, "-m", "coach"]
    assert argv[3:5] == ["--data-dir", str(data.absolute())]
    assert argv[5:] == ["--scripts", str(Path("workshop").absolute())]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


def fake_serve(monkeypatch, error: OSError | None = None) -> list[GuardedServer]:
    started: list[GuardedServer] = []

    def serve(self: GuardedServer) -> None:
        started.append(self)
        if error:
            raise error

    monkeypatch.setattr(GuardedServer, "serve", serve)
    return started


def serve_args(tmp_path: Path, host: str, port: int, **extra) -> argparse.Namespace:
    options = {"public_url": None, "no_browser": True, **extra}
    return argparse.Namespace(data_dir=str(tmp_path), host=host, port=port, **options)


def test_serving_beyond_loopback_says_who_can_reach_it(monkeypatch, capsys, tmp_path):
    started = fake_serve(monkeypatch)
    assert coach.cli.serve.serve(serve_args(tmp_path, "0.0.0.0", 9000)) == 0
    said = capsys.readouterr().err
    assert "anyone who can reach this address and has the token" in said
    assert "--public-url (such as http://192.168.1.4:9000)" in said  # 0.0.0.0 is no address
    (server,) = started
    assert (server.host, server.port, server.title) == ("0.0.0.0", 9000, "Comeback Coach")
    coach.cli.serve.serve(serve_args(tmp_path, "192.168.1.4", 9000))
    said = capsys.readouterr().err
    assert "anyone who can reach" in said and "--public-url" not in said


def test_on_loopback_the_server_answers_only_to_its_own_address(monkeypatch, capsys, tmp_path):
    started = fake_serve(monkeypatch)
    coach.cli.serve.serve(serve_args(tmp_path, "127.0.0.1", 8000))
    assert capsys.readouterr().err == ""
    assert started[0].guard.public_url == started[0].public_url == "http://127.0.0.1:8000"
    coach.cli.serve.serve(serve_args(tmp_path, "::1", 8000))
    assert started[1].guard.public_url == "http://[::1]:8000"
    coach.cli.serve.serve(serve_args(tmp_path, "0.0.0.0", 80, public_url="https://c.example"))
    assert started[2].guard.address().startswith("https://c.example/?token=")
    assert len({server.guard.token for server in started}) == 3  # a new token each start


def test_a_port_in_use_is_a_plain_error(monkeypatch, tmp_path):
    fake_serve(monkeypatch, OSError(98, "Address already in use"))
    with pytest.raises(CoachError, match=r"Address already in use\. Try another"):
        coach.cli.serve.serve(serve_args(tmp_path, "127.0.0.1", free_port()))
