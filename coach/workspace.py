"""The coach's data as the screens use it: one data folder, its scripts, and today.

A :class:`Workspace` is handed to every screen that reads or changes sessions.
It answers the questions a screen asks (the glance Home shows first, the facts
of one plan, the script of a session) and makes the changes a screen asks for
(a new session, a check-in, a ticked action), raising ``CoachError`` with a
message for the person when it cannot. It imports no Textual: the screens show
what it returns and report what it raises.

Layer: above ``coach.followup`` (and so everything below it), below the command
line and the application.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from coach.errors import StoreError
from coach.followup.facts import CHECKIN_SCRIPT, PLAN_ID, ActionItem, SessionFacts
from coach.followup.index import FollowUp, load_facts, load_glance
from coach.followup.report import ActionRow, checkin_opening_actions, plan_of
from coach.scripts.catalog import ScriptEntry, find_script
from coach.session.snapshot import session_script
from coach.store.records import SessionRecord
from coach.store.sessions import Store

if TYPE_CHECKING:
    from coach.followup.glance import Glance
    from coach.scripts.model import Script

Today = Callable[[], date]


@dataclass
class Workspace:
    """The store (None when the data folder could not be opened), the scripts, the clock."""

    store: Store | None
    scripts: list[ScriptEntry] = field(default_factory=list)
    today: Today = date.today
    damaged: StoreError | None = None
    """Why the data folder is not to be used (read or written) any more, once known."""

    def require_store(self) -> Store:
        if self.store is None:
            raise StoreError("The data folder is not open.")
        return self.store

    @property
    def usable(self) -> bool:
        return self.store is not None and self.damaged is None

    # -- scripts and sessions ------------------------------------------------

    def lookup_script(self, script_id: str) -> Script | None:
        """The installed script of that id, if it loaded."""
        return next((e.script for e in self.scripts if e.id == script_id and e.script), None)

    def script_of(self, record: SessionRecord) -> Script | None:
        """The script a session runs: its own snapshot, else the installed one."""
        return session_script(record, self.lookup_script)

    def find_script(self, script_id: str) -> Script:
        """The installed script of that id; ``CoachError`` when unknown or broken."""
        return find_script(self.scripts, script_id)

    def new_session(self, script: Script) -> SessionRecord:
        return self.require_store().create(script.id, script.source, script.title)

    def start_checkin(self, plan_id: str) -> tuple[SessionRecord, Script]:
        """A new check-in on the plan, and the check-in script it runs."""
        from coach.followup.followthrough import start_checkin

        store = self.require_store()
        script = find_script(self.scripts, CHECKIN_SCRIPT)
        return start_checkin(store, store.get(plan_id), script), script

    def opening_actions(self, record: SessionRecord) -> list[ActionRow]:
        """A check-in not begun yet: its plan's open actions, to tick first."""
        plan_id = record.extra.get(PLAN_ID)
        if not isinstance(plan_id, str) or record.answers:
            return []
        return checkin_opening_actions(self.plan_facts(plan_id), plan_id, self.today())

    def set_action_done(self, session_id: str, action_id: str, done: bool) -> None:
        """Tick or untick an action: in its session, then in the follow-up index."""
        from coach.followup.followthrough import set_action_done

        store = self.require_store()
        set_action_done(store, FollowUp(store.data_dir), session_id, action_id, done)

    def set_action_due(self, session_id: str, action_id: str, due: date) -> ActionItem:
        """Give one action a due date of its own: in its session, then in the index."""
        from coach.followup.followthrough import set_action_due

        store = self.require_store()
        return set_action_due(store, FollowUp(store.data_dir), session_id, action_id, due)[1]

    def remember(self, key: str, value: object) -> None:
        """Keep a setting (the theme, the export folder) for the next time."""
        self.require_store().set_setting(key, value)

    def recall(self, key: str) -> str | None:
        """A text setting kept with :meth:`remember`, if there is one."""
        value = self.require_store().get_setting(key, None)
        return value if isinstance(value, str) and value else None

    # -- follow-up -----------------------------------------------------------

    def glance(self) -> Glance:
        """What Home and Progress show first, without reading every session."""
        return load_glance(self.require_store(), self.lookup_script)

    def follow_up_facts(self) -> list[SessionFacts]:
        """Every finished session's facts (the follow-up index, brought up to date)."""
        return load_facts(self.require_store(), self.lookup_script)

    def plan_facts(self, session_id: str) -> list[SessionFacts]:
        """Facts enough for the plan a session belongs to: that plan and its check-ins.

        For the plan worked on most recently (and its check-ins) the glance holds
        them, in one small file whatever the history; else every finished session's.
        """
        glance = self.glance()
        by_id = {f.session_id: f for f in glance.facts}
        if session_id in by_id and plan_of(by_id[session_id], by_id) == glance.plan_id:
            return list(glance.facts)
        return self.follow_up_facts()
