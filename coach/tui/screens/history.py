"""History: every session in a table, filtered as you type; open or delete one.

Someone who has used the coach for years has thousands of sessions, so the
table is a :class:`~coach.tui.widgets.text_table.TextTable`: its columns are
lists of strings, worked out a column at a time, and only the rows on screen
are drawn. The filter looks in one lower-cased line per session, made the
first time a filter is typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Header, Input, Static

from coach.errors import CoachError
from coach.store.index import SummaryColumns
from coach.store.localtime import local_minutes
from coach.text import escape_controls
from coach.tui.formatting import counted, status_label
from coach.tui.messages import OpenSession
from coach.tui.screens.base import CoachScreen
from coach.tui.screens.confirm import ConfirmDialog
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.safe import plain
from coach.tui.widgets.text_table import TextTable

if TYPE_CHECKING:
    from coach.workspace import Workspace

COLUMNS = ("Last updated", "Script", "Title", "Status")
"""The list is newest first by when each session was last changed: the date shown."""
LIMITS = (0, 20, 0, 0)
"""The longest text each column shows before cutting it with an ellipsis."""
TITLE = COLUMNS.index("Title")
"""The column that gives way on a narrow screen (cut with an ellipsis), so that the
status always shows."""


class HistoryScreen(CoachScreen):
    """Every session, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", tooltip="Type to narrow the list"),
        Binding("down", "to_table", "To the list", show=False),
        Binding("enter", "open", "Open", tooltip="The plan, or resume it"),
        Binding("delete,d", "delete", "Delete", tooltip="Asks first"),
        Binding("escape", "close", "Back"),
    ]
    AUTO_FOCUS = "#history-filter"

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.listed = SummaryColumns([], [], [], [], [], [])
        """Every session, newest first, a list per field (no object per session)."""
        self.values: tuple[list[str], ...] = ([], [], [], [])
        """What each column says of each session (as ``listed``), before it is made a cell."""
        self._cells: list[list[str]] | None = None
        self._searched: list[str] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="history"):
            yield Input(placeholder="Filter by date, script, title or status", id="history-filter")
            yield TextTable(*COLUMNS, id="history-table", zebra_stripes=True, flexible=TITLE)
            yield Static(id="history-count")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "History"
        self.query_one(TextTable).border_title = "Sessions"
        self.reload()

    async def came_back(self) -> None:
        """Back from a plan, the wizard or a dialog: the sessions may have changed."""
        self.reload()

    def reload(self) -> None:
        """Read the list of sessions again and show it (through the filter typed)."""
        self._away = False  # read now: coming back to the screen needs no other reading
        try:
            listed = self.workspace.require_store().list_columns()
        except CoachError as error:
            self.report_error(error)
            return
        self.listed = listed
        self.values = (
            local_minutes(listed.updated_at),
            listed.script_id,
            listed.title,
            list(map(status_label, listed.status)),
        )
        self._cells = self._searched = None
        self.show_rows(keep_lit=True)

    def cells(self) -> list[list[str]]:
        """Every session's cells, a list per column (worked out once per reload)."""
        if self._cells is None:
            dates, scripts, titles, statuses = self.values
            date_limit, script_limit, title_limit, _ = LIMITS
            self._cells = [
                cells(dates, date_limit),
                cells(scripts, script_limit),
                cells(titles, title_limit),
                statuses,  # our own words
            ]
        return self._cells

    def searched(self) -> list[str]:
        """What the filter looks in, a line per session (worked out when first needed)."""
        if self._searched is None:
            rows = zip(*self.values, strict=True)
            self._searched = [" ".join(values).casefold() for values in rows]
        return self._searched

    def show_rows(self, keep_lit: bool = False) -> None:
        """The rows through the filter typed, the top one lit (with ``keep_lit``, the
        session lit before, when it is still listed: back from a dialog or a plan)."""
        words = self.query_one("#history-filter", Input).value.casefold().split()
        keys = self.listed.id
        columns = self.cells()
        if words:
            picked = [n for n, line in enumerate(self.searched()) if all(w in line for w in words)]
            keys = [keys[n] for n in picked]
            columns = [[column[n] for n in picked] for column in columns]
        table = self.query_one(TextTable)
        lit = table.cursor_key
        table.set_rows(keys, columns)
        if keep_lit and lit in keys:
            table.cursor_row = keys.index(lit)
        total = len(self.listed)
        shown = (
            f"{len(keys)} of {counted(total, 'session')}" if words else counted(total, "session")
        )
        hint = "  ·  ↓ to the list, Enter opens, Del deletes" if total else ""
        self.query_one("#history-count", Static).update(plain(shown + hint))

    @on(Input.Changed, "#history-filter")
    def _filter_changed(self) -> None:
        self.show_rows()

    @on(Input.Submitted, "#history-filter")
    def _filter_submitted(self) -> None:
        self.action_open()

    @on(TextTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def selected_id(self) -> str | None:
        return self.query_one(TextTable).cursor_key

    def action_to_table(self) -> None:
        self.query_one(TextTable).focus()

    def action_filter(self) -> None:
        self.query_one("#history-filter").focus()

    def action_open(self) -> None:
        session_id = self.selected_id()
        if session_id is None:
            return
        self.navigate(OpenSession(session_id))

    def action_delete(self) -> None:
        session_id = self.selected_id()
        if session_id is None:
            return
        n = self.listed.id.index(session_id)
        title = self.listed.title[n] or self.listed.script_id[n]

        def delete(confirmed: bool | None) -> None:
            if confirmed:
                self._delete(session_id)

        self.app.push_screen(ConfirmDialog(title), callback=delete)

    def _delete(self, session_id: str) -> None:
        try:
            self.workspace.require_store().delete(session_id)
        except CoachError as error:
            self.report_error(error)
            return
        self.notify("Session deleted.", title="Deleted")
        self.reload()

    def action_close(self) -> None:
        self.dismiss()


def cells(texts: list[str], limit: int = 0) -> list[str]:
    """Texts as the table shows them: on one line, control characters escaped, and with a
    ``limit``, those longer cut there with an ellipsis."""
    distinct = set(texts)
    if len(distinct) * 4 < len(texts):  # a few texts again and again (script ids): each once
        shown = dict(zip(distinct, cells(list(distinct), limit), strict=True))
        return list(map(shown.__getitem__, texts))
    lines = list(map(" ".join, map(str.split, texts)))  # line breaks and tabs as spaces
    joined = "\n".join(lines)
    escaped = escape_controls(joined)  # all in one pass: no line break is left in a text
    if escaped != joined:
        lines = escaped.split("\n")
    if limit:
        cut = limit - 1
        lines = [line if len(line) <= limit else line[:cut].rstrip() + "…" for line in lines]
    return lines
