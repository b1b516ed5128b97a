"""A real ``coach serve`` on a free loopback port, for the serve tests.

The server runs as its own process, exactly as a person starts it (with
``--no-browser``); the tests read the address it prints, token and all.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SERVE = [sys.executable, "-m", "coach", "serve", "--no-browser"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    """A running server: the address it printed and what it wrote."""

    process: subprocess.Popen
    address: str
    port: int
    log: Path

    @property
    def token(self) -> str:
        return parse_qs(urlsplit(self.address).query)["token"][0]

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def cookie_name(self) -> str:
        return f"coach-token-{self.port}"

    def children(self) -> list[int]:
        """The app processes the server runs now (Linux), one per open WebSocket."""
        listing = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        if not listing.exists():
            return []
        return [int(pid) for pid in listing.read_text().split()]

    def wait_for_visitors_to_leave(self, deadline: float) -> None:
        """Until the apps of closed WebSockets have ended (stopping sooner is another test)."""
        while self.children() and time.monotonic() < deadline:
            time.sleep(0.05)


@contextmanager
def coach_serve(folder: Path, *, seconds: float = 30) -> Iterator[Served]:
    """``coach serve`` on a free port with its data in ``folder``; stopped afterwards."""
    port = free_port()
    log = folder / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*SERVE, "--port", str(port), "--data-dir", str(folder / "data")],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "COLUMNS": "100"},
        )
    try:
        address = printed_address(process, log, time.monotonic() + seconds)
        served = Served(process, address, port, log)
        yield served
        served.wait_for_visitors_to_leave(time.monotonic() + 10)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def printed_address(process: subprocess.Popen, log: Path, deadline: float) -> str:
    while True:
        found = re.search(r"http://\S+\?token=\S+", log.read_text(errors="replace"))
        if found:
            return wait_until_listening(found.group(0), deadline)
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"coach serve printed no address:\n{log.read_text()}")
        time.sleep(0.05)


def wait_until_listening(address: str, deadline: float) -> str:
    parts = urlsplit(address)
    while True:
        try:
            with socket.create_connection((parts.hostname, parts.port), timeout=1):
                return address
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
