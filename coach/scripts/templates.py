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

**Lists read as lists.** A list answer of two or more items that ends a
Markdown list item (``- **Champions:** {champions}``) becomes nested bullets
under it, one item a line; one that is a list item alone (``- {champions}``)
or a line alone (``{champions}``) becomes one bullet per item. Anywhere else,
in prose, its items are joined with ", ".

**Filters** follow the id after a bar: ``{id|inline}`` keeps a list joined
even where it would become bullets; ``{id|fits}`` says, for a ``text`` prompt
with ``limits``, where its answer fits and by how much
(``fits LinkedIn headline 104/220, X bio 98/160``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from coach.errors import TemplateError
from coach.scripts.lengths import limit_of, measure

TODAY = "today"
INLINE = "inline"
FITS = "fits"
FILTERS = (INLINE, FITS)
"""The filters a reference may name: ``{id|inline}``, ``{id|fits}``."""

_TOKEN = r"[^{}]+|\{\{|\}\}|\{([a-z][a-z0-9_-]*)(?:\|([a-z_]+))?\}|[{}]"
"""A run of literal text, an escaped brace, a reference (its id in group 1, a filter in
group 2), or a brace that is none of these (an error). Every character is in exactly
one token."""
_LIST_ITEM = re.compile(r"(\s*)([-*+]|\d+[.)])(\s+)(.*)\Z", re.DOTALL)
"""A Markdown list item: its indentation, marker, the space after it, its text."""

Escape = Callable[[str], str]
Limits = Mapping[str, tuple]
"""The ``limits`` of the prompts a text may measure with ``{id|fits}``, by prompt id."""
_SNIPPET_MAX = 30
"""How much of a bad ``{...}`` an error message quotes before cutting it short."""


@dataclass(frozen=True)
class Template:
    """A parsed text: literal parts and references, in order."""

    source: str
    references: frozenset[str]
    parts: tuple[tuple[bool, str], ...] = field(default=(), repr=False)
    """``(is_reference, text)`` pairs: ``id`` or ``id|filter`` when a reference, else
    literal text."""
    filtered: frozenset[tuple[str, str]] = frozenset()
    """``(id, filter)`` of every reference with a filter."""

    def render(
        self,
        values: Mapping[str, Any],
        today: date,
        *,
        drop_empty_lines: bool = False,
        escape: Escape | None = None,
        limits: Limits | None = None,
    ) -> str:
        """The text with every reference replaced; missing answers give ``""``.

        With ``drop_empty_lines``, a line with references that all came out empty
        (blank) is left out, and so is a blank line that only its leaving out
        doubled: a label is never left with nothing after it. ``escape`` is applied
        to each answer (each item of a list), e.g. to escape it for Markdown;
        ``limits`` are what ``{id|fits}`` measures against.
        """
        if not self.references:
            return "".join(text for _, text in self.parts)
        filling = _Filling(values, today, escape or _same, limits or {})
        return _render_lines(self.parts, filling, drop_empty_lines)


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class _Filling:
    """What references are filled with: the answers, today, how to escape, the limits."""

    values: Mapping[str, Any]
    today: date
    escape: Escape
    limits: Limits

    def items(self, reference: str) -> list[str] | None:
        """The escaped items of a list answer of two or more that may become bullets."""
        key, _, name = reference.partition("|")
        value = self.values.get(key) if key != TODAY else None
        if name or not isinstance(value, list | tuple) or len(value) < 2:
            return None
        return [self.escape(format_value(item)) for item in value]

    def text(self, reference: str) -> str:
        """A reference as it reads in prose."""
        key, _, name = reference.partition("|")
        if key == TODAY:
            return self.today.isoformat()
        value = self.values.get(key)
        if name == FITS:
            return self.escape(fits(format_value(value), self.limits.get(key, ())))
        return self.escape(format_value(value))


def fits(text: str, limits: tuple) -> str:
    """Where ``text`` fits: ``fits X bio 98/160; too long for Instagram bio 160/150``."""
    if not text or not limits:
        return ""
    fitting, over = [], []
    for limit in map(limit_of, limits):
        length = measure(text, limit.count)
        (fitting if length <= limit.chars else over).append(f"{limit.name} {length}/{limit.chars}")
    said = [f"fits {', '.join(fitting)}"] if fitting else []
    said += [f"too long for {', '.join(over)}"] if over else []
    return "; ".join(said)


def _render_lines(
    parts: tuple[tuple[bool, str], ...], filling: _Filling, drop_empty_lines: bool
) -> str:
    """``Template.render``, line by line of the template."""
    kept: list[str] = []
    dropped = False  # a line was left out since the last line kept
    for line in _lines(parts):
        pieces = [filling.text(text) if is_reference else text for is_reference, text in line]
        answers = [
            piece for piece, (is_reference, _) in zip(pieces, line, strict=True) if is_reference
        ]
        if drop_empty_lines and answers and not "".join(answers).strip():
            dropped = True
            continue
        text = _as_list(line, pieces, filling)
        if text is None:
            text = "".join(pieces)
        if dropped and not text.strip() and (not kept or not kept[-1].strip()):
            continue  # a blank line doubled (or put first) by the line left out
        dropped = False
        kept.append(text)
    return "\n".join(kept)


def _as_list(line: list[tuple[bool, str]], pieces: list[str], filling: _Filling) -> str | None:
    """The line with its list answer as bullets, when a list answer ends a list item or
    stands alone on it; else None (the line reads as prose)."""
    ends = [n for n, (is_reference, text) in enumerate(line) if is_reference or text.strip()]
    if not ends or not line[ends[-1]][0]:
        return None
    last = ends[-1]
    items = filling.items(line[last][1])
    if items is None:
        return None
    before = "".join(pieces[:last])
    if not before.strip():
        return "\n".join(f"{before}- {item}" for item in items)
    bullet = _LIST_ITEM.match(before)
    if bullet is None:
        return None
    indent, marker, space, label = bullet.groups()
    if not label.strip():
        return "\n".join(f"{indent}{marker}{space}{item}" for item in items)
    nested = indent + " " * (len(marker) + len(space))
    return "\n".join([before.rstrip(), *(f"{nested}- {item}" for item in items)])


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
    filtered: set[tuple[str, str]] = set()
    for token in re.finditer(_TOKEN, source):
        text, reference, name = token.group(), token.group(1), token.group(2)
        if reference is not None:
            if literal:
                parts.append((False, "".join(literal)))
                literal = []
            if name is not None:
                _check_filter(reference, name, token.start())
                filtered.add((reference, name))
            parts.append((True, reference if name is None else f"{reference}|{name}"))
        elif text == "}":
            raise TemplateError("a lone '}': write }} for a literal brace", token.start() + 1)
        elif text == "{":
            raise _bad_opening(source, token.start())
        else:
            literal.append(text[0] if text in ("{{", "}}") else text)
    parts.extend(_literal("".join(literal)))
    references = frozenset(text.partition("|")[0] for is_reference, text in parts if is_reference)
    return Template(
        source=source, references=references, parts=tuple(parts), filtered=frozenset(filtered)
    )


def _check_filter(reference: str, name: str, index: int) -> None:
    if name not in FILTERS:
        raise TemplateError(
            f"'{{{reference}|{name}}}' names an unknown filter; the filters are "
            + ", ".join(FILTERS),
            index + 1,
        )
    if reference == TODAY:
        raise TemplateError(f"'{{{reference}|{name}}}': {{today}} takes no filter", index + 1)


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
