"""Run an app headless until its first screen is painted, then exit.

startup_ratio times this whole process and memory_ratio reads its peak RSS:

    python benchmarks/first_paint.py coach --data-dir DIR   # the real ``coach``
    python benchmarks/first_paint.py bare                   # a bare Textual app, one Label

``coach`` goes through ``coach.cli.main`` exactly as the ``coach`` command
does; the only change is that ``App.run`` is made headless, at a fixed size,
with an autopilot that exits once the wanted screen is mounted (Home has read
its lists in its mount handler) and has been painted. The bare app gets the
very same ``App.run``. Both write their peak resident memory to stderr as they
end (``timing.report_peak_rss``).
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Label
from timing import report_peak_rss

SIZE = (120, 40)
FIRST_SCREEN = {"coach": "HomeScreen", "bare": "Screen"}


def exit_once_painted(screen_name: str):
    async def autopilot(pilot: Pilot[Any]) -> None:
        app = pilot.app
        while type(app.screen).__name__ != screen_name or not app.screen.is_mounted:
            await asyncio.sleep(0.001)
        await app.screen.wait_for_refresh()
        app.exit()

    return autopilot


def headless_until_painted(screen_name: str) -> None:
    run = App.run

    def run_headless(self: App[Any], *args: Any, **kwargs: Any) -> Any:
        kwargs.update(headless=True, size=SIZE, auto_pilot=exit_once_painted(screen_name))
        return run(self, *args, **kwargs)

    App.run = run_headless  # type: ignore[method-assign]


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("Comeback Coach")


def main(argv: list[str]) -> int:
    which, rest = argv[0], argv[1:]
    headless_until_painted(FIRST_SCREEN[which])
    try:
        if which == "bare":
            BareApp().run()
            return 0
        from coach.cli import main as coach_main

        return coach_main(rest)
    finally:
        report_peak_rss()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
