"""Closing the terminal (SIGHUP) or being asked to stop (SIGTERM) keeps the draft."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from types import FrameType

from textual.app import App

from coach.tui.messages import Navigate, Quit


def install_signal_handlers(app: App) -> Callable[[], None]:
    """On SIGHUP and SIGTERM, ask the running app to save the draft and quit.

    Returns a function that puts the previous handlers back.
    """

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the app is not running (yet, or any more)
            raise SystemExit(128 + signum) from None
        loop.call_soon_threadsafe(app.post_message, Navigate(Quit(128 + signum)))

    wanted = [s for s in (getattr(signal, "SIGHUP", None), signal.SIGTERM) if s is not None]
    previous = {number: signal.signal(number, on_signal) for number in wanted}

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore
