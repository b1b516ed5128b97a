"""History: every session in a table, filtered as you type; open or delete one."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Input, Static

from coach.errors import CoachError
from coach.store import SessionSummary
from coach.tui.screens.common import CoachScreen, cell, counted, local_time, status_label
from coach.tui.screens.confirm import ConfirmDialog
from coach.tui.widgets.safe import plain

COLUMNS = ("Date", "Script", "Title", "Status")
LIMITS = (0, 20, 48, 0)
"""The longest text each column shows before cutting it with an ellipsis."""


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

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SessionSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="history"):
            yield Input(placeholder="Filter by date, script, title or status", id="history-filter")
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="history-count")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "History"
        table = self.query_one(DataTable)
        table.border_title = "Sessions"
        for name in COLUMNS:
            table.add_column(name, key=name.lower())
        self.reload()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.reload()

    def reload(self) -> None:
        try:
            self.rows = self.coach.require_store().list_sessions()
        except CoachError as error:
            self.coach.report(error)
            return
        self.show_rows()

    def show_rows(self) -> None:
        table = self.query_one(DataTable)
        words = self.query_one("#history-filter", Input).value.casefold().split()
        table.clear()
        shown = 0
        for row in self.rows:
            status = status_label(row.status)
            values = (local_time(row.started_at), row.script_id, row.title, status)
            text = " ".join(values).casefold()
            if all(word in text for word in words):
                cells = (cell(value, limit) for value, limit in zip(values, LIMITS, strict=True))
                table.add_row(*cells, key=row.id)
                shown += 1
        total = len(self.rows)
        count = f"{shown} of {counted(total, 'session')}" if words else counted(total, "session")
        hint = "  ·  ↓ to the list, Enter opens, Del deletes" if total else ""
        self.query_one("#history-count", Static).update(plain(count + hint))

    @on(Input.Changed, "#history-filter")
    def _filter_changed(self) -> None:
        self.show_rows()

    @on(Input.Submitted, "#history-filter")
    def _filter_submitted(self) -> None:
        self.action_open()

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        return key.value

    def action_to_table(self) -> None:
        self.query_one(DataTable).focus()

    def action_filter(self) -> None:
        self.query_one("#history-filter").focus()

    def action_open(self) -> None:
        session_id = self.selected_id()
        if session_id is None:
            return
        try:
            self.coach.open_session(session_id)
        except CoachError as error:
            self.coach.report(error)

    def action_delete(self) -> None:
        session_id = self.selected_id()
        row = next((r for r in self.rows if r.id == session_id), None)
        if row is None:
            return

        def delete(confirmed: bool | None) -> None:
            if confirmed:
                self._delete(row)

        self.app.push_screen(ConfirmDialog(row.title or row.script_id), callback=delete)

    def _delete(self, row: SessionSummary) -> None:
        try:
            self.coach.require_store().delete(row.id)
        except CoachError as error:
            self.coach.report(error)
            return
        self.notify("Session deleted.", title="Deleted")
        self.reload()

    def action_close(self) -> None:
        self.dismiss()
