"""``{id}`` interpolation: answers put into the texts of a script.

A text is scanned once into literal parts and references. ``{id}`` is
replaced by that answer, ``{today}`` by today's ISO date, ``{{`` and ``}}``
are literal braces. Substituted answers are inserted as they are and never
scanned again, so an answer that contains braces or markup stays as typed.
Nothing is evaluated: no attribute access, no indexing, no code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from coach.errors import TemplateError

TODAY = "today"

_TOKEN = r"[^{}]+|\{\{|\}\}|\{([a-z][a-z0-9_-]*)\}|[{}]"
"""A run of literal text, an escaped brace, a reference (its id in group 1), or a
brace that is none of these (an error). Every character is in exactly one token."""
_SNIPPET_MAX = 30
"""How much of a bad ``{...}`` an error message quotes before cutting it short."""


@dataclass(frozen=True)
class Template:
    """A parsed text: literal parts and references, in order."""

    source: str
    references: frozenset[str]
    parts: tuple[tuple[bool, str], ...] = field(default=(), repr=False)
    """``(is_reference, text)`` pairs: an id when a reference, else literal text."""

    def render(self, values: Mapping[str, Any], today: date) -> str:
        """The text with every reference replaced; missing answers give ``""``."""
        pieces: list[str] = []
        for is_reference, text in self.parts:
            if not is_reference:
                pieces.append(text)
            elif text == TODAY:
                pieces.append(today.isoformat())
            else:
                pieces.append(format_value(values.get(text)))
        return "".join(pieces)


def format_value(value: Any) -> str:
    """An answer as it reads in a text: lists joined, booleans as yes/no."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(format_value(item) for item in value)
    return str(value)


@lru_cache(maxsize=1024)
def parse_template(source: str) -> Template:
    """Parse ``source`` once; raise :class:`TemplateError` at the bad brace."""
    if "{" not in source and "}" not in source:
        return Template(source=source, references=frozenset(), parts=_literal(source))
    parts: list[tuple[bool, str]] = []
    literal: list[str] = []
    for token in re.finditer(_TOKEN, source):
        text, reference = token.group(), token.group(1)
        if reference is not None:
            if literal:
                parts.append((False, "".join(literal)))
                literal = []
            parts.append((True, reference))
        elif text == "}":
            raise TemplateError("a lone '}': write }} for a literal brace", token.start() + 1)
        elif text == "{":
            raise _bad_opening(source, token.start())
        else:
            literal.append(text[0] if text in ("{{", "}}") else text)
    parts.extend(_literal("".join(literal)))
    references = frozenset(text for is_reference, text in parts if is_reference)
    return Template(source=source, references=references, parts=tuple(parts))


def _literal(text: str) -> tuple[tuple[bool, str], ...]:
    return ((False, text),) if text else ()


def render_text(source: str, values: Mapping[str, Any], today: date) -> str:
    """Parse (cached) and render ``source`` in one go."""
    return parse_template(source).render(values, today)


def escape(text: str) -> str:
    """``text`` with its braces doubled, so that it renders back as itself."""
    return text.replace("{", "{{").replace("}", "}}")


def _bad_opening(source: str, index: int) -> TemplateError:
    """The error for a ``{`` at ``index`` that does not start a reference."""
    end = index + 1
    while end < len(source) and source[end] not in "{}\n":
        end += 1
    if end == len(source) or source[end] != "}":
        return TemplateError(
            "this '{' is never closed: write {id} for an answer, or {{ for a literal brace",
            index + 1,
        )
    inside = source[index + 1 : end]
    if not inside.strip():
        return TemplateError(
            f"'{{{inside}}}' is empty: put an id inside, like {{goal}};"
            " write {{ for a literal brace",
            index + 1,
        )
    if len(inside) > _SNIPPET_MAX:
        inside = inside[:_SNIPPET_MAX] + "…"
    return TemplateError(
        f"'{{{inside}}}' is not a reference: ids are lowercase letters, digits, - and _;"
        " write {{ for a literal brace",
        index + 1,
    )
