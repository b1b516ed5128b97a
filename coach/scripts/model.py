"""The prompt-script model: typed, immutable records of a loaded script.

Loading and checking the YAML lives in ``coach.scripts.validate``; this module only
says what a valid script *is*. Nothing here touches files or the screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 1

SCRIPT_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
"""Script ids, as the spec gives them."""

ITEM_ID = re.compile(r"[a-z][a-z0-9_-]*\Z")
"""Step and prompt ids: they are referenced as ``{id}`` in texts and conditions."""

RESERVED_IDS = frozenset({"today"})

KINDS = (
    "text",
    "long_text",
    "choice",
    "multi_choice",
    "list",
    "scale",
    "number",
    "confirm",
    "date",
    "info",
)

COMMON_KEYS = ("id", "kind", "ask", "help", "placeholder", "required", "default", "when")

KIND_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("min_length", "max_length", "pattern", "pattern_hint", "limits", "action"),
    "long_text": ("min_length", "max_length"),
    "choice": ("options", "other"),
    "multi_choice": ("options", "options_from", "except_from", "min", "max", "other"),
    "list": ("min", "max", "item_max_length", "action"),
    "scale": ("min", "max", "labels", "track"),
    "number": ("min", "max", "integer", "unit", "track"),
    "confirm": (),
    "date": ("min", "max"),
    "info": ("text",),
}
"""The keys each kind takes besides ``COMMON_KEYS``."""

LIST_KINDS = frozenset({"multi_choice", "list"})
"""Kinds whose answer is a list of strings."""


@dataclass(frozen=True)
class Prompt:
    """One question (or, for ``info``, one pause) of a step."""

    id: str
    kind: str
    ask: str = ""
    help: str = ""
    placeholder: str = ""
    required: bool = True
    default: Any = None
    when: str | None = None
    # text, long_text
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    pattern_hint: str = ""
    limits: tuple[tuple, ...] = ()
    """``Limit`` (name, chars, count) entries; see ``coach.scripts.lengths``."""
    # choice, multi_choice
    options: tuple[str, ...] = ()
    options_from: str | None = None
    except_from: str | None = None
    """An earlier list answer whose items are not offered (nor taken) here."""
    other: bool = False
    # multi_choice, list (items); scale, number (value); date ("today" or ISO)
    min: int | float | str | None = None
    max: int | float | str | None = None
    # list
    item_max_length: int | None = None
    # scale
    labels: tuple[tuple[int, str], ...] = ()
    # number
    integer: bool = True
    unit: str = ""
    # info
    text: str = ""
    # plan
    action: bool = False
    track: str | None = None

    @property
    def answers(self) -> bool:
        """Whether this prompt takes an answer at all (``info`` does not)."""
        return self.kind != "info"

    @property
    def takes_list(self) -> bool:
        return self.kind in LIST_KINDS


@dataclass(frozen=True)
class Step:
    """A titled group of prompts, shown together."""

    id: str
    title: str
    prompts: tuple[Prompt, ...]
    intro: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Script:
    """A whole prompt script, valid by construction (see ``coach.scripts.validate``)."""

    id: str
    title: str
    steps: tuple[Step, ...]
    summary: str = ""
    minutes: int | None = None
    plan: str = ""
    source: str = field(default="", compare=False)
    """The YAML text the script was loaded from; sessions keep it as their snapshot."""
    path: str = field(default="", compare=False)

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        return tuple(p for step in self.steps for p in step.prompts)

    def prompt(self, prompt_id: str) -> Prompt | None:
        for prompt in self.prompts:
            if prompt.id == prompt_id:
                return prompt
        return None

    def step_of(self, prompt_id: str) -> Step:
        for step in self.steps:
            if any(p.id == prompt_id for p in step.prompts):
                return step
        raise KeyError(prompt_id)


PROBLEM_CODES: dict[str, str] = {
    "yaml-syntax": "the file is not valid YAML",
    "unreadable-file": "the file cannot be read, or is not UTF-8 text",
    "empty-script": "the file holds nothing",
    "format-version": "'coach-script' is missing, wrong, or newer than this Comeback Coach",
    "unsupported-yaml": "a YAML feature scripts do not take: tags, merge keys, complex keys",
    "yaml-alias": "an alias (*name) to an anchor: scripts write every value out in full",
    "too-large": "a script, a number or a nesting larger than a script can be",
    "duplicate-key": "a key written twice in one mapping",
    "unknown-key": "a key the format does not know",
    "misplaced-key": "a key that belongs to another prompt kind",
    "missing-key": "a key that must be there is not",
    "wrong-type": "a value of the wrong type: text, number, true/false, list, date",
    "yaml-surprise": "a plain word YAML reads as a boolean or null: quote it",
    "empty-value": "a text or list that must not be empty is",
    "out-of-range": "a number or count outside what the key allows",
    "min-above-max": "a lower bound above its upper bound",
    "unknown-kind": "a prompt kind the format does not know",
    "bad-id": "an id that breaks the id rules, is reserved, or is used twice",
    "duplicate-option": "an option listed twice",
    "bad-pattern": "a 'pattern' that is not a regular expression",
    "bad-default": "a 'default' that does not fit its prompt",
    "condition-syntax": "a 'when' condition that cannot be read",
    "template-syntax": "a text whose {id} braces cannot be read",
    "unknown-reference": "an {id} or 'options_from' naming no prompt of the script",
    "order-reference": "an {id} or 'options_from' naming a prompt asked too late",
    "wrong-reference": "an {id} or 'options_from' naming a prompt of the wrong kind",
    "invalid": "any other value the format does not take",
}
"""The short code of each kind of problem (``coach validate --format json``)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a script, located in its file."""

    path: str
    line: int
    column: int
    message: str
    code: str = field(default="invalid", compare=False)
    """One of ``PROBLEM_CODES``: what kind of problem, for editors and CI."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"
