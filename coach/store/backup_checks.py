"""Checking a backup against the export format before anything of it is written.

Every field of every session is checked (types, the known status words, real
ISO times and dates, ids that can name files) and so is the JSON itself: no
NaN or Infinity, no numbers of more than ``MAX_DIGITS`` digits, no text that
is not Unicode (a lone surrogate), no nesting deeper than ``MAX_DEPTH``. A
session that passes can be printed by every command. All problems are
collected, so that one refusal names the first few of them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from coach.errors import CoachError
from coach.store.records import json_type, shown, valid_session_id

MAX_BACKUP_BYTES = 256 * 1024 * 1024
"""A backup is at most this big (a year of daily plans is a few megabytes)."""

MAX_DEPTH = 32
"""Objects and arrays nest at most this deep (an export needs five levels)."""

MAX_DIGITS = 15
"""A number has at most this many digits before its decimal point."""

SHOWN_PROBLEMS = 5
"""A refused backup names this many problems; the rest are counted."""

STATUSES = ("in_progress", "completed")
REQUIRED = ("id", "script_id", "status", "started_at", "updated_at", "answers", "actions")
TEXTS = ("script_source", "title")
TIMES = ("started_at", "updated_at", "completed_at")
"""Fields that hold an ISO 8601 time (``completed_at`` is kept by follow-up)."""


class Refused(CoachError):
    """The JSON of a backup breaks a limit; the message says which."""


def load_json(text: str) -> Any:
    """The JSON document in ``text``: NaN, Infinity and overlong numbers refused."""
    try:
        return json.loads(
            text, parse_constant=_no_constant, parse_int=_whole, parse_float=_fraction
        )
    except RecursionError:
        raise Refused(f"it is nested too deeply (more than {MAX_DEPTH} levels)") from None


def _no_constant(name: str) -> Any:
    raise Refused(f"it holds {name}, which is not a number JSON allows")


def _whole(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise Refused(f"it holds a number of {len(text.lstrip('-')):,} digits ({text[:12]}…)")
    return int(text)


def _fraction(text: str) -> float:
    whole_part = text.lstrip("-").split(".")[0].split("e")[0].split("E")[0]
    value = float(text) if len(text) <= 64 else math.inf
    if len(whole_part) > MAX_DIGITS or not abs(value) < 10**MAX_DIGITS:
        raise Refused(f"it holds a number too long or too large for a plan ({text[:12]}…)")
    return value


def may_hold_surrogates(text: str) -> bool:
    """Whether JSON ``text`` could hold a lone surrogate (an escape of one, or one as is):
    when not, its strings need no check one by one."""
    return _SURROGATE_ESCAPE.search(text) is not None or not _is_unicode(text)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def session_problems(item: Any, *, surrogates: bool = True) -> list[str]:
    """What is wrong with one session of a backup, each said in a few words; [] when fine.

    ``surrogates=False`` skips the check of every string for lone surrogates (see
    ``may_hold_surrogates``)."""
    if not isinstance(item, dict):
        return [f"it should be an object, not {json_type(item)}"]
    problems = [f"'{name}' is missing" for name in REQUIRED if name not in item]
    problems += _plain_json(item, "", 1, _is_unicode) if surrogates else _nesting(item)
    if problems:
        return problems  # the fields below would only repeat these
    problems += _id_problems(item)
    if item["status"] not in STATUSES:
        problems.append(f"'status' should be {' or '.join(STATUSES)}, not {_said(item['status'])}")
    for name in TEXTS:  # null is as good as missing
        if item.get(name) is not None and not isinstance(item[name], str):
            problems.append(f"'{name}' should be text, not {json_type(item[name])}")
    problems += [_time_problem(item, name) for name in TIMES if name in item]
    problems += _values_problems(item, "answers") + _values_problems(item, "drafts")
    if not isinstance(item["actions"], list):
        problems.append(f"'actions' should be an array, not {json_type(item['actions'])}")
    else:
        for number, action in enumerate(item["actions"], start=1):
            problems += [f"action {number}: {p}" for p in _action_problems(action)]
    return [problem for problem in problems if problem]


def refusal(source: str, problems: list[str]) -> CoachError:
    """One error naming ``source`` and its first few problems."""
    count = f"{len(problems):,} problem{'s' if len(problems) != 1 else ''}"
    lines = [f"{source} cannot be imported. Nothing was imported. {count.capitalize()}:"]
    lines += [f"  {shown_problem(problem)}" for problem in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(f"  …and {len(problems) - SHOWN_PROBLEMS:,} more")
    return CoachError("\n".join(lines))


def shown_problem(problem: str) -> str:
    return problem if len(problem) <= 200 else problem[:199] + "…"


# -- the parts of a session ------------------------------------------------------------


def _plain_json(value: Any, where: str, depth: int, unicode: Callable[[str], bool]) -> list[str]:
    """Nesting deeper than ``MAX_DEPTH`` and text that is not Unicode, anywhere in ``value``."""
    if isinstance(value, str):
        return [] if unicode(value) else [f"{where or 'a text'} is not valid Unicode text"]
    if depth > MAX_DEPTH:
        return [f"{where or 'it'} is nested too deeply (more than {MAX_DEPTH} levels)"]
    if isinstance(value, dict):
        if not all(map(unicode, value)):
            return [f"a key in {where or 'it'} is not valid Unicode text"]
        found: list[str] = []
        for key, inner in value.items():
            found += _plain_json(inner, where or f"'{shown(key)}'", depth + 1, unicode)
            if found:
                return found
        return found
    if isinstance(value, list):
        for inner in value:
            found = _plain_json(inner, where, depth + 1, unicode)
            if found:
                return found
    return []


def _nesting(item: dict[str, Any]) -> list[str]:
    """Nesting too deep, where there is no text to check: answers and drafts are checked
    to be flat anyway (``_values_problems``), so only the other fields are walked."""
    return [
        problem
        for name, value in item.items()
        if name not in _FLAT and isinstance(value, dict | list)
        for problem in _plain_json(value, f"'{shown(name)}'", 2, _any_text)
    ]


_FLAT = ("answers", "drafts")


def _any_text(text: str) -> bool:
    return True


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _id_problems(item: dict[str, Any]) -> list[str]:
    problems = []
    if not isinstance(item["id"], str) or not valid_session_id(item["id"]):
        problems.append(
            f"'id' {_said(item['id'])} cannot be a session id: lowercase letters, digits, "
            "'_' and '-', at most 64"
        )
    if not isinstance(item["script_id"], str) or not item["script_id"].strip():
        problems.append(f"'script_id' should be the id of a script, not {_said(item['script_id'])}")
    plan_id = item.get("plan_id")
    if plan_id is not None and not (isinstance(plan_id, str) and valid_session_id(plan_id)):
        problems.append(f"'plan_id' should be the id of a session, not {_said(plan_id)}")
    if item.get("position") is not None and not isinstance(item["position"], str):
        problems.append(f"'position' should be text or null, not {json_type(item['position'])}")
    return problems


def _time_problem(item: dict[str, Any], name: str) -> str:
    value = item[name]
    if isinstance(value, str) and len(value) >= 16 and value[10:11] in ("T", " "):
        try:
            datetime.fromisoformat(value)
            return ""
        except ValueError:
            pass
    return f"'{name}' should be a time like 2026-03-02T12:00:00+00:00, not {_said(value)}"


def _values_problems(item: dict[str, Any], name: str) -> list[str]:
    """Answers (and drafts): each text, a number, true or false, null or a list of texts."""
    values = item.get(name, {})
    if not isinstance(values, dict):
        return [f"'{name}' should be an object, not {json_type(values)}"]
    return [
        f"'{name}.{key}' should be text, a number, true or false, or a list of texts, "
        f"not {json_type(value)}"
        for key, value in values.items()
        if not _plain_value(value)
    ]


def _plain_value(value: Any) -> bool:
    if value is None or isinstance(value, str | bool | int | float):
        return True
    return isinstance(value, list) and all(isinstance(part, str) for part in value)


def _action_problems(action: Any) -> list[str]:
    if not isinstance(action, dict):
        return [f"it should be an object, not {json_type(action)}"]
    problems = []
    if not isinstance(action.get("text"), str):
        problems.append(f"'text' should be text, not {_said(action.get('text'))}")
    if not isinstance(action.get("done"), bool):
        problems.append(f"'done' should be true or false, not {_said(action.get('done'))}")
    for name in ("id", "prompt_id"):
        value = action.get(name)
        if value is not None and not (isinstance(value, str) and 0 < len(value) <= 64):
            problems.append(f"'{name}' should be text of at most 64 characters, not {_said(value)}")
    due = action.get("due")
    if due is not None and not _is_day(due):
        problems.append(f"'due' should be a date like 2026-03-02, not {_said(due)}")
    return problems


def _is_day(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _said(value: Any) -> str:
    """A value as a problem names it: text quoted (and shortened), anything else by type."""
    if isinstance(value, str):
        return f"'{shown(value)}'"
    return json_type(value)
