"""History and its table: thousands of sessions cheaply, shown exactly as DataTable shows them."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList

from coach.store import Store
from coach.text import escape_controls
from coach.tui.screens.history import HistoryScreen, cells
from coach.tui.screens.home import RESUME_SHOWN
from coach.tui.screens.wizard import WizardScreen
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.text_table import TextTable

from .conftest import AppFactory, Scripts, finished_session, shown_text, unfinished_session

# -- cells: one line each, controls escaped, long ones cut --------------------------------


def one_by_one(texts: list[str], limit: int = 0) -> list[str]:
    """What each cell showed when the table was made one row at a time."""
    shown = []
    for text in texts:
        line = escape_controls(" ".join(text.split()))
        if limit and len(line) > limit:
            line = line[: limit - 1].rstrip() + "…"
        shown.append(line)
    return shown


AWKWARD = st.sampled_from(
    list(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029\u3000\xa0\x1b\x07\x00\x7f\x9f[]:")
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(st.characters(codec="utf-8") | AWKWARD, max_size=30), max_size=8),
    st.sampled_from([0, 5, 20, 48]),
)
def test_cells_are_made_all_at_once_as_one_at_a_time(texts: list[str], limit: int) -> None:
    assert cells(texts, limit) == one_by_one(texts, limit)
    repeated = texts * 5  # a few texts again and again, as script ids are
    assert cells(repeated, limit) == one_by_one(repeated, limit)


# -- the table looks like a DataTable ----------------------------------------------------

ROWS = [
    ("2026-03-01 18:30", "comeback", "[bold]x[/bold] :smile: [ lone", "finished"),
    ("2026-02-28 09:05", "checkin", "再起のプラン 🚀 emoji and CJK", "in progress"),
    ("2026-02-27 10:00", "quick", "plain", "finished"),
    ("2026-02-26 11:11", "comeback", "escaped \\x1b control", "in progress"),
]
LABELS = ("Date", "Script", "Title", "Status")


class SideBySide(App[None]):
    """A DataTable (as History had) above a TextTable, holding the same rows."""

    CSS: ClassVar[str] = "DataTable, TextTable { height: 8; width: 100; }"
    AUTO_FOCUS = None

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield TextTable(*LABELS, zebra_stripes=True)

    def __init__(self) -> None:
        super().__init__()
        self.picked: list[str] = []

    def on_text_table_row_selected(self, event: TextTable.RowSelected) -> None:
        self.picked.append(event.key)

    def on_mount(self) -> None:
        old = self.query_one(DataTable)
        for label in LABELS:
            old.add_column(label)
        for n, row in enumerate(ROWS):
            cells = (Text(v, no_wrap=True, overflow="ellipsis", end="") for v in row)
            old.add_row(*cells, key=str(n))
        columns = [[row[c] for row in ROWS] for c in range(len(LABELS))]
        self.query_one(TextTable).set_rows([str(n) for n in range(len(ROWS))], columns)


def lines_of(widget: Any) -> list[list[tuple[str, Any]]]:
    return [[(s.text, s.style) for s in widget.render_line(y)] for y in range(widget.size.height)]


async def test_a_text_table_draws_every_line_as_a_data_table_does() -> None:
    app = SideBySide()
    async with app.run_test(size=(110, 20)) as pilot:
        await pilot.pause()
        old, new = app.query_one(DataTable), app.query_one(TextTable)
        assert lines_of(new) == lines_of(old)  # neither focused, the cursor on the first row
        old.move_cursor(row=2)
        new.cursor_row = 2
        await pilot.pause()
        assert lines_of(new) == lines_of(old)
        old.focus()
        await pilot.pause()
        old_focused = lines_of(old)
        new.focus()
        await pilot.pause()
        assert lines_of(new) == old_focused


async def test_a_text_table_moves_its_cursor_and_selects_like_a_data_table() -> None:
    app = SideBySide()
    picked = app.picked
    async with app.run_test(size=(110, 20)) as pilot:
        table = app.query_one(TextTable)
        table.focus()
        await pilot.press("down", "down", "up")
        assert table.cursor_row == 1 and table.cursor_key == "1"
        await pilot.press("ctrl+end")
        assert table.cursor_row == len(ROWS) - 1
        await pilot.press("ctrl+home", "enter")
        await pilot.pause()
        assert picked == ["0"]
        await pilot.click(TextTable, offset=(3, 3))  # the third row: highlighted
        await pilot.pause()
        assert table.cursor_row == 2 and picked == ["0"]
        await pilot.click(TextTable, offset=(3, 3))  # again: selected
        await pilot.pause()
        assert picked == ["0", "2"]


def test_a_text_table_refuses_rows_that_do_not_fit_its_columns() -> None:
    table = TextTable(*LABELS)
    with pytest.raises(ValueError):
        table.set_rows(["a"], [["x"], ["y"], ["z"]])
    with pytest.raises(ValueError):
        table.set_rows(["a", "b"], [["x"], ["y"], ["z"], ["w"]])


# -- the History screen ------------------------------------------------------------------


async def test_opening_history_reads_the_list_once_and_opens_the_row_picked(
    make_app: AppFactory, store: Store, scripts: Scripts, monkeypatch: pytest.MonkeyPatch
) -> None:
    unfinished_session(store, scripts, {"setback": "Half done", "mood": 3}, "lesson")
    for n in range(3):
        finished_session(store, scripts, {"setback": f"Done {n}"})
    reads: list[int] = []
    list_columns = Store.list_columns

    def counted(self: Store, limit: int | None = None) -> Any:
        reads.append(1)
        return list_columns(self, limit)

    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        monkeypatch.setattr(Store, "list_columns", counted)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and len(reads) == 1
        table = app.screen.query_one(TextTable)
        assert table.row_count == 4
        assert "Done 2 | finished" in shown_text(app.screen)
        await pilot.press("down", "ctrl+end", "enter")  # the oldest: the unfinished one
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)


async def test_the_footer_follows_the_focus_between_filter_and_table(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    finished_session(store, scripts)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("h")
        await pilot.pause()

        def keys() -> set[str]:
            footer = app.screen.query_one(KeysFooter)
            return {getattr(key, "description", "") for key in footer.query("*")}

        assert isinstance(app.focused, Input) and "Delete" not in keys()  # Input's own keys
        await pilot.press("down")
        await pilot.pause()
        assert isinstance(app.focused, TextTable) and "Delete" in keys()


async def test_home_lists_the_newest_unfinished_sessions_and_says_how_many_more(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    extra = 3
    left = [
        unfinished_session(store, scripts, {"setback": f"Left {n:02d}"}, "mood")
        for n in range(RESUME_SHOWN + extra)
    ]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one("#resume", OptionList)
        shown = [option.id for option in listing.options]
        assert shown[:-1] == [record.id for record in reversed(left)][:RESUME_SHOWN]
        assert str(listing.options[-1].prompt) == f"{extra} more in History (press h)"
        assert listing.options[-1].disabled


async def test_history_lists_thousands_of_sessions(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    """Every session is in the table; only the rows on screen are drawn."""
    script = next(entry.script for entry in scripts if entry.script is not None)
    records = []
    for n in range(1500):
        record = store.create(script.id, script.source, f"Session {n:04d}")
        records.append(record)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one(TextTable)
        assert table.row_count == 1500
        await pilot.press("down", "ctrl+end")
        await pilot.pause()
        assert table.cursor_key == records[0].id  # the oldest, at the bottom
        assert "Session 0000" in shown_text_of_screen(pilot)


def shown_text_of_screen(pilot: Pilot[Any]) -> str:
    from .harness import screen_text

    return screen_text(pilot.app)
