"""``{id}`` interpolation: answers put into the texts of a script.

A text is scanned once into literal parts and references. ``{id}`` is
replaced by that answer, ``{today}`` by today's ISO date, ``{{`` and ``}}``
are literal braces. Substituted answers are inserted as they are and never
scanned again, so an answer that contains braces or markup stays as typed.
Nothing is evaluated: no attribute access, no indexing, no code.

A text of several lines (a summary, the plan) can leave out the lines that
would say nothing: a line whose every reference is empty, such as
``- **Dropping:** {roles_drop}`` when nothing is dropped, is dropped whole
(see :meth:`Template.render`).
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

    def render(
        self, values: Mapping[str, Any], today: date, *, drop_empty_lines: bool = False
    ) -> str:
        """The text with every reference replaced; missing answers give ``""``.

        With ``drop_empty_lines``, a line with references that all came out empty
        (blank) is left out, and so is a blank line that only its leaving out
        doubled: a label is never left with nothing after it.
        """
        if drop_empty_lines and self.references:
            return _render_lines(self.parts, values, today)
        return "".join(_value(part, values, today) for part in self.parts)


def _value(part: tuple[bool, str], values: Mapping[str, Any], today: date) -> str:
    """What one part of a template reads as: its literal text, or the answer it names."""
    is_reference, text = part
    if not is_reference:
        return text
    if text == TODAY:
        return today.isoformat()
    return format_value(values.get(text))


def _render_lines(
    parts: tuple[tuple[bool, str], ...], values: Mapping[str, Any], today: date
) -> str:
    """``Template.render`` with ``drop_empty_lines``: line by line of the template."""
    kept: list[str] = []
    dropped = False  # a line was left out since the last line kept
    for line in _lines(parts):
        pieces = [_value(part, values, today) for part in line]
        answers = [
            piece for piece, (is_reference, _) in zip(pieces, line, strict=True) if is_reference
        ]
        if answers and not "".join(answers).strip():
            dropped = True
            continue
        text = "".join(pieces)
        if dropped and not text.strip() and (not kept or not kept[-1].strip()):
            continue  # a blank line doubled (or put first) by the line left out
        dropped = False
        kept.append(text)
    return "\n".join(kept)


def _lines(parts: tuple[tuple[bool, str], ...]) -> list[list[tuple[bool, str]]]:
    """The parts of a template, a list per line of its source (line breaks taken out)."""
    lines: list[list[tuple[bool, str]]] = [[]]
    for is_reference, text in parts:
        if is_reference:
            lines[-1].append((True, text))
            continue
        first, *rest = text.split("\n")
        lines[-1].append((False, first))
        lines += [[(False, piece)] for piece in rest]
    return lines


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
