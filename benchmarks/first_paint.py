"""Run an app headless until its first screen is painted, then exit.

startup_ratio times this whole process and memory_ratio reads its peak RSS:

    python benchmarks/first_paint.py coach --data-dir DIR   # the real ``coach``
    python benchmarks/first_paint.py bare                   # a bare Textual app, one Label
    python benchmarks/first_paint.py home                   # Home's panels, no coach code

``coach`` goes through ``coach.cli.main.main`` exactly as the ``coach`` command
does; the only change is that ``App.run`` is made headless, at a fixed size,
with an autopilot that exits once the wanted screen is mounted (Home has read
its lists in its mount handler) and has been painted. The bare app gets the
very same ``App.run``. Each writes its peak resident memory to stderr as it
ends (``timing.report_peak_rss``).

``home`` is the floor under ``startup_ratio``: the panels Home must show (SPEC
2: scripts, unfinished sessions, recent plans, open actions, a progress
glance) built from Textual's own widgets, with text of the same length as
Home shows for the benchmark's data, and no coach code at all: no stylesheet,
no store, no scripts. What it costs over ``bare`` is Textual's, not ours.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.pilot import Pilot
from textual.widgets import Footer, Header, Label, OptionList, Static
from timing import report_peak_rss

SIZE = (120, 40)
FIRST_SCREEN = {"coach": "HomeScreen", "bare": "Screen", "home": "Screen"}


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


def _two_lines(first: str, n: int) -> str:
    return f"{first} {n}: a title of a usual length\ncomeback · 2026-03-{n % 28 + 1:02d} 10:{n:02d}"


class HomeFloorApp(App[None]):
    """Home's panels and keys, as Textual's stock widgets, with Home's amount of text."""

    TITLE = "Comeback Coach"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "bell", "New"),
        Binding("r", "bell", "Resume"),
        Binding("h", "bell", "History"),
        Binding("g", "bell", "Progress"),
        Binding("f1", "bell", "Help"),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical():
                yield OptionList(*(_two_lines("Script", n) for n in range(3)))
                yield OptionList(
                    *(_two_lines("Unfinished", n) for n in range(10)),
                    "990 more in History (press h)",
                )
            with Vertical():
                yield OptionList(*(_two_lines("Plan", n) for n in range(5)))
                yield OptionList(*(_two_lines("Action", n) for n in range(6)))
                yield Static("\n".join(f"A line of the progress glance, {n}" for n in range(6)))
        yield Footer()


def main(argv: list[str]) -> int:
    which, rest = argv[0], argv[1:]
    headless_until_painted(FIRST_SCREEN[which])
    try:
        if which in ("bare", "home"):
            (BareApp() if which == "bare" else HomeFloorApp()).run()
            return 0
        from coach.cli.main import main as coach_main

        return coach_main(rest)
    finally:
        report_peak_rss()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
