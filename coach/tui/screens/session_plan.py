"""What the wizard keeps of a session besides its answers: its title and its plan's actions."""

from __future__ import annotations

from coach.engine import Wizard
from coach.facts import PLAN_ID
from coach.plan import derive_actions
from coach.store import SessionRecord, Store


def session_title(wizard: Wizard) -> str:
    """The first text answer, else the script's title."""
    values = wizard.values()
    for prompt in wizard.applicable():
        answer = values.get(prompt.id)
        if prompt.kind == "text" and isinstance(answer, str) and answer.strip():
            return " ".join(answer.split())
    return wizard.script.title


def title_for(record: SessionRecord, wizard: Wizard) -> str:
    """A check-in keeps ``Check-in: <plan title>``; other sessions take their first answer."""
    return record.title if record.extra.get(PLAN_ID) else session_title(wizard)


def store_plan(store: Store, record: SessionRecord, wizard: Wizard) -> SessionRecord:
    """Keep the action items (derived again, done ones still done) and the title."""
    saved = store.get(record.id)
    actions = derive_actions(wizard, saved.actions, saved.id)
    title = title_for(record, wizard)
    return store.update(saved.id, actions=actions, title=title, position=None)
