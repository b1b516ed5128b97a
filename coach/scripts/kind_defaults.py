"""The ``default`` of a prompt, checked against its kind and its other keys.

``fields`` are the kind's own keys as ``coach.scripts.kind_rules`` read them (options,
min, max, integer, other), so a default can be checked against them.
"""

from __future__ import annotations

import re
from typing import Any

from coach.scripts.model import LIST_KINDS
from coach.scripts.node_reader import STR_TAG, NodeReader, suggestion
from coach.scripts.yaml_nodes import Node, ScalarNode

LIST_REFERENCE = re.compile(r"\{[a-z][a-z0-9_-]*\}\Z")
"""A list prompt's default that takes another list answer whole: ``"{channels}"``; as
an item of a list default, it puts that answer's items in its place."""

Fields = dict[str, Any]


def read_default(reader: NodeReader, kind: str, node: Node, fields: Fields) -> Any:
    name = "'default'"
    if kind in ("text", "long_text"):
        return reader.text(node, name, empty=True)
    if kind == "choice":
        return _choice_default(reader, node, fields)
    if kind in LIST_KINDS:
        return _list_default(reader, node, fields)
    if kind in ("scale", "number"):
        return _number_default(reader, kind, node, fields)
    if kind == "confirm":
        return reader.boolean(node, name)
    if kind == "date":
        return reader.date_text(node, name, relative=True)
    return None


def _choice_default(reader: NodeReader, node: Node, fields: Fields) -> str | None:
    default = reader.text(node, "'default'")
    options = fields.get("options")
    if default is None or not options or fields.get("other") or default in options:
        return default
    message = f"'default' should be one of the options{suggestion(default, options)}"
    reader.report(node, message, "bad-default")
    return None


def _list_default(reader: NodeReader, node: Node, fields: Fields) -> str | tuple | None:
    if isinstance(node, ScalarNode) and node.tag == STR_TAG:
        if LIST_REFERENCE.match(node.value):
            return node.value
        reader.report(
            node,
            "'default' should be a list of items, or one earlier list answer like \"{channels}\"",
            "bad-default",
        )
        return None
    items = reader.sequence(node, "'default'")
    if items is None:
        return None
    texts = [text for item in items if (text := reader.text(item, "a default item")) is not None]
    if len(texts) != len(items):
        return None
    options, high = fields.get("options"), fields.get("max")
    for item, text in zip(items, texts, strict=True):
        if LIST_REFERENCE.match(text):
            continue  # checked with the other references, once every prompt is known
        if options and not fields.get("other") and text not in options:
            message = f"'{text}' is not one of the options{suggestion(text, options)}"
            reader.report(item, message, "bad-default")
            return None
    fixed = [text for text in texts if not LIST_REFERENCE.match(text)]
    if high is not None and len(fixed) > high:
        reader.report(node, f"'default' has {len(fixed)} items but 'max' is {high}", "bad-default")
        return None
    return tuple(texts)


def _number_default(reader: NodeReader, kind: str, node: Node, fields: Fields) -> Any:
    whole = kind == "scale" or fields.get("integer", True)
    value = reader.whole(node, "'default'") if whole else reader.number(node, "'default'")
    low, high = fields.get("min"), fields.get("max")
    if value is None:
        return None
    if (low is not None and value < low) or (high is not None and value > high):
        span = (
            f"between {low} and {high}"
            if low is not None and high is not None
            else (f"at least {low}" if low is not None else f"at most {high}")
        )
        reader.report(node, f"'default' should be {span}", "bad-default")
        return None
    return value
