"""The comeback plan: a session rendered as Markdown, its action items and title.

A session keeps the YAML of the script it was started with; the plan is built
from that snapshot, so editing or deleting a script file never changes an old
session. Answers the script does not ask are kept and shown as "Other answers".
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.followup.chain import PlanChain, checkin_day
from coach.followup.facts import (
    CHECKIN_TITLE,
    DUE_SET,
    PLAN_ID,
    ActionItem,
    checkin_prompt_ids,
    with_ids,
)
from coach.scripts.model import Script
from coach.session.wizard import Wizard, markdown_answer
from coach.store.records import SessionRecord
from coach.text import escape_markdown

if TYPE_CHECKING:
    from coach.store.sessions import Store


def render_plan(
    record: SessionRecord,
    script: Script | None,
    clock=date.today,
    chain: PlanChain | None = None,
    *,
    with_actions: bool = True,
) -> str:
    """The whole plan as Markdown, as the Plan screen shows it and ``coach show`` prints it.

    ``chain`` (see ``coach.followup.chain``) brings in what followed the plan: the
    next check-in date its check-ins set, and the action items they added.
    ``with_actions=False`` leaves the action list out (the Plan screen shows it
    as checkboxes beside the plan).
    """
    if script is None:
        return _plain_answers(record)
    wizard = Wizard(script, _answers_as_now(record, script, chain), clock=clock)
    if record.status != "completed":
        body = _answers_so_far(record, wizard)
    elif script.plan.strip():
        body = wizard.render(script.plan, markdown=True, drop_empty_lines=True).rstrip()
    else:
        title = f"# {escape_markdown(script.title)}"
        body = "\n\n".join([title, *(wizard.step_summary(s).rstrip() for s in script.steps)])
    actions = _actions_section(record.actions, chain) if with_actions else ""
    parts = [body, actions, _checkins_section(chain), _other_answers(record, script)]
    return "\n\n".join(part for part in parts if part) + "\n"


def _answers_as_now(
    record: SessionRecord, script: Script, chain: PlanChain | None
) -> dict[str, Any]:
    """The answers, with the check-in date a later check-in set in place of the plan's own."""
    answers = dict(record.answers)
    if chain is None or chain.next_checkin is None or chain.moved_by is None:
        return answers
    for prompt_id in checkin_prompt_ids(script):
        if prompt_id in answers:
            answers[prompt_id] = chain.next_checkin.isoformat()
            break
    return answers


def _checkins_section(chain: PlanChain | None) -> str:
    """The check-ins so far, each with the next date it set, if it set one."""
    if chain is None or not chain.checkins:
        return ""
    lines = ["## Check-ins", ""]
    for item in chain.checkins:
        moved = f": next check-in set for {item.checkin_date}" if item.checkin_date else ""
        lines.append(f"- {checkin_day(item)}{moved}")
    if chain.next_checkin is not None:
        lines += ["", f"**Next check-in: {chain.next_checkin.isoformat()}**"]
    return "\n".join(lines)


def _answers_so_far(record: SessionRecord, wizard: Wizard) -> str:
    """An unfinished session: what was answered, step by step, and how to go on."""
    progress = wizard.completion()
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
    date is the first answered ``date`` prompt of the same step, unless the person
    gave the item a date of its own (``due_set``, see ``set_action_due``).
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
                        "due": before.get("due") if before.get(DUE_SET) else due,
                        "prompt_id": prompt.id,
                    }
                )
                if before.get(DUE_SET):
                    actions[-1][DUE_SET] = True
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
    updated = store.update(saved.id, actions=actions, title=title, position=None)
    if saved.title and title != saved.title and not saved.extra.get(PLAN_ID):
        rename_checkins(store, saved.id, saved.title, title)
    return updated


def rename_checkins(store: Store, plan_id: str, old: str, new: str) -> None:
    """A renamed plan's check-ins are titled after its new name (only those listed under
    the old one are read: a rename costs nothing on a long history)."""
    listed = store.list_columns()
    named = [
        sid for sid, t in zip(listed.id, listed.title, strict=True) if t == CHECKIN_TITLE + old
    ]
    for session_id in named:
        if store.get(session_id).extra.get(PLAN_ID) == plan_id:
            store.update(session_id, title=CHECKIN_TITLE + new)


def _action_id(session_id: str, prompt_id: str, text: str, n: int) -> str:
    digest = hashlib.sha1(f"{session_id}\0{prompt_id}\0{n}\0{text}".encode()).hexdigest()
    return digest[:8]


def _actions_section(actions: list[dict[str, Any]], chain: PlanChain | None = None) -> str:
    added = chain.checkin_actions() if chain is not None else []
    if not actions and not added:
        return ""
    lines = ["## Action items", ""]
    lines += [_action_line(ActionItem.from_json(a)) for a in with_ids("", actions)]
    lines += [
        _action_line(action, f" · from the check-in of {checkin_day(item)}")
        for item, action in added
    ]
    return "\n".join(lines)


def _action_line(action: ActionItem, origin: str = "") -> str:
    box = "x" if action.done else " "
    due = f" (by {escape_markdown(action.due)})" if action.due else ""
    return f"- [{box}] {escape_markdown(action.text)}{due}{origin}"


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
        f"**{escape_markdown(key)}**\n\n{markdown_answer(value)}\n\n"
        for key, value in answers.items()
    )
