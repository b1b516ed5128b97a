"""``coach serve``: the same app in a web browser, through textual-serve.

Each visitor's browser gets its own ``coach`` process on the same data folder
(the store's lock keeps them from losing each other's writes). Only the holder
of the token the server prints gets in (see ``coach.cli.serve_guard``). The
server listens on loopback unless told otherwise, and says so plainly when it
is not.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import shlex
import sys
import threading
import webbrowser
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

from coach.cli.serve_guard import Guard, guard_middleware, new_token
from coach.errors import CoachError
from coach.paths import data_dir
from coach.text import escape_controls


class GuardedServer(Server):
    """textual-serve's server with the guard in front of every route."""

    def __init__(self, command: str, guard: Guard, *, open_browser: bool, **options) -> None:
        super().__init__(command, public_url=guard.public_url, **options)
        self.guard = guard
        self.open_browser = open_browser
        self.opening: asyncio.Task[None] | None = None

    def initialize_logging(self) -> None:
        super().initialize_logging()
        logging.getLogger("aiohttp.access").addFilter(self.hide_token)

    def hide_token(self, record: logging.LogRecord) -> bool:
        """Requests are logged without the token, should the log end up in a file."""
        record.msg = str(record.msg).replace(self.guard.token, "…")
        return True

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(guard_middleware(self.guard))
        return app

    async def on_startup(self, app: web.Application) -> None:
        print(f"Comeback Coach is at {self.guard.address()}", flush=True)
        print("Open that address (it holds the key); Ctrl+C stops the server.", flush=True)
        if self.open_browser:
            self.opening = asyncio.get_running_loop().create_task(self.open_when_listening())

    async def open_when_listening(self) -> None:
        """Open the address in a browser once the server answers on its port."""
        for _ in range(50):
            try:
                _, writer = await asyncio.open_connection(self.host, self.port)
            except OSError:
                await asyncio.sleep(0.1)
                continue
            writer.close()
            break
        # A browser that runs in the terminal would hold the event loop: give it a thread.
        threading.Thread(target=webbrowser.open, args=(self.guard.address(),), daemon=True).start()


def serve(args: argparse.Namespace) -> int:
    """Serve the app in a browser; each visitor gets their own ``coach`` process."""
    if not is_loopback(args.host):
        print(
            f"coach: serving on {escape_controls(args.host)}: anyone who can reach this address "
            "and has the token can use the coach and read its sessions.",
            file=sys.stderr,
        )
        if is_unspecified(args.host) and not args.public_url:
            print(
                "coach: browsers cannot use that address; pass the one they use with "
                f"--public-url (such as http://192.168.1.4:{args.port}).",
                file=sys.stderr,
            )
    guard = Guard(new_token(), args.public_url or local_url(args.host, args.port))
    server = GuardedServer(
        app_command(args),
        guard,
        open_browser=not getattr(args, "no_browser", False),
        host=args.host,
        port=args.port,
        title="Comeback Coach",
    )
    try:
        server.serve()
    except OSError as error:
        raise CoachError(
            f"Could not serve on {args.host}:{args.port}: {error.strerror or error}. "
            "Try another --port."
        ) from None
    return 0


def local_url(host: str, port: int) -> str:
    """The address of the server itself, as a browser writes it."""
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}" if port == 80 else f"http://{host}:{port}"


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each visitor: this coach, this data."""
    folder = data_dir(getattr(args, "data_dir", None)).absolute()
    argv = [sys.executable, "-m", "coach", "--data-dir", str(folder)]
    for extra in getattr(args, "scripts", None) or []:
        argv += ["--scripts", str(Path(extra).expanduser().absolute())]
    preview = getattr(args, "preview", None)
    if preview:
        argv += ["preview", str(Path(preview).expanduser().absolute())]
    return shlex.join(argv)


def is_unspecified(host: str) -> bool:
    """Whether ``host`` means every address of the machine (``0.0.0.0``, ``::``)."""
    import ipaddress

    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
