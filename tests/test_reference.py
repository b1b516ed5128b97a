"""The authors' reference in docs/: written from the validator's rules, never behind them."""

from __future__ import annotations

import re
from pathlib import Path

from coach.scripts.key_notes import KIND_EXAMPLES
from coach.scripts.model import COMMON_KEYS, KIND_KEYS, KINDS, PROBLEM_CODES
from coach.scripts.reference import render_reference
from coach.scripts.validate import STEP_KEYS, TOP_KEYS, load_script_text

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "script-reference.md"


def test_the_committed_reference_is_the_one_the_rules_write():
    assert REFERENCE.read_text(encoding="utf-8") == render_reference(), (
        "the format changed: run python -m coach.scripts.reference > docs/script-reference.md"
    )


def test_every_kind_and_every_key_is_in_the_reference():
    text = REFERENCE.read_text(encoding="utf-8")
    headings = re.findall(r"^### `([a-z_]+)`$", text, flags=re.MULTILINE)
    assert headings == list(KINDS)
    for kind in KINDS:
        section = text.split(f"### `{kind}`", 1)[1].split("\n### ", 1)[0]
        for key in KIND_KEYS[kind]:
            assert f"| `{key}` |" in section, (kind, key)
        assert f"kind: {kind}," in section, f"no example for {kind}"
    for key in (*TOP_KEYS, *STEP_KEYS, *COMMON_KEYS, *PROBLEM_CODES):
        assert f"| `{key}` |" in text, key


def test_the_when_language_and_the_id_rules_are_explained():
    text = REFERENCE.read_text(encoding="utf-8")
    for word in ("contains", "and", "or", "not", "==", "!=", "<=", ">=", "{today}", "{{"):
        assert f"`{word}`" in text, word


def test_every_example_is_a_prompt_the_validator_takes():
    prompts = "".join(f"      - {example}\n" for example in KIND_EXAMPLES.values())
    text = (
        "coach-script: 1\nid: examples\ntitle: Examples\nsteps:\n"
        "  - id: all\n    title: All\n    prompts:\n" + prompts
    )
    script, problems = load_script_text(text, "examples.yaml")
    assert [str(p) for p in problems] == []
    assert [p.kind for p in script.prompts] == list(KINDS)
