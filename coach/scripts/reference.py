"""The authors' reference (``docs/script-reference.md``), written from the format's rules.

Every kind and key comes from the same tables the validator and the schema use,
so the reference cannot leave one out; a test compares the committed file with
what this module writes. Run ``python -m coach.scripts.reference`` to write it
again after changing the format.
"""

from __future__ import annotations

import sys

from coach.scripts.key_notes import KIND_EXAMPLES, KIND_NOTES, PROMPT_NOTES, STEP_NOTES, TOP_NOTES
from coach.scripts.kind_rules import ASK_OPTIONAL, KIND_NEEDS, KIND_NEEDS_ONE_OF, KIND_REFUSES
from coach.scripts.model import COMMON_KEYS, FORMAT_VERSION, KIND_KEYS, KINDS, PROBLEM_CODES
from coach.scripts.schema import script_schema
from coach.scripts.validate import STEP_KEYS, TOP_KEYS

CONDITIONS = """\
## Conditions: `when`

A prompt with `when` is asked only when its condition holds; otherwise it is
skipped and its answer stays empty. The language is small and never runs code:

- `{id}` is an earlier answer: true when it is answered and not empty, `false` or 0.
- Literals: `'text'`, `"text"`, numbers, `true`, `false`.
- Comparisons: `==`, `!=`, `<`, `<=`, `>`, `>=` (one per comparison, never chained).
- `contains`: a list answer holds an item, or a text holds a piece of text
  (ignoring case): `{channels} contains 'Email'`.
- `and`, `or`, `not`, and parentheses.
- An unanswered or skipped prompt makes every comparison with it false.
- A condition may only use prompts asked before its own.

Example: `when: "{confidence} <= 2 and not ({channels} contains 'Email')"`.
Put a condition in quotes: YAML reads a value that starts with `{` as a mapping.
"""

TEMPLATES = """\
## Answers in texts: `{id}`

`ask`, `help`, `placeholder`, an info prompt's `text`, a text `default`, a
step's `title`, `intro` and `summary`, and the `plan` may name answers:

- `{id}` is replaced by that answer: yes/no for a confirm, nothing when
  unanswered.
- A list answer of two or more items reads as a list where a list belongs: one
  that ends a Markdown list item (`- **Champions:** {champions}`) becomes nested
  bullets under it; one that is the item itself (`- {champions}`) or alone on
  its line becomes one bullet per item. In a sentence it is joined with ", ".
- Filters follow the id after a bar: `{id|inline}` keeps a list joined even
  where it would be bullets; `{id|fits}` says where the answer of a `text`
  prompt with `limits` fits, and by how much (`fits X bio 98/160`).
- `{today}` is today's date; `{{` and `}}` are literal braces.
- `ask`, `help`, `placeholder`, `text` and `default` may use earlier prompts
  only; a step's `title` and `intro` only prompts of earlier steps; a step's
  `summary` and the `plan` any prompt of the script.
- In a `summary` or the `plan`, a line whose every `{id}` is empty is left out.
- On a `list` or `multi_choice` prompt, `default: "{id}"` of an earlier list
  answer starts with that list itself; a list default's items may each be
  such an answer (`default: ["{used}", "{left_out}"]`), joined without repeats.
- Nothing else is evaluated: no attribute access, no indexing, no code.
"""


def _table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _place(title: str, keys: tuple[str, ...], notes: dict[str, str], needed: dict) -> list[str]:
    rows = [(f"`{key}`", needed.get(key, ""), notes[key]) for key in keys]
    return [f"## {title}", "", *_table(rows, ("key", "needed", "what it is"))]


def _yes(keys: list[str]) -> dict[str, str]:
    return dict.fromkeys(keys, "yes")


def _kind(kind: str) -> list[str]:
    lines = [f"### `{kind}`", "", KIND_NOTES[kind], ""]
    own = KIND_KEYS[kind]
    if own:
        lines += _table([(f"`{key}`", PROMPT_NOTES[key]) for key in own], ("own key", "what it is"))
    else:
        lines += ["No keys of its own.", ""]
    needs = [] if kind in ASK_OPTIONAL else ["`ask`"]
    needs += [f"`{key}`" for key in KIND_NEEDS.get(kind, {})]
    needs += [" or ".join(f"`{key}`" for key in KIND_NEEDS_ONE_OF.get(kind, ()))] * (
        kind in KIND_NEEDS_ONE_OF
    )
    lines.append(f"Needs {', '.join(needs)}." if needs else "Needs nothing beyond `id` and `kind`.")
    refused = KIND_REFUSES.get(kind, ())
    if refused:
        lines.append(f"Takes no {' or '.join(f'`{key}`' for key in refused)}: it has no answer.")
    return [*lines, "", "```yaml", f"- {KIND_EXAMPLES[kind]}", "```", ""]


def render_reference() -> str:
    """The whole reference as Markdown."""
    schema = script_schema()
    step = schema["$defs"]["step"]
    prompt_needs = _yes(schema["$defs"]["prompt"]["required"])
    prompt_needs["ask"] = "yes, but not on " + ", ".join(sorted(ASK_OPTIONAL))
    lines = [
        f"# Prompt script reference (format {FORMAT_VERSION})",
        "",
        "Written from the rules `coach validate` checks (`python -m coach.scripts.reference`",
        "writes it again). Start from `coach new-script FILE`, see it live with",
        "`coach preview FILE`, and let your editor check as you type with `coach schema`.",
        "",
        *_place("The script", TOP_KEYS, TOP_NOTES, _yes(schema["required"])),
        *_place("A step (under `steps`)", STEP_KEYS, STEP_NOTES, _yes(step["required"])),
        *_place("Every prompt (under `prompts`)", COMMON_KEYS, PROMPT_NOTES, prompt_needs),
        "## Prompt kinds",
        "",
    ]
    for kind in KINDS:
        lines += _kind(kind)
    lines += [CONDITIONS, TEMPLATES, "## Problem codes (`coach validate --format json`)", ""]
    lines += _table([(f"`{code}`", what) for code, what in PROBLEM_CODES.items()], ("code", "what"))
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_reference())
