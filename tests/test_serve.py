"""``coach serve``: the app in a browser, through textual-serve, on loopback by default."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp
import pytest

import coach.cli.serve
from coach.cli.main import build_parser
from coach.cli.serve import app_command, is_loopback
from coach.errors import CoachError


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_argv() -> list[str]:
    """``coach serve`` once the command line has it; these commands on their own until then."""
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            build_parser().parse_args(["serve"])
        module = "coach"
    except SystemExit:
        module = "coach.cli.followup"
    return [sys.executable, "-m", module, "serve"]


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


async def first_screen(url: str, wanted: bytes, seconds: float) -> bytes:
    """What the served app sends a browser over the websocket, until ``wanted`` shows."""
    received = b""
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as websocket:
        async with asyncio.timeout(seconds):
            while wanted not in received:
                message = await websocket.receive()
                if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                    break
                data = message.data
                received += data if isinstance(data, bytes) else data.encode()
    return received


def test_serve_answers_with_the_textual_serve_page_and_runs_the_app(tmp_path):
    port = free_port()
    data = tmp_path / "data"
    server = subprocess.Popen(
        [*serve_argv(), "--port", str(port), "--data-dir", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "100"},
    )
    try:
        page = fetch(f"http://127.0.0.1:{port}/", time.monotonic() + 20)
        screen = asyncio.run(
            first_screen(f"http://127.0.0.1:{port}/ws?width=80&height=24", b"Comeback Coach", 30)
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert "textual-terminal" in page and "js/textual.js" in page
    assert "Comeback Coach" in page
    assert f"ws://127.0.0.1:{port}/ws" in page
    assert b"Comeback Coach" in screen  # the app itself, running for this visitor
    assert b"Traceback" not in server.stderr.read()  # type: ignore[union-attr]


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


def test_serving_beyond_loopback_says_who_can_reach_it(monkeypatch, capsys, tmp_path):
    started = {}

    class FakeServer:
        def __init__(self, command, **options):
            started.update(options, command=command)

        def serve(self):
            return None

    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    args = argparse.Namespace(data_dir=str(tmp_path), host="0.0.0.0", port=9000, public_url=None)
    assert coach.cli.serve.serve(args) == 0
    assert "anyone who can reach this address" in capsys.readouterr().err
    assert (started["host"], started["port"]) == ("0.0.0.0", 9000)
    assert started["title"] == "Comeback Coach"


def test_a_port_in_use_is_a_plain_error(monkeypatch, tmp_path):
    class BusyServer:
        def __init__(self, command, **options):
            pass

        def serve(self):
            raise OSError(98, "Address already in use")

    monkeypatch.setattr("textual_serve.server.Server", BusyServer)
    args = argparse.Namespace(data_dir=str(tmp_path), host="127.0.0.1", port=80, public_url=None)
    with pytest.raises(CoachError, match=r"Address already in use\. Try another"):
        coach.cli.serve.serve(args)
