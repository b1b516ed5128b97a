"""What each key and kind of the script format means, in words for script authors.

The JSON Schema (``coach.scripts.schema``) shows these notes in an editor as
hovers; the authors' reference (``coach.scripts.reference``) lists them. Which
keys exist, and on which kind, is decided by ``coach.scripts.model`` and
``coach.scripts.kind_rules``, never here: a test checks that every key and kind
they know has its note and example.
"""

from __future__ import annotations

TOP_NOTES: dict[str, str] = {
    "coach-script": "The format version: always 1 for now.",
    "id": "The script's id: lowercase letters, digits and '-'; unique among your scripts.",
    "title": "The title shown in the script picker and above the wizard.",
    "summary": "One line for the script picker.",
    "minutes": "About how many minutes the script takes (optional).",
    "steps": "The steps, in order: one or more.",
    "plan": "Markdown for the final plan, with {id} answers filled in; "
    "by default the step summaries in order.",
}

STEP_NOTES: dict[str, str] = {
    "id": "The step's id: starts with a lowercase letter; letters, digits, '_' and '-'.",
    "title": "The step's title, shown in the step indicator.",
    "intro": "Markdown shown when the step begins; may use answers of earlier steps.",
    "prompts": "The step's prompts, asked one at a time: one or more.",
    "summary": "Markdown shown after the step, with {id} answers filled in.",
}

PROMPT_NOTES: dict[str, str] = {
    "id": "The prompt's id, used as {id} in later texts and conditions.",
    "kind": "What sort of answer the prompt takes.",
    "ask": "The question, with earlier answers as {id}.",
    "help": "Markdown shown under the question.",
    "placeholder": "Grey text in the empty field, e.g. an example answer.",
    "required": "Whether an answer is needed to go on (default true).",
    "default": "The answer filled in to start with.",
    "when": 'A condition; the prompt is asked only when it holds, e.g. "{confidence} >= 3".',
    "min_length": "The fewest characters an answer may have.",
    "max_length": "The most characters an answer may have.",
    "pattern": "A regular expression the whole answer must match.",
    "pattern_hint": "What to tell the person when the pattern does not match.",
    "limits": (
        "Names with a length each (LinkedIn: 220), counted live while typing as a web"
        " form counts (UTF-16); {max: 160, count: x} counts by X's weighted rules."
    ),
    "options": "The choices, as text.",
    "options_from": "The id of an earlier list or multi_choice answer whose items are the choices.",
    "except_from": (
        "The id of an earlier list or multi_choice answer whose items are left out of the"
        " choices (and refused)."
    ),
    "other": "Whether a free answer besides the options is allowed (default false).",
    "min": "The least value (scale, number), item count (list, multi_choice) or date.",
    "max": "The greatest value (scale, number), item count (list, multi_choice) or date.",
    "item_max_length": "The most characters one item of the list may have.",
    "labels": "Texts for points of the scale, like 1: Not at all.",
    "integer": "Whether only whole numbers are taken (default true).",
    "unit": "A word shown after the number, like hours.",
    "text": "The Markdown an info prompt shows.",
    "action": "Whether the answer becomes action items of the plan (text, list).",
    "track": "A name under which the value is charted over time (number, scale).",
}

KIND_NOTES: dict[str, str] = {
    "text": "One line of text.",
    "long_text": "Several lines of text.",
    "choice": "One of the options.",
    "multi_choice": "Any number of the options, as a list.",
    "list": "A list of short texts, typed one by one.",
    "scale": "A whole number on a scale (1 to 5 unless min and max say otherwise).",
    "number": "A number, whole unless integer: false.",
    "confirm": "Yes or no.",
    "date": "A date (YYYY-MM-DD); today, tomorrow, +3d and +2w are understood.",
    "info": "No answer: shows a tip, a quote or a pause.",
}

KIND_EXAMPLES: dict[str, str] = {
    "text": "{id: headline, kind: text, ask: Your new headline?, limits: {LinkedIn: 220}}",
    "long_text": "{id: lesson, kind: long_text, ask: What would you change?, max_length: 800}",
    "choice": "{id: channel, kind: choice, ask: Best way?, options: [Email, Call], other: true}",
    "multi_choice": "{id: left, kind: multi_choice, ask: Left out?, options: [Email, Blog]}",
    "list": "{id: channels, kind: list, ask: Channels you rely on?, min: 1, max: 5}",
    "scale": "{id: confidence, kind: scale, ask: How sure are you?, labels: {1: Not, 5: Very}}",
    "number": "{id: goal, kind: number, ask: Messages a day?, min: 1, unit: messages, track: Goal}",
    "confirm": "{id: ready, kind: confirm, ask: Ready to start?, default: true}",
    "date": "{id: checkin, kind: date, ask: When do you check in?, min: today, default: +2w}",
    "info": "{id: pause, kind: info, text: Take a breath before the next step.}",
}
"""One prompt of each kind in YAML's one-line form (the reference's examples)."""
