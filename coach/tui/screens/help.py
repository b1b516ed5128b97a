"""Help: every key of every screen in one table, built from the bindings themselves.

The keys are grouped under the place they work in (a heading row each), so two
columns are enough and every description reads whole on an 80-column screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from coach.scripts.model import KINDS
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.dialogs.due_date import DueDateDialog
from coach.tui.dialogs.export import ExportDialog
from coach.tui.screens.base import CoachDialog
from coach.tui.screens.checkin import OpeningActionsScreen
from coach.tui.screens.damaged import UnreadableSessionDialog
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.plan import PlanScreen
from coach.tui.screens.progress import ProgressScreen
from coach.tui.screens.step_summary import StepSummaryScreen
from coach.tui.screens.wizard import WizardScreen
from coach.tui.widgets.action_items import ActionList
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.safe import cell

KEY_NAMES = {
    "ctrl": "Ctrl",
    "shift": "Shift",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "escape": "Esc",
    "question_mark": "?",
    "slash": "/",
    "delete": "Del",
    "del": "Del",
    "enter": "Enter",
    "tab": "Tab",
    "space": "Space",
    "down": "↓",
    "up": "↑",
}

GENERAL: tuple[tuple[str, str], ...] = (
    ("Ctrl+P", "Command palette: every main action"),
    ("Tab / Shift+Tab", "Move between parts of the screen"),
    ("Enter", "Go on; open or press what is lit"),
)

Row = tuple[str, str, str]


def key_label(keys: str) -> str:
    """``ctrl+s,pagedown`` as ``Ctrl+S / PgDn``."""
    shown = []
    for key in keys.split(","):
        parts = [KEY_NAMES.get(part, part) for part in key.split("+")]
        last = parts[-1]
        if (len(parts) > 1 and len(last) == 1) or (last[:1] == "f" and last[1:].isdigit()):
            parts[-1] = last.upper()
        shown.append("+".join(parts))
    return " / ".join(shown)


def _rows(where: str, bindings: Iterable[BindingType]) -> Iterator[Row]:
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description and not binding.system:
            what = binding.description
            if binding.tooltip:
                what = f"{what}: {binding.tooltip[:1].lower()}{binding.tooltip[1:]}"
            yield where, key_label(binding.key), what


def _kind_rows() -> Iterator[Row]:
    """The keys each prompt kind's input names under itself."""
    from coach.tui.widgets.kinds import INPUTS

    for kind in sorted(INPUTS.values(), key=lambda k: KINDS.index(k.kind)):
        where = kind.kind.replace("_", " ").capitalize()
        for key, action in kind.key_hints:
            yield where, key_label(key), action


def binding_rows(app_bindings: Iterable[BindingType]) -> list[Row]:
    """Every key: where it works, the key(s), what it does."""
    rows: list[Row] = [("Everywhere", key, what) for key, what in GENERAL]
    rows += _rows("Everywhere", app_bindings)
    screens: tuple[tuple[str, Iterable[BindingType]], ...] = (
        ("Home", HomeScreen.BINDINGS),
        ("Home: action items", ActionList.BINDINGS),
        ("Check-in: actions", OpeningActionsScreen.BINDINGS),
        ("Wizard", WizardScreen.BINDINGS),
        ("Step summary", StepSummaryScreen.BINDINGS),
        ("Plan", PlanScreen.BINDINGS),
        ("Progress", ProgressScreen.BINDINGS),
        ("History", HistoryScreen.BINDINGS),
        ("Delete dialog", ConfirmDialog.BINDINGS),
        ("Export dialog", ExportDialog.BINDINGS),
        ("Due date dialog", DueDateDialog.BINDINGS),
        ("Unreadable session", UnreadableSessionDialog.BINDINGS),
        ("Help", HelpScreen.BINDINGS),
    )
    for where, bindings in screens:
        rows += _rows(where, bindings)
    rows += _kind_rows()
    return rows


class HelpScreen(CoachDialog[None]):
    """Every binding, in a table over the current screen."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "close", "Close help")]
    AUTO_FOCUS = "#help-table"

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static("Help", classes="dialog-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            yield Static("The mouse works too: click buttons, lists and boxes.", id="help-note")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Keys", "What")
        for where, rows in groupby(binding_rows(type(self.app).BINDINGS), key=itemgetter(0)):
            table.add_row(Text(where, style="bold", no_wrap=True, end=""), cell(""))
            for _where, keys, what in rows:
                table.add_row(cell(keys), cell(what))

    def action_close(self) -> None:
        self.dismiss(None)
