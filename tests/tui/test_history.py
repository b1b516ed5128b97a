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

from coach.cli.main import main
from coach.store.sessions import Store
from coach.text import escape_controls
from coach.tui.screens.history import HistoryScreen, cells
from coach.tui.screens.home import RESUME_SHOWN
from coach.tui.screens.wizard import WizardScreen
from coach.tui.widgets import WIDGETS_CSS_PATH
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.text_table import TextTable

from .conftest import AppFactory, Scripts, finished_session, shown_text, unfinished_session
from .harness import screen_text

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

    CSS_PATH = WIDGETS_CSS_PATH  # the TextTable's look is in the widgets' stylesheet
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


class Narrow(App[None]):
    """A TextTable whose title column gives way, in a box as wide as the test's terminal."""

    CSS: ClassVar[str] = "TextTable { height: 1fr; }"

    def __init__(self, rows: int = len(ROWS)) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield TextTable(*LABELS, flexible=LABELS.index("Title"))

    def on_mount(self) -> None:
        rows = [ROWS[n % len(ROWS)] for n in range(self.rows)]
        columns = [[row[c] for row in rows] for c in range(len(LABELS))]
        self.query_one(TextTable).set_rows([str(n) for n in range(len(rows))], columns)


def drawn(table: TextTable) -> list[str]:
    return ["".join(s.text for s in table.render_line(y)) for y in range(table.size.height)]


@pytest.mark.parametrize("rows", [len(ROWS), 40])  # a vertical scrollbar, or none
async def test_a_flexible_column_gives_way_so_the_columns_after_it_show(rows: int) -> None:
    app = Narrow(rows)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(TextTable)
        assert table.max_scroll_x == 0  # nothing to scroll to: every column is on screen
        lines = drawn(table)
        assert lines[0].split() == ["Date", "Script", "Title", "Status"]
        shown_rows = min(rows, table.size.height - 1)
        for n in range(shown_rows):
            line, (date, script, title, status) = lines[n + 1], ROWS[n % len(ROWS)]
            assert line.startswith(f" {date}  {script}") and line.rstrip().endswith(status)
            shown = line[line.index(script) + len(script) :].strip()[: -len(status)].strip()
            assert shown == title or (shown.endswith("…") and title.startswith(shown[:-1]))
        assert "…" in lines[1] and "…" in lines[2]  # the longest titles, cut
        await pilot.resize_terminal(110, 20)
        await pilot.pause()
        assert all(row[2] in line for row, line in zip(ROWS, drawn(table)[1:], strict=False))


async def test_a_flexible_column_is_never_narrower_than_its_least() -> None:
    """Too narrow for even that: the table scrolls sideways, as without a flexible column."""
    app = Narrow()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(TextTable)
        assert table.max_scroll_x > 0
        assert drawn(table)[0].split()[:3] == ["Date", "Script", "Title"]


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


async def test_history_at_80_columns_shows_every_status_and_cuts_long_titles(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    long_title = "Lost the Halloran account after a very long and winding year of work"
    finished_session(store, scripts, {"setback": long_title})
    half = unfinished_session(store, scripts, {"setback": "Half done"}, "mood")
    store.update(half.id, title="Half done")
    for n in range(20):  # more rows than lines: the table scrolls
        finished_session(store, scripts, {"setback": f"Done {n}"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one(TextTable)
        assert table.max_scroll_x == 0
        lines = screen_text(app).splitlines()
        header = next(line for line in lines if "Last updated" in line)
        assert header.split("│")[1].split() == ["Last", "updated", "Script", "Title", "Status"]
        await pilot.press("down", "ctrl+end")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        cut = next(line for line in lines if "Lost the Halloran" in line)
        assert "…" in cut and cut.split("│")[1].rstrip().endswith("finished")
        half = next(line for line in lines if "Half done" in line)
        assert half.split("│")[1].rstrip().endswith("in progress")


async def test_history_shows_when_each_session_was_last_updated_as_it_is_sorted(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    """The clock ticks a minute a write: the older session, changed last, comes first."""
    older = unfinished_session(store, scripts, {"setback": "Started first"}, "mood")
    newer = unfinished_session(store, scripts, {"setback": "Started second"}, "mood")
    changed = store.save_answer(older.id, "mood", 3, "lesson")
    assert changed.started_at < newer.started_at < changed.updated_at
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one(TextTable)
        assert table.labels[0] == "Last updated"
        assert [table.cursor_key, table.row_count] == [older.id, 2]
        shown = [table.row_texts(n)[0] for n in range(2)]
        assert shown == [
            f"2026-03-02 {changed.updated_at[11:16]}",
            f"2026-03-02 {store.get(newer.id).updated_at[11:16]}",
        ]
        assert older.started_at[11:16] not in shown[0]


async def test_history_and_coach_list_word_every_status_alike(
    make_app: AppFactory,
    store: Store,
    scripts: Scripts,
    data_dir: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    finished_session(store, scripts)
    unfinished_session(store, scripts, {"setback": "Half done"}, "mood")
    assert main(["list", "--data-dir", str(data_dir)]) == 0
    listed = capsys.readouterr().out
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one(TextTable)
        shown = {table.row_texts(n)[-1] for n in range(table.row_count)}
    assert shown == {"finished", "in progress"}
    assert all(f"  {word}  " in listed for word in shown)
    assert "completed" not in listed
