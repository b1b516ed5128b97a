"""``coach preview FILE``: the wizard on a script being written, reloaded on every save.

The preview is the real app and the real wizard screen over a scratch store in
a temporary folder, deleted when the preview ends: nothing reaches the person's
own sessions. The file is watched with Textual's own file monitor (the one it
uses to reload CSS while developing), polled by an app timer five times a
second: one ``stat`` per poll, no thread and no native library, and the same
in a terminal and under ``coach serve``. A save that loads carries the answers
over (``coach.session.reload``); a save that breaks the script shows its
problems over the last version that loaded.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path, PurePath
from typing import ClassVar

from textual import events, on
from textual.app import App
from textual.command import Provider
from textual.css.query import NoMatches
from textual.file_monitor import FileMonitor

from coach.errors import CoachError
from coach.scripts.model import Problem, Script
from coach.scripts.validate import load_script_file
from coach.session.reload import carry_over
from coach.store.records import SessionRecord
from coach.store.sessions import Store
from coach.tui.app import CoachApp, Today
from coach.tui.opening import Opening
from coach.tui.screens.preview import PREVIEW_CSS_PATH, PreviewWizardScreen, WaitingScreen
from coach.workspace import Workspace

POLL_SECONDS = 0.2
"""How often the file is looked at: a save shows well within a second."""


class PreviewApp(CoachApp):
    """The coach app opened on one script file, over a scratch store, following its saves."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [*CoachApp.CSS_PATH, PREVIEW_CSS_PATH]
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = App.COMMANDS
    """Textual's own commands (theme, keys, quit): the coach's lead to sessions and plans."""
    TITLE = "Comeback Coach preview"

    def __init__(
        self, path: Path, store: Store, *, today: Today = date.today, theme: str | None = None
    ) -> None:
        super().__init__(Workspace(store, [], today), opening=Opening(theme=theme))
        self.path = path
        self.monitor = FileMonitor([path], self.reload)
        """Made before the first read, so that a save from then on is never missed."""
        self.script: Script | None = None
        self.record: SessionRecord | None = None

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # not Home: the preview only
        script, problems = load_script_file(self.path)
        if script is None:
            self.push_screen(WaitingScreen(problems))
        else:
            self.push_screen(PreviewWizardScreen(self.workspace, self._new_session(script), script))
        self.set_interval(POLL_SECONDS, self.monitor, name="script file monitor")

    def _new_session(self, script: Script) -> SessionRecord:
        self.script = script
        self.record = self.workspace.require_store().create(script.id, script.source, script.title)
        return self.record

    async def open_wizard(self, record: SessionRecord, script: Script) -> None:
        """Show the wizard of ``record``: in the wizard screen already shown when there is
        one (a save, a reset: nothing is mounted again, however fast saves come), else in
        a new one in place of the screen waiting for a script that loads."""
        base = self.base_screen()
        if isinstance(base, PreviewWizardScreen):
            try:
                await base.load(record, script)
            except NoMatches:
                if self.is_running:
                    raise
                # quitting while a save was being shown: its widgets went first
        elif base is not None:
            await self.switch_screen(PreviewWizardScreen(self.workspace, record, script))
        else:
            await self.push_screen(PreviewWizardScreen(self.workspace, record, script))

    def base_screen(self) -> PreviewWizardScreen | WaitingScreen | None:
        """The preview's own screen, beneath any summary, picker or help over it."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, PreviewWizardScreen | WaitingScreen):
                return screen
        return None

    async def reload(self) -> None:
        """Load the file again: carry the session over, or show what is wrong."""
        base = self.base_screen()
        if base is None:
            return
        covered = self.screen is not base
        while self.screen is not base:
            await self.pop_screen()
        script, problems = load_script_file(self.path)
        if script is None:
            base.show_problems(problems)
            if covered and isinstance(base, PreviewWizardScreen):
                await base.show_current()  # a step summary was over it: on to what is next
            return
        if isinstance(base, WaitingScreen) or self.script is None or self.record is None:
            await self.open_wizard(self._new_session(script), script)
            return
        try:
            record = self._carried(base, script)
        except CoachError as error:
            base.show_problems([Problem(str(self.path), 1, 1, f"Could not reload: {error}")])
            return
        await self.open_wizard(record, script)

    def _carried(self, screen: PreviewWizardScreen, script: Script) -> SessionRecord:
        """The session moved over to ``script``, answers and place kept where they fit."""
        store, old = self.workspace.require_store(), self.script
        assert self.record is not None and old is not None
        screen.save_draft()
        record = store.get(self.record.id)
        wizard = screen.wizard
        position = wizard.position if wizard is not None else record.position
        carried = carry_over(
            old, script, record.answers, record.drafts, position, today=self.workspace.today()
        )
        record = dataclasses.replace(
            record,
            script_id=script.id,
            script_source=script.source,
            answers=carried.answers,
            drafts=carried.drafts,
            position=carried.position,
        )
        self.script, self.record = script, store.save(record)
        if carried.cleared:
            names = ", ".join(carried.cleared)
            self.notify(f"Cleared answers that no longer fit their prompt: {names}", markup=False)
        return self.record

    @on(PreviewWizardScreen.ResetAnswers)
    async def reset_answers(self) -> None:
        """Every answer and draft gone; the preview starts again at the first prompt."""
        if self.script is None or self.record is None:
            return
        base = self.base_screen()
        while base is not None and self.screen is not base:
            await self.pop_screen()
        store = self.workspace.require_store()
        self.record = store.update(self.record.id, answers={}, drafts={}, position=None)
        await self.open_wizard(self.record, self.script)
        self.notify("Answers cleared.", markup=False)

    def go_home(self) -> bool:
        """There is no Home in a preview: back to the wizard, drafts kept."""
        try:
            self.save_drafts()
        except CoachError as error:
            self.report(error)
            return False
        base = self.base_screen()
        while base is not None and self.screen is not base:
            self.pop_screen()
        return True


@contextmanager
def scratch_store() -> Iterator[Store]:
    """A store in a temporary folder, deleted with everything in it at the end."""
    scratch = Path(tempfile.mkdtemp(prefix="coach-preview-"))
    try:
        yield Store(scratch / "data")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_preview(path: Path, theme: str | None = None) -> int:
    """Run the preview of ``path`` until the author quits; its scratch store goes with it."""
    from coach.tui.signals import install_signal_handlers

    with scratch_store() as store:
        app = PreviewApp(path, store, theme=theme)
        restore = install_signal_handlers(app)
        try:
            app.run()
        finally:
            restore()
    return app.return_code or 0
