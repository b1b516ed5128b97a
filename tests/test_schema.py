"""``coach schema``: the JSON Schema editors use, built from the validator's own rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from schema_support import SCHEMA, schema_errors

from coach.cli.main import main
from coach.scripts import kind_rules
from coach.scripts.model import COMMON_KEYS, KIND_KEYS, KINDS
from coach.scripts.validate import STEP_KEYS, TOP_KEYS, load_script_text

TESTS = Path(__file__).resolve().parent
GOOD_FILES = [
    *sorted((TESTS.parent / "prompts").glob("*.yaml")),
    *sorted((TESTS / "tui").glob("*scripts/*.yaml")),
    TESTS.parent / "coach" / "scripts" / "starter.yaml",
]


def kind_schema(kind: str) -> dict:
    return SCHEMA["$defs"][f"kind-{kind}"]


# --- built from the validator's rules ----------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_kind_the_validator_knows_has_its_definition():
    assert SCHEMA["$defs"]["prompt"]["properties"]["kind"]["enum"] == list(KINDS)
    branches = [
        rule["if"]["properties"]["kind"]["const"] for rule in SCHEMA["$defs"]["prompt"]["allOf"]
    ]
    assert branches == list(KINDS)


def test_every_key_of_every_place_is_in_the_schema_and_nothing_else():
    assert list(SCHEMA["properties"]) == list(TOP_KEYS)
    assert list(SCHEMA["$defs"]["step"]["properties"]) == list(STEP_KEYS)
    for kind in KINDS:
        refused = kind_rules.KIND_REFUSES.get(kind, ())
        expected = [key for key in COMMON_KEYS + KIND_KEYS[kind] if key not in refused]
        assert list(kind_schema(kind)["properties"]) == expected, kind
        assert kind_schema(kind)["additionalProperties"] is False


def test_every_key_of_every_kind_has_a_value_rule():
    for kind in KINDS:
        for key, rule in kind_schema(kind)["properties"].items():
            assert {"type", "enum", "const", "anyOf"} & set(rule), (kind, key)


def test_every_per_kind_rule_is_in_the_schema():
    for kind in KINDS:
        required = kind_schema(kind)["required"]
        assert ("ask" in required) == (kind not in kind_rules.ASK_OPTIONAL), kind
        for key in kind_rules.KIND_NEEDS.get(kind, {}):
            assert key in required, (kind, key)
        for key in kind_rules.KIND_REFUSES.get(kind, ()):
            assert key not in kind_schema(kind)["properties"], (kind, key)
        one_of = kind_rules.KIND_NEEDS_ONE_OF.get(kind)
        if one_of:
            assert kind_schema(kind)["oneOf"] == [{"required": [key]} for key in one_of]


# --- scripts against it ------------------------------------------------------------


@pytest.mark.parametrize("path", GOOD_FILES, ids=lambda p: p.name)
def test_every_bundled_and_test_script_passes_the_schema(path):
    text = path.read_text(encoding="utf-8")
    assert load_script_text(text)[1] == []
    assert schema_errors(text) == []


GOOD = """\
coach-script: 1
id: tiny
title: Tiny
steps:
  - id: only
    title: Only step
    prompts:
      - id: channels
        kind: list
        ask: Channels?
      - id: picked
        kind: multi_choice
        ask: Which?
        options_from: channels
        default: "{channels}"
      - id: hours
        kind: number
        ask: Hours?
        integer: false
        min: 0.5
      - id: when
        kind: date
        ask: When?
        min: today
        default: 2026-05-01
      - id: note
        kind: info
        text: A pause.
"""

BAD = {
    "an unknown key": ("ask: Channels?", "ask: Channels?\n        requird: true"),
    "a key of another kind": ("ask: Channels?", "ask: Channels?\n        options: [a]"),
    "an unknown kind": ("kind: list", "kind: lists"),
    "a missing ask": ("        ask: Channels?\n", ""),
    "a choice without options": ("kind: list", "kind: choice"),
    "both options and options_from": (
        "options_from: channels",
        "options_from: channels\n        options: [a]",
    ),
    "neither options nor options_from": ("        options_from: channels\n", ""),
    "an info prompt with a default": ("text: A pause.", "text: A pause.\n        default: x"),
    "an info prompt without text": ("        text: A pause.\n", ""),
    "a bad prompt id": ("id: hours", "id: Hours"),
    "a reserved id": ("id: hours", "id: today"),
    "a newer format": ("coach-script: 1", "coach-script: 2"),
    "an unknown top-level key": ("title: Tiny", "title: Tiny\nminute: 5"),
    "a fractional bound on a whole number": ("        integer: false\n", ""),
    "a date that is not one": ("min: today", "min: soon"),
    "required as text": ("ask: Channels?", "ask: Channels?\n        required: sometimes"),
    "an empty option list": ("options_from: channels", "options: []"),
}


def test_the_good_script_passes_both():
    assert load_script_text(GOOD)[1] == []
    assert schema_errors(GOOD) == []


@pytest.mark.parametrize("name", BAD)
def test_a_bad_script_fails_the_schema_as_it_fails_the_validator(name):
    old, new = BAD[name]
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    assert load_script_text(text)[1] != [], "the validator should refuse it too"
    assert schema_errors(text) != []


# --- the command ---------------------------------------------------------------------


def test_coach_schema_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == SCHEMA


def test_coach_schema_writes_a_file(capsys, tmp_path):
    target = tmp_path / "script.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert json.loads(target.read_text()) == SCHEMA
