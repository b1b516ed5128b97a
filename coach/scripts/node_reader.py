"""Reading typed values out of YAML nodes, reporting each problem where it is.

A :class:`NodeReader` collects :class:`~coach.scripts.model.Problem` records instead
of raising, so a whole script is checked in one pass. Every reader returns
``None`` (after reporting) when the value cannot be used.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import yaml

from coach.scripts.model import Problem
from coach.scripts.yaml_limits import MAX_DIGITS, digits
from coach.scripts.yaml_nodes import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    position,
    position_in_scalar,
    surprise,
)

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
MERGE_TAG = "tag:yaml.org,2002:merge"
SEQUENCE_TAG = "tag:yaml.org,2002:seq"
MAPPING_TAG = "tag:yaml.org,2002:map"
_SCALAR_TAGS = frozenset({STR_TAG, INT_TAG, FLOAT_TAG, BOOL_TAG, NULL_TAG, TIMESTAMP_TAG})


@dataclass(frozen=True)
class Entry:
    """One ``key: value`` pair of a mapping, both as nodes."""

    key: Node
    value: Node

    @property
    def line(self) -> int:
        return self.key.start_mark.line + 1


def quoted(name: str) -> str:
    return f"'{name}'"


def suggestion(word: str, choices: Iterable[str]) -> str:
    """``: did you mean 'x'?`` for the closest choice, or nothing."""
    import difflib  # only a script with a mistake needs it

    close = difflib.get_close_matches(word, list(choices), n=1)
    return f": did you mean '{close[0]}'?" if close else ""


class NodeReader:
    """Typed access to nodes, with every problem kept in ``problems``."""

    def __init__(self, path: str, text: str, loader: yaml.SafeLoader) -> None:
        self.path = path
        self.source = text
        self.loader = loader
        self.problems: list[Problem] = []

    # --- reporting ---------------------------------------------------------

    def report(self, node: Node, message: str, code: str = "invalid") -> None:
        line, column = position(node)
        self.report_at(line, column, message, code)

    def report_at(self, line: int, column: int, message: str, code: str = "invalid") -> None:
        self.problems.append(Problem(self.path, line, column, message, code))

    def report_in(self, node: Node, index: int, message: str, code: str = "invalid") -> None:
        """Report at character ``index`` (0-based) of a scalar's value."""
        if isinstance(node, ScalarNode):
            self.report_at(*position_in_scalar(node, self.source, index), message, code)
        else:
            self.report(node, message, code)

    # --- mappings ------------------------------------------------------------

    def mapping(self, node: Node, message: str) -> dict[str, Entry] | None:
        """The entries of a mapping node by key; duplicates and odd keys reported."""
        if not isinstance(node, MappingNode):
            self.report(node, message, "wrong-type")
            return None
        entries: dict[str, Entry] = {}
        for key, value in node.value:
            if key.tag == MERGE_TAG:
                self.report(
                    key, "'<<' (merging mappings) is not supported in scripts", "unsupported-yaml"
                )
                continue
            if not isinstance(key, ScalarNode):
                self.report(key, "a key should be a plain name", "unsupported-yaml")
                continue
            name = key.value
            if name in entries:
                first = entries[name].line
                self.report(key, f"duplicate key '{name}' (first at line {first})", "duplicate-key")
                continue
            entries[name] = Entry(key, value)
        return entries

    def check_keys(
        self, entries: dict[str, Entry], valid: Iterable[str], misplaced: dict[str, str]
    ) -> None:
        """Report keys not in ``valid``; ``misplaced`` maps keys valid elsewhere to a message."""
        valid = tuple(valid)
        for name, entry in entries.items():
            if name in valid:
                continue
            if name in misplaced:
                self.report(entry.key, misplaced[name], "misplaced-key")
            else:
                message = f"unknown key '{name}'{suggestion(name, valid)}"
                self.report(entry.key, message, "unknown-key")

    def require(self, entries: dict[str, Entry], name: str, owner: Node, message: str = "") -> bool:
        if name in entries:
            return True
        self.report(owner, message or f"'{name}' is missing", "missing-key")
        return False

    # --- scalars -------------------------------------------------------------

    def construct(self, node: ScalarNode) -> Any:
        return self.loader.construct_object(node, deep=True)

    def text(self, node: Node, name: str, *, empty: bool = False) -> str | None:
        """Text as written: numbers and dates keep their original spelling.

        A plain yes/no/null where text was meant is reported with the advice to
        quote it. An empty value is allowed only when ``empty`` is true.
        """
        if not isinstance(node, ScalarNode):
            self.report(node, self._not_text(node, name), "wrong-type")
            return None
        if node.tag not in _SCALAR_TAGS:
            message = f"the YAML tag '{node.tag}' is not allowed in a script"
            self.report(node, message, "unsupported-yaml")
            return None
        if node.tag == NULL_TAG and node.style is None and node.value in ("", "~"):
            if empty:
                return ""
            self.report(node, f"{name} is empty", "empty-value")
            return None
        if problem := surprise(node):
            self.report(node, problem, "yaml-surprise")
            return None
        if not node.value.strip() and not empty:
            self.report(node, f"{name} is empty", "empty-value")
            return None
        return node.value

    def _not_text(self, node: Node, name: str) -> str:
        if node.tag not in (SEQUENCE_TAG, MAPPING_TAG):
            return f"the YAML tag '{node.tag}' is not allowed in a script"
        source = self.source[node.start_mark.index : node.end_mark.index]
        if isinstance(node, MappingNode) and source.startswith("{"):
            return (
                f"{name} was read as a YAML mapping because it starts with '{{';"
                f' put the whole text in quotes: "{source}"'
            )
        return f"{name} should be text"

    def integer(self, node: ScalarNode, name: str) -> int | None:
        """The value of a whole-number scalar; one of too many digits is reported."""
        if digits(node.value) > MAX_DIGITS:
            self.report(node, f"{name} is too large: a number here has at most {MAX_DIGITS} digits")
            return None
        return self.construct(node)

    def boolean(self, node: Node, name: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
            return self.construct(node)
        self.report(node, f"{name} should be true or false", "wrong-type")
        return None

    def whole(self, node: Node, name: str, minimum: int | None = None) -> int | None:
        """A whole number, at least ``minimum`` when given."""
        if not (isinstance(node, ScalarNode) and node.tag == INT_TAG):
            self.report(node, f"{name} should be a whole number", "wrong-type")
            return None
        value = self.integer(node, name)
        if value is None:
            return None
        if minimum is not None and value < minimum:
            if minimum == 0:
                self.report(node, f"{name} cannot be negative", "out-of-range")
            else:
                self.report(node, f"{name} should be {minimum} or more", "out-of-range")
            return None
        return value

    def number(self, node: Node, name: str) -> int | float | None:
        if isinstance(node, ScalarNode) and node.tag == INT_TAG:
            return self.integer(node, name)
        if isinstance(node, ScalarNode) and node.tag == FLOAT_TAG:
            value = self.construct(node)
            if math.isfinite(value):
                return value
        self.report(node, f"{name} should be a number", "wrong-type")
        return None

    def date_text(self, node: Node, name: str, relative: bool = False) -> str | None:
        """A date as ISO text (``today`` too; ``tomorrow``, ``+3d`` when ``relative``)."""
        if isinstance(node, ScalarNode) and node.tag == TIMESTAMP_TAG:
            try:
                value = self.construct(node)
            except ValueError:  # looks like a date, is not one: 2026-02-30
                value = None
            if isinstance(value, date) and not isinstance(value, datetime):
                return value.isoformat()
        elif (
            isinstance(node, ScalarNode)
            and node.tag == STR_TAG
            and is_date_text(node.value, relative)
        ):
            return node.value
        words = "today, tomorrow, +3d, +2w" if relative else "today"
        self.report(node, f"{name} should be a date like 2026-05-01, or {words}", "wrong-type")
        return None

    def sequence(self, node: Node, name: str) -> list[Node] | None:
        if isinstance(node, SequenceNode):
            return list(node.value)
        self.report(node, f"{name} should be a list", "wrong-type")
        return None


def is_date_text(text: str, relative: bool = False) -> bool:
    """Whether ``text`` is an ISO date or ``today`` (or, if ``relative``, ``tomorrow``, ``+3d``)."""
    if text == "today":
        return True
    if relative and (text == "tomorrow" or _is_offset(text)):
        return True
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_offset(text: str) -> bool:
    return len(text) > 2 and text[0] == "+" and text[-1] in "dw" and text[1:-1].isdigit()
