"""The Comeback Coach application: where it starts, how it moves between screens.

``run_app`` is what ``coach``, ``coach start`` and ``coach resume`` call. It
resolves what to open before the screen takes over (so an unknown script or
session is a plain one-line error), opens the store (a damaged data file is
shown on its own screen, never written to), and saves the draft being typed
when the terminal closes (SIGHUP) or the process is asked to stop (SIGTERM).
"""

from __future__ import annotations

import gc
import inspect
from collections.abc import Callable
from datetime import date
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import constants
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.reactive import Initialize, Reactive
from textual.theme import BUILTIN_THEMES

from coach.errors import CoachError, CouldNotSave, StoreError
from coach.followup.facts import CHECKIN_SCRIPT
from coach.paths import script_folders
from coach.scripts.cache import LoadedScripts
from coach.scripts.catalog import ScriptEntry, discover
from coach.store.records import SessionRecord
from coach.store.sessions import Store
from coach.store.storage import UnreadableSession
from coach.tui import messages
from coach.tui.messages import AfterKeys, after_typed_keys
from coach.tui.opening import LockedStart, Opened, Opening, open_what_was_asked
from coach.tui.palette import CoachCommands
from coach.tui.screens.base import CoachScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.signals import install_signal_handlers
from coach.tui.widgets import WIDGETS_CSS_PATH
from coach.vault import unlock_silently, vault_for
from coach.workspace import Workspace

if TYPE_CHECKING:
    from coach.scripts.model import Script
    from coach.vault import Vault

# The other screens are imported where they are first shown: Home, shown first, needs
# none of them, and they bring in much of Textual (Markdown, TextArea) and of the coach.

Today = Callable[[], date]
COACH_CSS_PATH = Path(__file__).with_name("coach.tcss")


class CoachApp(App[None]):
    """Home, the wizard, plans and history over one data folder.

    The app keeps navigation, the theme and the lifecycle. What the screens read
    and change is the :class:`Workspace` each is handed; where they want to go
    they say with a message (``coach.tui.messages``), handled here.
    """

    TITLE = "Comeback Coach"
    CSS_PATH: ClassVar[list[str | PurePath]] = [WIDGETS_CSS_PATH, COACH_CSS_PATH]
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {CoachCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (30, "-tall")]
    theme: Reactive[str] = Reactive(Initialize(lambda app: app.opening_theme()))
    """The theme the user picked last time is the app's from its first moment: set
    later (on mount), every rule of the stylesheet would be parsed again (~35 ms)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "Help", tooltip="Every key, in one table"),
        Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Keeps what you are typing"),
    ]

    def __init__(
        self,
        workspace: Workspace,
        *,
        opening: Opening | None = None,
        locked: LockedStart | None = None,
    ) -> None:
        self.opening = opening or Opening()  # before App's __init__, which reads the theme
        super().__init__()
        self.workspace = workspace
        self.locked = locked
        self._saved_theme = self.opening.theme

    # -- starting --------------------------------------------------------------

    def opening_theme(self) -> str:
        saved = self.opening.theme
        return saved if saved in BUILTIN_THEMES else constants.DEFAULT_THEME

    def on_mount(self) -> None:
        if self.locked is None:
            self._open_home()
        else:
            from coach.tui.dialogs.unlock import UnlockDialog

            self.push_screen(UnlockDialog(self.locked.vault), self._unlocked)

    def _unlocked(self, unlocked: bool | None) -> None:
        """The passphrase was right: open what was asked for, as an unlocked start does."""
        try:
            if not unlocked or self.locked is None:
                raise CoachError("The coach stays locked.")
            store, self.opening, damaged = self.locked.open()
        except CoachError as error:
            self.exit(return_code=1, message=Text(f"coach: {error}"))
            return
        self.workspace.store, self.workspace.damaged = store, damaged
        self.locked, self._saved_theme = None, self.opening.theme
        self.theme = self.opening_theme()
        self._open_home()

    def _open_home(self) -> None:
        if not self.workspace.usable:
            from coach.tui.screens.damaged import DamagedScreen

            problem = self.workspace.damaged or "The data folder is not open."
            self.push_screen(DamagedScreen(str(problem)))
            return
        self.push_screen(HomeScreen(self.workspace))
        try:
            if self.opening.start:
                self.start_session(self.opening.start)
            elif self.opening.resume:
                self.open_session(self.opening.resume)
        except CoachError as error:
            self.report(error)
        if self.opening.notice:
            self.notify(self.opening.notice, markup=False)

    def watch_theme(self, name: str) -> None:
        """Remember the theme the user picked, for the next start."""
        if not self.workspace.usable or name == self._saved_theme:
            return
        try:
            self.workspace.remember("theme", name)
            self._saved_theme = name
        except CoachError as error:
            self.report(error)

    # -- what the screens ask for ---------------------------------------------------

    def on_navigate(self, message: messages.Navigate) -> None:
        """Go where a screen (or the palette) asked; an error on the way is shown."""
        try:
            self.go(message.where)
        except CoachError as error:
            self.report(error)

    def go(self, where: messages.Destination) -> None:
        match where:
            case messages.StartSession(script_id):
                self.start_session(script_id)
            case messages.OpenSession(session_id):
                self.open_session(session_id)
            case messages.CheckIn(plan_id):
                self.check_in(plan_id)
            case messages.ShowProgress(plan_id):
                self.show_progress(plan_id)
            case messages.ShowHistory():
                self.show_history()
            case messages.ShowPlan(record, script):
                self.show_plan(record, script)
            case messages.EditSession(record, script):
                self.edit_session(record, script)
            case messages.GoHome(notice, title):
                if self.go_home() and notice:
                    self.notify(notice, title=title)
            case messages.ExportPlan():
                self.export_plan()
            case messages.ShowHelp():
                self.action_help()
            case messages.Quit(return_code):
                self.save_and_exit(return_code)

    def on_report(self, message: messages.Report) -> None:
        self.report(message.error)

    # -- going places ------------------------------------------------------------

    def start_session(self, script_id: str) -> None:
        """A new session of the script, in the wizard; a check-in is on the latest plan
        (with no plan to check in on, it is refused with a message)."""
        script = self.workspace.find_script(script_id)
        if script.id == CHECKIN_SCRIPT:
            self.check_in()
            return
        self.go_home()
        record = self.workspace.new_session(script)
        from coach.tui.screens.wizard import WizardScreen

        self.push_screen(WizardScreen(self.workspace, record, script))

    def open_session(self, session_id: str) -> None:
        """A finished session's plan, or an unfinished one where it was left."""
        record = self.workspace.require_store().get(session_id)
        script = self.workspace.script_of(record)
        if record.status == "completed" or script is None:
            from coach.tui.screens.plan import PlanScreen

            self.push_screen(PlanScreen(self.workspace, record, script))
        else:
            self.go_home()
            self.push_wizard(record, script)

    def push_wizard(self, record: SessionRecord, script: Script) -> None:
        """The wizard of a session; a check-in not begun opens on its plan's open actions."""
        from coach.tui.screens.wizard import WizardScreen

        self.push_screen(WizardScreen(self.workspace, record, script))
        rows = self.workspace.opening_actions(record)
        if rows:
            from coach.tui.screens.checkin import OpeningActionsScreen

            self.push_screen(OpeningActionsScreen(self.workspace, script.title, rows))

    def check_in(self, plan_id: str | None = None) -> None:
        """A check-in on the plan: the one given, on screen, else the latest one."""
        plan_id = plan_id or getattr(self.screen, "plan_in_view", None)
        plan_id = plan_id or self.workspace.glance().plan_id
        if plan_id is None:
            raise CoachError("Nothing to check in on yet: finish a reflection first.")
        record, script = self.workspace.start_checkin(plan_id)
        self.go_home()
        self.push_wizard(record, script)

    def show_progress(self, plan_id: str | None = None) -> None:
        """How a plan is going: the one given, on screen, else the latest one."""
        from coach.tui.screens.progress import ProgressScreen

        plan_id = plan_id or getattr(self.screen, "plan_in_view", None)
        self.push_screen(ProgressScreen(self.workspace, plan_id))

    def edit_session(self, record: SessionRecord, script: Script) -> None:
        """Walk through a session again from its first prompt, answers kept."""
        from coach.tui.screens.wizard import WizardScreen

        self.go_home()
        self.push_screen(WizardScreen(self.workspace, record, script, from_start=True))

    def show_plan(self, record: SessionRecord, script: Script | None) -> None:
        """Replace the wizard that just finished by the plan."""
        from coach.tui.screens.plan import PlanScreen

        self.switch_screen(PlanScreen(self.workspace, record, script))

    def show_history(self) -> None:
        from coach.tui.screens.history import HistoryScreen

        self.go_home()
        self.push_screen(HistoryScreen(self.workspace))

    def export_plan(self) -> None:
        """Export the plan on screen, else the plan worked on most recently."""
        from coach.tui.screens.plan import PlanScreen

        if isinstance(self.screen, PlanScreen):
            self.screen.action_export()
            return
        plan_id = self.workspace.glance().plan_id
        if plan_id is None:
            self.notify("No finished plan yet: finish a reflection first.")
            return
        self.open_session(plan_id)
        self.call_after_refresh(self.export_plan)

    def go_home(self) -> bool:
        """Back to Home, keeping what is being typed in any wizard as a draft.

        When a draft cannot be saved, the error is shown and the screen stays.
        """
        try:
            self.save_drafts()
        except CoachError as error:
            self.report(error)
            return False
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        return True

    def report(self, error: CoachError) -> None:
        """Show an error the user can act on; a damaged store gets its own screen, a
        session whose file cannot be read a dialog over the screen that needed it."""
        if isinstance(error, UnreadableSession):
            from coach.tui.screens.damaged import UnreadableSessionDialog

            self.push_screen(UnreadableSessionDialog(error))
        elif isinstance(error, CouldNotSave):  # nothing is damaged: refuse and stay
            self.notify(str(error), title="Not saved", severity="error", markup=False, timeout=12)
        elif isinstance(error, StoreError):
            from coach.tui.screens.damaged import DamagedScreen

            self.workspace.damaged = error
            if not isinstance(self.screen, DamagedScreen):
                self.push_screen(DamagedScreen(str(error)))
        else:
            self.notify(str(error), severity="error", markup=False, timeout=8)

    # -- keeping drafts and leaving ---------------------------------------------

    def save_drafts(self) -> None:
        """Keep what is being typed in every wizard open (on any screen of the stack)."""
        for screen in self.screen_stack:
            if isinstance(screen, CoachScreen):
                screen.save_draft()

    async def action_quit(self) -> None:
        after_typed_keys(self, self.save_and_exit)

    async def on_after_keys(self, message: AfterKeys) -> None:
        """The keys typed before a priority key are in: now run what that key asked for."""
        result = message.callback()
        if inspect.isawaitable(result):
            await result

    def save_and_exit(self, return_code: int = 0) -> None:
        """Keep what is being typed, then quit (also on SIGHUP and SIGTERM)."""
        if self.workspace.damaged is not None:
            message = Text(f"coach: {self.workspace.damaged}")
            self.exit(return_code=return_code or 1, message=message)
            return
        try:
            self.save_drafts()
        except CoachError as error:
            self.exit(return_code=1, message=Text(f"coach: {error}"))
            return
        self.exit(return_code=return_code)

    def action_help(self) -> None:
        from coach.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def build_app(
    open_store: Callable[[], Store],
    scripts: list[ScriptEntry],
    *,
    start: str | None = None,
    resume: str | None = None,
    resume_latest: bool = False,
    today: Today = date.today,
    vault: Vault | None = None,
) -> CoachApp:
    """The app, opened on what was asked for; a damaged store opens the damaged screen.

    An unknown script or session raises ``CoachError`` before anything is shown
    (in a locked folder, whose passphrase is asked first: once it is given).
    """

    def open_all() -> Opened:
        return open_what_was_asked(open_store, scripts, start, resume, resume_latest)

    if vault is not None and vault.needs_unlock():
        locked = LockedStart(vault, open_all)
        return CoachApp(Workspace(None, scripts, today), locked=locked)
    store, opening, damaged = open_all()
    return CoachApp(Workspace(store, scripts, today, damaged=damaged), opening=opening)


def run_app(
    data: Path,
    extra_scripts: list[str] | None,
    start: str | None,
    resume: str | None,
    resume_latest: bool,
) -> int:
    """Run the application until the user quits; the exit code."""
    vault = vault_for(data)
    unlock_silently(vault)  # the keyring or COACH_PASSPHRASE_FILE; else the app asks
    scripts = discover(script_folders(data, extra_scripts), LoadedScripts(data))
    asked = {"start": start, "resume": resume, "resume_latest": resume_latest}
    app = build_app(lambda: Store(data), scripts, vault=vault, **asked)
    restore = install_signal_handlers(app)
    # Every object made so far (modules, classes, the scripts, the app) lives until the
    # app exits: keep them out of the garbage collector's full passes, which otherwise
    # walk all of them again every time one runs (once while Home first appears).
    gc.freeze()
    try:
        app.run()
    finally:
        restore()
    return app.return_code or 0
