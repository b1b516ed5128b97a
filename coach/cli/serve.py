"""``coach serve``: the same app in a web browser, through textual-serve.

Each visitor's browser gets its own ``coach`` process on the same data folder
(the store's lock keeps them from losing each other's writes). The server
listens on loopback unless told otherwise, and says so plainly when it is not.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from coach.errors import CoachError
from coach.paths import data_dir


def serve(args: argparse.Namespace) -> int:
    """Serve the app in a browser; each visitor gets their own ``coach`` process."""
    from textual_serve.server import Server

    if not is_loopback(args.host):
        print(
            f"coach: serving on {args.host}: anyone who can reach this address can use "
            "the coach and read its sessions.",
            file=sys.stderr,
        )
    server = Server(
        app_command(args),
        host=args.host,
        port=args.port,
        title="Comeback Coach",
        public_url=args.public_url,
    )
    try:
        server.serve()
    except OSError as error:
        raise CoachError(
            f"Could not serve on {args.host}:{args.port}: {error.strerror or error}. "
            "Try another --port."
        ) from None
    return 0


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


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
