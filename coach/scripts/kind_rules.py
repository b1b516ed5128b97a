"""The rules of each prompt kind's own keys (its ``default`` is in ``coach.scripts.kind_defaults``).

``read_kind_fields`` turns the entries of one prompt mapping into the keyword
arguments of :class:`~coach.scripts.model.Prompt` for that kind, reporting every
problem through the reader. References to other prompts (``options_from``,
``{id}`` in texts) are checked by ``coach.scripts.validate``, which knows them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from coach.scripts.kind_defaults import read_default
from coach.scripts.lengths import COUNTS, UTF16, Limit
from coach.scripts.model import KIND_KEYS, LIST_KINDS
from coach.scripts.node_reader import INT_TAG, Entry, NodeReader, is_date_text, suggestion
from coach.scripts.yaml_nodes import MappingNode, Node, ScalarNode

SCALE_RANGE = (1, 5)
"""A scale's ``min`` and ``max`` when the script leaves them out."""

KIND_NEEDS: dict[str, dict[str, str]] = {
    "choice": {"options": "a choice prompt needs 'options'"},
    "info": {"text": "an info prompt needs 'text': what to show"},
}
"""Keys a kind cannot do without, with what to say when one is missing."""

KIND_NEEDS_ONE_OF: dict[str, tuple[str, str]] = {"multi_choice": ("options", "options_from")}
"""Two keys of a kind of which exactly one must be given."""

KIND_REFUSES: dict[str, tuple[str, ...]] = {"info": ("default", "placeholder")}
"""Common keys a kind does not take (an info prompt takes no answer)."""

ASK_OPTIONAL = frozenset({"info"})
"""Kinds that need no ``ask``: every other kind must say what it asks."""

Fields = dict[str, Any]


def article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def read_kind_fields(
    reader: NodeReader, kind: str, entries: dict[str, Entry], owner: Node
) -> Fields:
    """The kind's own keys, checked alone and against each other."""
    fields: Fields = {}
    for key in KIND_KEYS[kind]:
        if key in entries and key in _READERS:
            value = _READERS[key](reader, entries[key].value, kind, f"'{key}'")
            if value is not None:
                fields[key] = value
    _check_needs(reader, kind, entries, owner)
    _CROSS_CHECKS.get(kind, _no_cross_check)(reader, entries, owner, fields)
    if "default" in entries:
        default = read_default(reader, kind, entries["default"].value, fields)
        if default is not None:
            fields["default"] = default
    return fields


# --- one key at a time ---------------------------------------------------------


def _bound(reader: NodeReader, node: Node, kind: str, name: str) -> Any:
    if kind in LIST_KINDS:
        return reader.whole(node, name, 1 if name == "'max'" else 0)
    if kind == "scale":
        return reader.whole(node, name)
    if kind == "number":
        return reader.number(node, name)
    return reader.date_text(node, name, relative=True)


def _options(reader: NodeReader, node: Node, kind: str, name: str) -> tuple[str, ...] | None:
    items = reader.sequence(node, name)
    if items is None:
        return None
    if not items:
        reader.report(node, f"{name} is empty: list at least one option", "empty-value")
        return None
    options: dict[str, int] = {}
    for item in items:
        text = reader.text(item, "an option")
        if text is None:
            continue
        if text in options:
            message = f"option '{text}' is listed twice (first at line {options[text]})"
            reader.report(item, message, "duplicate-option")
            continue
        options[text] = item.start_mark.line + 1
    return tuple(options) if len(options) == len(items) else None


def _pattern(reader: NodeReader, node: Node, kind: str, name: str) -> str | None:
    pattern = reader.text(node, name)
    if pattern is None:
        return None
    try:
        re.compile(pattern)
    except re.error as error:
        message = f"{name} is not a valid regular expression: {error.msg}"
        reader.report_in(node, error.pos or 0, message, "bad-pattern")
        return None
    return pattern


def _limits(reader: NodeReader, node: Node, kind: str, name: str) -> tuple | None:
    entries = reader.mapping(
        node, f"{name} should be names with a length each, like: LinkedIn: 220"
    )
    if entries is None:
        return None
    if not entries:
        reader.report(node, f"{name} is empty", "empty-value")
    limits = []
    for entry in entries.values():
        limit_name = reader.text(entry.key, "a limit name")
        limit = _one_limit(reader, entry.value, f"the limit of '{entry.key.value}'")
        if limit_name is not None and limit is not None:
            limits.append(Limit(limit_name, *limit))
    return tuple(limits) if len(limits) == len(entries) else None


def _one_limit(reader: NodeReader, node: Node, name: str) -> tuple[int, str] | None:
    """``220`` (counted as a web form counts) or ``{max: 160, count: x}``."""
    if not isinstance(node, MappingNode):
        chars = reader.whole(node, name, 1)
        return None if chars is None else (chars, UTF16)
    entries = reader.mapping(node, name)
    if entries is None:
        return None
    reader.check_keys(entries, ("max", "count"), {})
    if not reader.require(entries, "max", node, f"{name} needs 'max': its length"):
        return None
    chars = reader.whole(entries["max"].value, f"{name}'s 'max'", 1)
    count = UTF16
    if "count" in entries:
        count = reader.text(entries["count"].value, f"{name}'s 'count'")
        if count is not None and count not in COUNTS:
            hint = suggestion(count, COUNTS) or f"; the rules are {', '.join(COUNTS)}"
            reader.report(entries["count"].value, f"unknown counting rule '{count}'{hint}")
            return None
    return None if chars is None or count is None else (chars, count)


def _track(reader: NodeReader, node: Node, kind: str, name: str) -> str | None:
    track = reader.text(node, name, empty=True)
    if track is not None and not track.strip():
        reader.report(
            node, f"{name} should name what is tracked, like: track: Confidence", "empty-value"
        )
        return None
    return track


def _text_or_empty(reader: NodeReader, node: Node, kind: str, name: str) -> str | None:
    return reader.text(node, name, empty=True)


def _boolean(reader: NodeReader, node: Node, kind: str, name: str) -> bool | None:
    return reader.boolean(node, name)


def _options_from(reader: NodeReader, node: Node, kind: str, name: str) -> str | None:
    return reader.text(node, name)


_READERS: dict[str, Callable[[NodeReader, Node, str, str], Any]] = {
    "min_length": lambda reader, node, kind, name: reader.whole(node, name, 0),
    "max_length": lambda reader, node, kind, name: reader.whole(node, name, 1),
    "item_max_length": lambda reader, node, kind, name: reader.whole(node, name, 1),
    "pattern": _pattern,
    "pattern_hint": _text_or_empty,
    "limits": _limits,
    "options": _options,
    "options_from": _options_from,
    "except_from": _options_from,
    "other": _boolean,
    "min": _bound,
    "max": _bound,
    "integer": _boolean,
    "unit": _text_or_empty,
    "action": _boolean,
    "track": _track,
}
"""Readers of single keys; ``labels`` is read with the scale's range in hand, and
the ``text`` of an info prompt is an interpolated text read by ``coach.scripts.validate``."""


# --- keys against each other -----------------------------------------------------


def _above(
    reader: NodeReader, entries: dict[str, Entry], fields: Fields, low: str, high: str
) -> None:
    if low in fields and high in fields and fields[low] > fields[high]:
        message = f"'{low}' ({fields[low]}) is above '{high}' ({fields[high]})"
        reader.report(entries[low].value, message, "min-above-max")


def _check_lengths(
    reader: NodeReader, entries: dict[str, Entry], owner: Node, fields: Fields
) -> None:
    _above(reader, entries, fields, "min_length", "max_length")


def _check_needs(reader: NodeReader, kind: str, entries: dict[str, Entry], owner: Node) -> None:
    for key, message in KIND_NEEDS.get(kind, {}).items():
        if key not in entries:
            reader.report(owner, message, "missing-key")
    for key in KIND_REFUSES.get(kind, ()):
        if key in entries:
            message = f"{article(kind)} prompt takes no answer, so '{key}' does not apply"
            reader.report(entries[key].key, message, "misplaced-key")
    if kind in KIND_NEEDS_ONE_OF:
        _check_one_of(reader, kind, entries, owner)


def _check_one_of(reader: NodeReader, kind: str, entries: dict[str, Entry], owner: Node) -> None:
    first, second = KIND_NEEDS_ONE_OF[kind]
    if first in entries and second in entries:
        message = f"use either '{first}' or '{second}', not both"
        reader.report(entries[second].key, message, "misplaced-key")
    elif first not in entries and second not in entries:
        message = f"{article(kind)} prompt needs '{first}' or '{second}'"
        reader.report(owner, message, "missing-key")


def _check_multi_choice(
    reader: NodeReader, entries: dict[str, Entry], owner: Node, fields: Fields
) -> None:
    _above(reader, entries, fields, "min", "max")
    options, low = fields.get("options"), fields.get("min")
    if options and low is not None and low > len(options) and not fields.get("other"):
        reader.report(
            entries["min"].value,
            f"'min' is {low} but there are only {len(options)} options",
            "out-of-range",
        )


def _check_list(reader: NodeReader, entries: dict[str, Entry], owner: Node, fields: Fields) -> None:
    _above(reader, entries, fields, "min", "max")


def _check_scale(
    reader: NodeReader, entries: dict[str, Entry], owner: Node, fields: Fields
) -> None:
    low, high = fields.get("min", SCALE_RANGE[0]), fields.get("max", SCALE_RANGE[1])
    if low >= high:
        at = entries["min"].value if "min" in entries else entries["max"].value
        reader.report(at, f"a scale needs 'min' ({low}) below 'max' ({high})", "min-above-max")
    fields.setdefault("min", low)
    fields.setdefault("max", high)
    if "labels" in entries:
        labels = _labels(reader, entries["labels"].value, low, high)
        if labels is not None:
            fields["labels"] = labels


def _labels(reader: NodeReader, node: Node, low: int, high: int) -> tuple | None:
    entries = reader.mapping(node, "'labels' should be scale points with a text each, like: 1: Low")
    if entries is None:
        return None
    labels = []
    for entry in entries.values():
        point = entry.key
        if not (isinstance(point, ScalarNode) and point.tag == INT_TAG):
            reader.report(
                point,
                f"label '{point.value}' should be a point of the scale, a whole number",
                "wrong-type",
            )
            continue
        value = reader.integer(point, "a scale point")
        if value is None:
            continue
        text = reader.text(entry.value, f"the label of {value}")
        if low < high and not low <= value <= high:
            reader.report(
                point, f"label {value} is outside the scale ({low} to {high})", "out-of-range"
            )
        elif text is not None:
            labels.append((value, text))
    return tuple(labels) if len(labels) == len(entries) else None


def _check_number(
    reader: NodeReader, entries: dict[str, Entry], owner: Node, fields: Fields
) -> None:
    if fields.get("integer", True):
        for key in ("min", "max"):
            if isinstance(fields.get(key), float):
                message = f"'{key}' should be a whole number, or set 'integer: false'"
                reader.report(entries[key].value, message, "wrong-type")
                del fields[key]
    _above(reader, entries, fields, "min", "max")


def _check_date(reader: NodeReader, entries: dict[str, Entry], owner: Node, fields: Fields) -> None:
    low, high = fields.get("min"), fields.get("max")
    if is_date_text(low or "") and is_date_text(high or "") and "today" not in (low, high):
        _above(reader, entries, fields, "min", "max")


def _no_cross_check(
    reader: NodeReader, entries: dict[str, Entry], owner: Node, fields: Fields
) -> None:
    return None


_CROSS_CHECKS = {
    "text": _check_lengths,
    "long_text": _check_lengths,
    "multi_choice": _check_multi_choice,
    "list": _check_list,
    "scale": _check_scale,
    "number": _check_number,
    "date": _check_date,
}
