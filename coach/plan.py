"""The comeback plan: a session rendered as Markdown, its action items and title, export
and import.

A session keeps the YAML of the script it was started with; the plan is built
from that snapshot, so editing or deleting a script file never changes an old
session. Answers the script does not ask are kept and shown as "Other answers".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.engine import Wizard
from coach.errors import CoachError
from coach.facts import PLAN_ID
from coach.records import SessionRecord
from coach.script import Script
from coach.template import format_value
from coach.text import escape_markdown
from coach.validate import load_script_text

if TYPE_CHECKING:
    from coach.store import Store

ScriptLookup = Callable[[str], Script | None]
"""Finds an installed script by id (for sessions whose snapshot is missing)."""

EXPORT_FIELDS = ("id", "script_id", "status", "started_at", "updated_at", "answers", "actions")


def session_script(record: SessionRecord, lookup: ScriptLookup | None = None) -> Script | None:
    """The script a session was started with, else the installed one of that id, else None."""
    if record.script_source.strip():
        script, _problems = load_script_text(record.script_source, f"<session {record.id}>")
        if script is not None:
            return script
    return lookup(record.script_id) if lookup else None


def render_plan(record: SessionRecord, script: Script | None, clock=date.today) -> str:
    """The whole plan as Markdown, as the Plan screen shows it and ``coach show`` prints it."""
    if script is None:
        return _plain_answers(record)
    wizard = Wizard(script, record.answers, clock=clock)
    if record.status != "completed":
        body = _answers_so_far(record, wizard)
    elif script.plan.strip():
        body = wizard.render(script.plan, markdown=True, drop_empty_lines=True).rstrip()
    else:
        title = f"# {escape_markdown(script.title)}"
        body = "\n\n".join([title, *(wizard.step_summary(s).rstrip() for s in script.steps)])
    parts = [body, _actions_section(record.actions), _other_answers(record, script)]
    return "\n\n".join(part for part in parts if part) + "\n"


def _answers_so_far(record: SessionRecord, wizard: Wizard) -> str:
    """An unfinished session: what was answered, step by step, and how to go on."""
    progress = wizard.progress()
    title = escape_markdown(record.title or wizard.script.title)
    note = (
        f"*Not finished yet: {progress.done} of {progress.total} questions answered. "
        f"The plan is written when you finish; go on with `coach resume {record.id}`.*"
    )
    steps = [
        wizard.step_answers(step).rstrip()
        for step in wizard.script.steps
        if any(p.id in wizard.values() for p in step.prompts)
    ]
    return "\n\n".join([f"# {title}", note, *steps])


def derive_actions(wizard: Wizard, existing: Iterable[dict[str, Any]], session_id: str) -> list:
    """The action items of a session: one per answer of each ``action: true`` prompt.

    Items keep their id and ``done`` state when their text is unchanged; the due
    date is the first answered ``date`` prompt of the same step.
    """
    known = {(a.get("prompt_id"), a.get("text")): a for a in existing}
    values = wizard.values()
    actions: list[dict[str, Any]] = []
    for step in wizard.script.steps:
        due = next(
            (values[p.id] for p in step.prompts if p.kind == "date" and values.get(p.id)), None
        )
        for prompt in step.prompts:
            if not prompt.action or not values.get(prompt.id):
                continue
            answer = values[prompt.id]
            for n, text in enumerate(answer if isinstance(answer, list) else [answer]):
                before = known.get((prompt.id, text), {})
                actions.append(
                    {
                        "id": before.get("id") or _action_id(session_id, prompt.id, text, n),
                        "text": text,
                        "done": bool(before.get("done", False)),
                        "due": before.get("due") or due,
                        "prompt_id": prompt.id,
                    }
                )
    return actions



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


def _action_id(session_id: str, prompt_id: str, text: str, n: int) -> str:
    digest = hashlib.sha1(f"{session_id}\0{prompt_id}\0{n}\0{text}".encode()).hexdigest()
    return digest[:8]


def _actions_section(actions: list[dict[str, Any]]) -> str:
    if not actions:
        return ""
    lines = ["## Action items", ""]
    for action in actions:
        box = "x" if action.get("done") else " "
        due = f" (by {action['due']})" if action.get("due") else ""
        lines.append(f"- [{box}] {escape_markdown(str(action.get('text', '')))}{due}")
    return "\n".join(lines)


def _other_answers(record: SessionRecord, script: Script) -> str:
    asked = {p.id for p in script.prompts}
    others = {k: v for k, v in record.answers.items() if k not in asked}
    if not others:
        return ""
    return "## Other answers\n\n" + _answer_lines(others)


def _plain_answers(record: SessionRecord) -> str:
    title = escape_markdown(record.title or record.script_id)
    note = f"*The script '{escape_markdown(record.script_id)}' is not installed: answers as given.*"
    answers = _answer_lines(record.answers)
    return f"# {title}\n\n{note}\n\n{answers}\n{_actions_section(record.actions)}"


def _answer_lines(answers: dict[str, Any]) -> str:
    return "".join(
        f"**{escape_markdown(key)}**\n\n{escape_markdown(format_value(value)) or '(skipped)'}\n\n"
        for key, value in answers.items()
    )


# -- export and import -------------------------------------------------------


def export_json(records: Iterable[SessionRecord], *, single: bool) -> str:
    sessions = [record.to_json() for record in records]
    document: dict[str, Any] = {"coach_export": 1}
    document.update({"session": sessions[0]} if single else {"sessions": sessions})
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def parse_import(text: str, source: str) -> list[SessionRecord]:
    """Every session of an export; the whole file is refused on the first problem."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise CoachError(f"{source} is not valid JSON: {error}. Nothing was imported.") from None
    if isinstance(document, dict) and isinstance(document.get("session"), dict):
        items = [document["session"]]
    elif isinstance(document, dict) and isinstance(document.get("sessions"), list):
        items = document["sessions"]
    else:
        raise CoachError(
            f"{source} is not a Comeback Coach export: expected a 'session' or 'sessions' key. "
            "Nothing was imported."
        )
    return [_import_record(item, n, source) for n, item in enumerate(items, start=1)]


def _import_record(item: Any, n: int, source: str) -> SessionRecord:
    where = f"{source}: session {n}"
    if not isinstance(item, dict):
        raise CoachError(f"{where} is not an object. Nothing was imported.")
    missing = [name for name in EXPORT_FIELDS if name not in item]
    if missing:
        raise CoachError(f"{where} lacks {', '.join(missing)}. Nothing was imported.")
    for name, kind in (("answers", dict), ("actions", list)):
        if not isinstance(item[name], kind):
            raise CoachError(f"{where}: '{name}' has the wrong type. Nothing was imported.")
    for name in ("id", "script_id", "status", "started_at", "updated_at"):
        if not isinstance(item[name], str) or not item[name]:
            raise CoachError(f"{where}: '{name}' should be text. Nothing was imported.")
    bad = [
        a for a in item["actions"] if not isinstance(a, dict) or "text" not in a or "done" not in a
    ]
    if bad:
        raise CoachError(f"{where}: every action needs 'text' and 'done'. Nothing was imported.")
    try:
        return SessionRecord.from_json({**item, "title": item.get("title") or item["script_id"]})
    except ValueError as error:
        raise CoachError(f"{where}: {error}. Nothing was imported.") from None
