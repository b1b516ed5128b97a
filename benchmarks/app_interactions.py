"""Interactions with the running app, driven by Pilot in this process.

    python benchmarks/app_interactions.py keystrokes CHARS RUNS
    python benchmarks/app_interactions.py history DATA_DIR COUNT RUNS
    python benchmarks/app_interactions.py progress DATA_DIR RUNS

Each prints one JSON object: the CPU milliseconds of every run, for the
coach side and, for keystrokes, the bare side. CPU time of this process is
what is measured, because Pilot waits for the app to be idle by sleeping
(20 ms a key by default): wall time would be mostly those sleeps. To keep the
run short, the sleeps are shortened and the screen may repaint at up to
1000 frames a second, so that every key is still handled and painted before
the next one, on both sides alike.
"""

from __future__ import annotations

import os

os.environ.setdefault("TEXTUAL_FPS", "1000")  # read when Textual is imported

import asyncio
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import textual._wait
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from coach.paths import script_folders
from coach.scripts.catalog import discover
from coach.store.sessions import Store
from coach.tui.app import build_app

textual._wait.SLEEP_GRANULARITY = 0.002
textual._wait.SLEEP_IDLE = 0.0001

SIZE = (120, 40)
HERE = Path(__file__).resolve().parent
WORDS = "my launch post got almost no replies so next time i will ask two people to share it "


def typed(count: int) -> list[str]:
    """``count`` keys of ordinary prose, as Pilot names them."""
    text = (WORDS * (count // len(WORDS) + 1))[:count]
    return ["space" if char == " " else char for char in text]


async def until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.001)


async def type_into(pilot: Pilot[Any], widget: Input | TextArea, keys: list[str]) -> float:
    """CPU milliseconds to type ``keys`` into ``widget`` (focused), each key painted."""
    await until(lambda: pilot.app.focused is widget)
    await pilot.pause()
    started = time.process_time()
    await pilot.press(*keys)
    await pilot.app.screen.wait_for_refresh()
    elapsed = (time.process_time() - started) * 1000
    text = widget.value if isinstance(widget, Input) else widget.text
    if not text.endswith("".join(" " if key == "space" else key for key in keys[-20:])):
        raise RuntimeError(f"typing went astray: {text[-40:]!r}")
    return elapsed


# -- keystrokes ------------------------------------------------------------------


class BareFields(App[None]):
    """A bare Textual Input and TextArea: what typing costs without the coach."""

    def compose(self) -> ComposeResult:
        yield Input()
        yield TextArea(soft_wrap=True)


async def bare_keystrokes(keys: list[str]) -> float:
    app = BareFields()
    async with app.run_test(size=SIZE) as pilot:
        field, area = app.query_one(Input), app.query_one(TextArea)
        field.focus()
        spent = await type_into(pilot, field, keys)
        area.focus()
        spent += await type_into(pilot, area, keys)
    return spent / (2 * len(keys))


async def coach_keystrokes(keys: list[str], data: Path) -> float:
    """The wizard's ``text`` prompt, then (after Enter) its ``long_text`` prompt."""
    scripts = discover(script_folders(data, [str(HERE / "scripts")]))
    app = build_app(lambda: Store(data), scripts, start="typing")
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: _focused(app, Input) is not None)
        spent = await type_into(pilot, _focused(app, Input), keys)
        await pilot.press("enter")
        await until(lambda: _focused(app, TextArea) is not None)
        spent += await type_into(pilot, _focused(app, TextArea), keys)
        await pilot.press("escape")
    return spent / (2 * len(keys))


def _focused(app: App[Any], kind: type) -> Any:
    return app.focused if isinstance(app.focused, kind) else None


async def keystrokes(count: int, runs: int) -> dict[str, list[float]]:
    import tempfile

    keys = typed(count)
    result: dict[str, list[float]] = {"coach": [], "bare": []}
    with tempfile.TemporaryDirectory(prefix="coach-keys-") as folder:
        await bare_keystrokes(keys[:20])  # warm-up: imports, CSS, first paints
        await coach_keystrokes(keys[:20], Path(folder) / "warm")
        for turn in range(runs):
            data = Path(folder) / f"run-{turn}"
            if turn % 2:
                result["coach"].append(await coach_keystrokes(keys, data))
                result["bare"].append(await bare_keystrokes(keys))
            else:
                result["bare"].append(await bare_keystrokes(keys))
                result["coach"].append(await coach_keystrokes(keys, data))
    return result


# -- history ---------------------------------------------------------------------


async def history(data: Path, count: int, runs: int) -> dict[str, list[float]]:
    """CPU milliseconds from ``h`` on Home until History's table holds every session."""
    from coach.tui.screens.history import HistoryScreen

    return await _from_home(data, "h", lambda app: _history_rows(app, HistoryScreen) >= count, runs)


async def _from_home(
    data: Path, key: str, shown: Callable[[App[Any]], bool], runs: int
) -> dict[str, list[float]]:
    """CPU milliseconds from ``key`` on Home until ``shown``, once the screen has painted.

    The first opening is the warm-up; ``escape`` goes back to Home after each.
    """
    from coach.tui.screens.home import HomeScreen

    scripts = discover(script_folders(data, None))
    app = build_app(lambda: Store(data), scripts)
    spent: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(runs + 1):
            await until(lambda: isinstance(app.screen, HomeScreen) and app.screen.is_mounted)
            await pilot.pause()
            started = time.process_time()
            await pilot.press(key)
            await until(lambda: shown(app))
            await app.screen.wait_for_refresh()
            spent.append((time.process_time() - started) * 1000)
            await pilot.press("escape")
    return {"coach": spent[1:]}


def _history_rows(app: App[Any], screen_class: type) -> int:
    if not isinstance(app.screen, screen_class) or not app.screen.is_mounted:
        return -1
    return app.screen.query_one("#history-table").row_count  # type: ignore[attr-defined]


# -- progress --------------------------------------------------------------------


async def progress(data: Path, runs: int) -> dict[str, list[float]]:
    """CPU milliseconds from ``g`` on Home until Progress shows the latest plan's report."""
    from coach.tui.screens.progress import ProgressScreen

    return await _from_home(data, "g", lambda app: _progress_shown(app, ProgressScreen), runs)


def _progress_shown(app: App[Any], screen_class: type) -> bool:
    """Progress is on screen with its page filled: the report, or the empty state."""
    screen = app.screen
    if not isinstance(screen, screen_class) or not screen.is_mounted:
        return False
    return bool(screen.query("#progress-title, #progress-empty"))


def main(argv: list[str]) -> int:
    if argv[0] == "keystrokes":
        result = asyncio.run(keystrokes(int(argv[1]), int(argv[2])))
    elif argv[0] == "progress":
        result = asyncio.run(progress(Path(argv[1]), int(argv[2])))
    else:
        result = asyncio.run(history(Path(argv[1]), int(argv[2]), int(argv[3])))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
