"""The JSON Schema (draft 2020-12) of script format v1, for editors (``coach schema``).

Built from the validator's own rules: the keys of each place and each kind
(``coach.scripts.model``, ``coach.scripts.validate``), the keys a kind needs or
refuses (``coach.scripts.kind_rules``), the id patterns. What a schema cannot say
(references to other prompts, ``when`` syntax, ``min`` above ``max``) is left
to ``coach validate``; the schema never refuses a script the validator takes.
"""

from __future__ import annotations

import re
from typing import Any

from coach.scripts.key_notes import KIND_NOTES, PROMPT_NOTES, STEP_NOTES, TOP_NOTES
from coach.scripts.kind_defaults import LIST_REFERENCE
from coach.scripts.kind_rules import (
    ASK_OPTIONAL,
    KIND_NEEDS,
    KIND_NEEDS_ONE_OF,
    KIND_REFUSES,
    SCALE_RANGE,
)
from coach.scripts.lengths import COUNTS
from coach.scripts.model import (
    COMMON_KEYS,
    FORMAT_VERSION,
    ITEM_ID,
    KIND_KEYS,
    KINDS,
    RESERVED_IDS,
    SCRIPT_ID,
)
from coach.scripts.validate import PROMPT_KEYS, STEP_KEYS, TOP_KEYS

Schema = dict[str, Any]

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _pattern(compiled: re.Pattern[str]) -> str:
    """A Python pattern that ends in ``\\Z`` as an ECMA pattern anchored at both ends."""
    return "^" + compiled.pattern.removesuffix(r"\Z") + "$"


TEXT: Schema = {"type": ["string", "number"]}
"""Text as the validator takes it: a plain number keeps its spelling."""
NOT_EMPTY: Schema = {"type": ["string", "number"], "minLength": 1}
DATE_TEXT: Schema = {
    "type": "string",
    "pattern": r"^([0-9]{4}-[0-9]{2}-[0-9]{2}|today|tomorrow|\+[0-9]+[dw])$",
}
ITEM_ID_SCHEMA: Schema = {
    "type": "string",
    "pattern": _pattern(ITEM_ID),
    "not": {"enum": sorted(RESERVED_IDS)},
}
WHOLE: Schema = {"type": "integer"}
NUMBER: Schema = {"type": "number"}

KEY_VALUES: dict[str, Schema] = {
    "id": ITEM_ID_SCHEMA,
    "kind": {"enum": list(KINDS)},
    "ask": NOT_EMPTY,
    "help": TEXT,
    "placeholder": TEXT,
    "required": {"type": "boolean"},
    "when": {"type": "string", "minLength": 1},
    "min_length": {"type": "integer", "minimum": 0},
    "max_length": {"type": "integer", "minimum": 1},
    "pattern": {"type": "string", "format": "regex", "minLength": 1},
    "pattern_hint": TEXT,
    "limits": {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": {
            "anyOf": [
                {"type": "integer", "minimum": 1},
                {
                    "type": "object",
                    "required": ["max"],
                    "additionalProperties": False,
                    "properties": {
                        "max": {"type": "integer", "minimum": 1},
                        "count": {"enum": list(COUNTS)},
                    },
                },
            ]
        },
    },
    "options": {"type": "array", "minItems": 1, "uniqueItems": True, "items": NOT_EMPTY},
    "options_from": ITEM_ID_SCHEMA,
    "except_from": ITEM_ID_SCHEMA,
    "other": {"type": "boolean"},
    "item_max_length": {"type": "integer", "minimum": 1},
    "labels": {
        "type": "object",
        "propertyNames": {"pattern": "^-?[0-9]+$"},
        "additionalProperties": NOT_EMPTY,
    },
    "integer": {"type": "boolean"},
    "unit": TEXT,
    "text": NOT_EMPTY,
    "action": {"type": "boolean"},
    "track": {"type": "string", "pattern": r"\S"},
}
"""The value of each prompt key that reads the same on every kind."""

LIST_DEFAULT: Schema = {
    "anyOf": [
        {"type": "array", "items": NOT_EMPTY},
        {"type": "string", "pattern": _pattern(LIST_REFERENCE)},
    ]
}

KIND_VALUES: dict[str, dict[str, Schema]] = {
    "text": {"default": TEXT},
    "long_text": {"default": TEXT},
    "choice": {"default": NOT_EMPTY},
    "multi_choice": {
        "min": {"type": "integer", "minimum": 0},
        "max": {"type": "integer", "minimum": 1},
        "default": LIST_DEFAULT,
    },
    "list": {
        "min": {"type": "integer", "minimum": 0},
        "max": {"type": "integer", "minimum": 1},
        "default": LIST_DEFAULT,
    },
    "scale": {"min": WHOLE, "max": WHOLE, "default": WHOLE},
    "number": {"min": NUMBER, "max": NUMBER, "default": NUMBER},
    "confirm": {"default": {"type": "boolean"}},
    "date": {"min": DATE_TEXT, "max": DATE_TEXT, "default": DATE_TEXT},
    "info": {},
}
"""Keys whose value depends on the kind: bounds, and the default's type."""

WHOLE_UNLESS = {"number": "integer"}
"""Kinds whose ``min``, ``max`` and ``default`` are whole unless this key is false."""


def script_schema() -> Schema:
    """The whole schema, as a JSON-ready dict."""
    return {
        "$schema": DRAFT,
        "title": f"Comeback Coach prompt script, format {FORMAT_VERSION}",
        "description": "Check a script fully with: coach validate FILE",
        "type": "object",
        "required": ["coach-script", "id", "title", "steps"],
        "additionalProperties": False,
        "properties": _described(
            {
                "coach-script": {"const": FORMAT_VERSION},
                "id": {"type": "string", "pattern": _pattern(SCRIPT_ID)},
                "title": NOT_EMPTY,
                "summary": TEXT,
                "minutes": {"type": "integer", "minimum": 1},
                "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"}},
                "plan": TEXT,
            },
            TOP_NOTES,
            TOP_KEYS,
        ),
        "$defs": {"step": _step(), "prompt": _prompt()} | _kinds(),
    }


def _described(values: dict[str, Schema], notes: dict[str, str], keys: tuple) -> Schema:
    """``values`` in the order of ``keys``, each with its note as description."""
    return {key: {**values[key], "description": notes[key]} for key in keys}


def _step() -> Schema:
    values = {
        "id": ITEM_ID_SCHEMA,
        "title": NOT_EMPTY,
        "intro": TEXT,
        "prompts": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/prompt"}},
        "summary": TEXT,
    }
    return {
        "type": "object",
        "required": ["id", "title", "prompts"],
        "additionalProperties": False,
        "properties": _described(values, STEP_NOTES, STEP_KEYS),
    }


def _prompt() -> Schema:
    """Any prompt: its kind chooses which of the ``kind-*`` definitions applies."""
    values = {key: KEY_VALUES.get(key, {}) for key in PROMPT_KEYS}
    return {
        "type": "object",
        "required": ["id", "kind"],
        "properties": _described(values, PROMPT_NOTES, PROMPT_KEYS),
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {"$ref": f"#/$defs/kind-{kind}"},
            }
            for kind in KINDS
        ],
    }


def _kinds() -> dict[str, Schema]:
    return {f"kind-{kind}": _kind(kind) for kind in KINDS}


def _kind(kind: str) -> Schema:
    """A prompt of one kind: only its keys, the ones it needs, values of its type."""
    refused = KIND_REFUSES.get(kind, ())
    keys = [key for key in COMMON_KEYS + KIND_KEYS[kind] if key not in refused]
    values = {key: KIND_VALUES[kind].get(key) or KEY_VALUES.get(key, {}) for key in keys}
    values["kind"] = {"const": kind}
    needed = [*([] if kind in ASK_OPTIONAL else ["ask"]), *KIND_NEEDS.get(kind, {})]
    schema: Schema = {
        "description": KIND_NOTES[kind],
        "type": "object",
        "properties": {key: values[key] for key in keys},
        "required": needed,
        "additionalProperties": False,
    }
    if kind in KIND_NEEDS_ONE_OF:
        schema["oneOf"] = [{"required": [key]} for key in KIND_NEEDS_ONE_OF[kind]]
    if kind in WHOLE_UNLESS:
        flag = WHOLE_UNLESS[kind]
        schema["if"] = {"properties": {flag: {"const": False}}, "required": [flag]}
        schema["else"] = {"properties": {key: WHOLE for key in ("min", "max", "default")}}
    if kind == "scale":
        schema["properties"]["min"] = {**WHOLE, "default": SCALE_RANGE[0]}
        schema["properties"]["max"] = {**WHOLE, "default": SCALE_RANGE[1]}
    return schema
