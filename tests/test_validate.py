"""Loading prompt scripts: every problem found at once, each at its line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.errors import ScriptError
from coach.scripts.model import Prompt, Script, Step
from coach.scripts.validate import load_script, load_script_file, load_script_text

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"

HEADER = """\
coach-script: 1
id: mini
title: A tiny script
steps:
  - id: learn
    title: Learn
    prompts:
"""
"""Seven lines: the prompts given to ``with_prompts`` start on line 8, keys at column 9."""

MINIMAL = (
    HEADER
    + """\
      - id: setback
        kind: text
        ask: What happened?
"""
)


def with_prompts(body: str) -> str:
    return HEADER + textwrap.indent(textwrap.dedent(body), " " * 6)


def problems(text: str) -> list[str]:
    script, found = load_script_text(text, "s.yaml")
    assert script is None or not found
    return [str(problem) for problem in found]


def loads(text: str) -> Script:
    script, found = load_script_text(text, "s.yaml")
    assert found == []
    assert script is not None
    return script


def prompt_of(body: str) -> Prompt:
    return loads(with_prompts(body)).prompts[-1]


# --- scripts that load ------------------------------------------------------------


def test_a_minimal_script_loads_into_the_dataclasses():
    script = loads(MINIMAL)
    assert script == Script(
        id="mini",
        title="A tiny script",
        steps=(Step("learn", "Learn", (Prompt("setback", "text", ask="What happened?"),)),),
    )
    assert script.source == MINIMAL
    assert script.path == "s.yaml"
    assert script.minutes is None
    assert script.prompts[0].required is True


def test_the_top_level_and_step_texts_are_kept():
    text = """\
coach-script: 1
id: full-script
title: Full
summary: One line for the picker.
minutes: 15
steps:
  - id: learn
    title: Learn
    intro: |
      ## Look back
    prompts:
      - id: setback
        kind: text
        ask: What happened?
    summary: "Setback: {setback}"
plan: |
  # Plan for {today}
  {setback}
"""
    script = loads(text)
    assert (script.summary, script.minutes) == ("One line for the picker.", 15)
    assert script.steps[0].intro == "## Look back\n"
    assert script.steps[0].summary == "Setback: {setback}"
    assert script.plan == "# Plan for {today}\n{setback}\n"


@pytest.mark.parametrize("path", sorted(PROMPTS_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_script_loads(path):
    script, found = load_script_file(path)
    assert [str(p) for p in found] == []
    assert script is not None and script.path == str(path)


SPEC_EXAMPLE = """\
coach-script: 1              # format version; a newer one is a clear error
id: comeback                 # [a-z0-9][a-z0-9-]*, unique
title: Turn a setback into a comeback
summary: One line for the script picker.
minutes: 15                  # optional estimate
steps:                       # one or more, in order
  - id: learn
    title: Learn from your mistakes
    intro: |                 # optional Markdown, interpolated
      ...
    prompts:
      - id: setback
        kind: text
        ask: In one sentence, what was the setback?
        help: Optional Markdown shown under the question.
        placeholder: e.g. My campaign raised the least of the whole group
        required: true       # default true
        when: "{confidence} >= 3"   # optional; the prompt is skipped when false
    summary: |               # optional Markdown, interpolated, shown after the step
      ...
plan: |                      # optional Markdown for the final plan;
  ...                        # default: the step summaries in order
"""


def test_the_spec_example_only_lacks_the_prompt_its_condition_names():
    assert problems(SPEC_EXAMPLE) == ["s.yaml:18:16: '{confidence}' is not a prompt of this script"]
    confidence = "      - id: confidence\n        kind: scale\n        ask: How sure?\n"
    text = SPEC_EXAMPLE.replace("    prompts:\n", "    prompts:\n" + confidence)
    script = loads(text)
    assert [p.id for p in script.prompts] == ["confidence", "setback"]
    setback = script.prompt("setback")
    assert setback.when == "{confidence} >= 3"
    assert setback.placeholder == "e.g. My campaign raised the least of the whole group"


def test_every_kind_loads_with_its_own_keys():
    script = loads(
        with_prompts("""\
            - id: headline
              kind: text
              ask: Your headline?
              min_length: 3
              max_length: 200
              pattern: "^[A-Z]"
              pattern_hint: Start with a capital.
              limits:
                LinkedIn: 220
                X bio: {max: 160, count: x}
              action: true
            - id: story
              kind: long_text
              ask: Tell it.
              required: false
              default: "It was {today}"
            - id: mix
              kind: choice
              ask: Which?
              options: [One, "yes", 1.0]
              other: true
              default: One
            - id: channels
              kind: list
              ask: Channels?
              min: 1
              max: 4
              item_max_length: 40
              default: [Email, Phone]
            - id: pick
              kind: multi_choice
              ask: Pick some.
              options_from: channels
              default: "{channels}"
            - id: confidence
              kind: scale
              ask: How sure?
              labels:
                5: Ready
                1: Flat
              track: Confidence
            - id: outreach
              kind: number
              ask: How many?
              min: 0
              max: 2.5
              integer: false
              unit: people
              default: 1.5
            - id: ok
              kind: confirm
              ask: Ready?
              default: no
            - id: due
              kind: date
              ask: When?
              min: today
              max: 2026-12-31
              default: +3d
            - id: tip
              kind: info
              text: "Well done, {headline}."
              when: "{ok} and {confidence} >= 3"
            """)
    )
    headline, story, mix, channels, pick, confidence, outreach, ok, due, tip = script.prompts
    assert headline.limits == (("LinkedIn", 220, "utf16"), ("X bio", 160, "x"))
    assert (headline.min_length, headline.max_length, headline.action) == (3, 200, True)
    assert (headline.pattern, headline.pattern_hint) == ("^[A-Z]", "Start with a capital.")
    assert (story.required, story.default) == (False, "It was {today}")
    assert (mix.options, mix.other, mix.default) == (("One", "yes", "1.0"), True, "One")
    assert (channels.min, channels.max, channels.item_max_length) == (1, 4, 40)
    assert channels.default == ("Email", "Phone")
    assert (pick.options_from, pick.default, pick.options) == ("channels", "{channels}", ())
    assert (confidence.min, confidence.max, confidence.track) == (1, 5, "Confidence")
    assert confidence.labels == ((5, "Ready"), (1, "Flat"))
    assert (outreach.min, outreach.max, outreach.integer, outreach.unit) == (
        0,
        2.5,
        False,
        "people",
    )
    assert outreach.default == 1.5
    assert ok.default is False
    assert (due.min, due.max, due.default) == ("today", "2026-12-31", "+3d")
    assert (tip.kind, tip.text, tip.answers) == ("info", "Well done, {headline}.", False)


def test_a_number_is_whole_by_default():
    number = prompt_of("""\
        - id: goal
          kind: number
          ask: How many a day?
          min: 1
        """)
    assert (number.integer, number.min, number.max) == (True, 1, None)


def test_numbers_and_dates_where_text_is_expected_keep_their_spelling():
    prompt = prompt_of("""\
        - id: version
          kind: choice
          ask: 2026-01-01
          options: [1.0, 007, 2026-01-01]
        """)
    assert prompt.ask == "2026-01-01"
    assert prompt.options == ("1.0", "007", "2026-01-01")


# --- YAML itself ------------------------------------------------------------------------


def test_a_yaml_syntax_error_is_reported_where_it_is():
    assert problems("id: x\ntitle: a\n  b: c\n") == [
        "s.yaml:3:4: YAML syntax error: mapping values are not allowed here"
    ]


def test_an_unclosed_quote_is_reported_where_it_opens():
    assert problems("id: x\ntitle: 'Learn\nsteps: []\n") == [
        "s.yaml:2:8: YAML syntax error: this quote is never closed"
    ]


def test_a_value_starting_with_a_brace_gets_the_advice_to_quote_it():
    (message,) = problems(with_prompts("- id: a\n  kind: text\n  ask: {name}, hello\n"))
    assert message.startswith("s.yaml:10:20: YAML syntax error:")
    assert "a value that starts with '{' must be in quotes" in message


def test_a_tab_in_the_indentation_says_to_use_spaces():
    (message,) = problems("id: x\nsteps:\n\t- id: a\n")
    assert message.startswith("s.yaml:3:1: YAML syntax error:")
    assert message.endswith("indent with spaces, not tabs")


def test_a_control_character_is_reported_where_it_is():
    assert problems("id: x\ntitle: a\x07b\n") == [
        "s.yaml:2:9: this character (#x0007) is not allowed in a script"
    ]


def test_a_script_that_is_not_a_mapping_is_refused():
    assert problems("- id: x\n- title: y\n") == [
        "s.yaml:1:1: a script should be keys like 'coach-script: 1', 'id', 'title' and 'steps'"
    ]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_an_empty_script_says_how_to_start(text):
    assert problems(text) == ["s.yaml:1:1: this script is empty: start it with 'coach-script: 1'"]


def test_two_documents_in_one_file_are_refused():
    (message,) = problems(MINIMAL + "---\nid: other\n")
    assert message.startswith("s.yaml:11:1: YAML syntax error: but found another document")


def test_a_duplicate_key_names_the_first():
    text = with_prompts("""\
        - id: setback
          kind: text
          ask: What happened?
          help: Be brief.
          ask: What went wrong?
        """)
    assert problems(text) == ["s.yaml:12:9: duplicate key 'ask' (first at line 10)"]


def test_a_duplicate_top_level_key_names_the_first():
    assert problems(MINIMAL + "title: Again\n") == [
        "s.yaml:11:1: duplicate key 'title' (first at line 3)"
    ]


# --- keys ----------------------------------------------------------------------------------


def test_unknown_key_suggests_the_closest():
    text = with_prompts("- id: a\n  kind: text\n  ask: Hi?\n  requird: false\n")
    assert problems(text) == ["s.yaml:11:9: unknown key 'requird': did you mean 'required'?"]


def test_unknown_key_without_a_close_match_is_named():
    text = with_prompts("- id: a\n  kind: text\n  ask: Hi?\n  colour: blue\n")
    assert problems(text) == ["s.yaml:11:9: unknown key 'colour'"]


def test_unknown_keys_are_matched_against_the_keys_of_their_place():
    text = MINIMAL.replace("title: Learn\n", "title: Learn\n    intros: Hello\n")
    text = text.replace("minutes", "") + "minute: 5\n"
    assert problems(text) == [
        "s.yaml:7:5: unknown key 'intros': did you mean 'intro'?",
        "s.yaml:12:1: unknown key 'minute': did you mean 'minutes'?",
    ]


def test_a_key_of_another_kind_does_not_apply():
    text = with_prompts("- id: a\n  kind: text\n  ask: Hi?\n  options: [a, b]\n  track: Mood\n")
    assert problems(text) == [
        "s.yaml:11:9: 'options' does not apply to a text prompt",
        "s.yaml:12:9: 'track' does not apply to a text prompt",
    ]


def test_action_does_not_apply_to_a_number_prompt():
    text = with_prompts("- id: a\n  kind: number\n  ask: How many?\n  action: true\n")
    assert problems(text) == ["s.yaml:11:9: 'action' does not apply to a number prompt"]


def test_a_missing_title_is_reported_at_its_mapping():
    text = MINIMAL.replace("title: A tiny script\n", "")
    assert problems(text) == ["s.yaml:1:1: 'title' is missing"]


def test_a_step_without_title_or_prompts_says_both():
    text = HEADER.replace("    title: Learn\n    prompts:\n", "")
    assert problems(text) == [
        "s.yaml:5:5: 'title' is missing",
        "s.yaml:5:5: 'prompts' is missing",
    ]


def test_a_prompt_without_ask_says_to_write_the_question():
    assert problems(with_prompts("- id: a\n  kind: text\n")) == [
        "s.yaml:8:9: 'ask' is missing: write the question to ask"
    ]


def test_a_prompt_without_kind_lists_the_kinds():
    (message,) = problems(with_prompts("- id: a\n  ask: Hi?\n"))
    assert message.startswith("s.yaml:8:9: 'kind' is missing: one of text, long_text, choice")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("minutes: soon", "s.yaml:11:10: 'minutes' should be a whole number"),
        ("minutes: 0", "s.yaml:11:10: 'minutes' should be 1 or more"),
        ("summary: [a, b]", "s.yaml:11:10: 'summary' should be text"),
        ("steps: learn", None),
    ],
)
def test_top_level_values_of_the_wrong_type_are_reported(line, expected):
    if expected is None:
        text = MINIMAL.split("steps:")[0] + line + "\n"
        assert problems(text) == ["s.yaml:4:8: 'steps' should be a list"]
    else:
        assert problems(MINIMAL + line + "\n") == [expected]


def test_ask_should_be_text():
    text = with_prompts("- id: a\n  kind: text\n  ask: [What, happened]\n")
    assert problems(text) == ["s.yaml:10:14: 'ask' should be text"]


def test_required_should_be_true_or_false():
    text = with_prompts("- id: a\n  kind: text\n  ask: Hi?\n  required: 'yes'\n")
    assert problems(text) == ["s.yaml:11:19: 'required' should be true or false"]


def test_an_unquoted_braced_text_is_read_as_a_mapping_and_explained():
    text = with_prompts(
        "- id: a\n  kind: text\n  ask: Hi?\n- id: b\n  kind: text\n  ask: Hi?\n  default: {a}\n"
    )
    assert problems(text) == [
        "s.yaml:14:18: 'default' was read as a YAML mapping because it starts with '{';"
        ' put the whole text in quotes: "{a}"'
    ]


def test_empty_steps_and_prompts_are_refused():
    assert problems(MINIMAL.split("steps:")[0] + "steps: []\n") == [
        "s.yaml:4:8: 'steps' is empty: a script needs at least one step"
    ]
    assert problems(HEADER.replace("prompts:", "prompts: []")) == [
        "s.yaml:7:14: 'prompts' is empty: a step needs at least one"
    ]


# --- the format version -------------------------------------------------------------------


def test_a_missing_format_version_says_what_to_add():
    assert problems(MINIMAL.replace("coach-script: 1\n", "")) == [
        "s.yaml:1:1: 'coach-script' is missing: add 'coach-script: 1' at the top"
    ]


def test_a_newer_format_version_asks_for_an_update_and_nothing_else():
    text = MINIMAL.replace("coach-script: 1", "coach-script: 2") + "shiny_new_key: true\n"
    assert problems(text) == [
        "s.yaml:1:15: this script needs coach-script format 2; this Comeback Coach reads "
        "format 1: update Comeback Coach"
    ]


@pytest.mark.parametrize("version", ["one", "1.5", "'1'"])
def test_a_format_version_that_is_not_a_whole_number_is_refused(version):
    text = MINIMAL.replace("coach-script: 1", f"coach-script: {version}")
    assert problems(text) == [
        "s.yaml:1:15: 'coach-script' should be the format version: coach-script: 1"
    ]


# --- YAML 1.1 surprises --------------------------------------------------------------------


def test_yes_and_no_as_options_are_booleans_to_quote():
    text = with_prompts("- id: a\n  kind: choice\n  ask: Ready?\n  options: [yes, no]\n")
    assert problems(text) == [
        "s.yaml:11:19: yes was read as a boolean (true); quote it: 'yes'",
        "s.yaml:11:24: no was read as a boolean (false); quote it: 'no'",
    ]


@pytest.mark.parametrize(
    ("value", "meaning"),
    [("NO", "a boolean (false)"), ("On", "a boolean (true)"), ("null", "nothing (null)")],
)
def test_a_plain_word_read_as_something_else_keeps_its_spelling_in_the_advice(value, meaning):
    text = with_prompts(f"- id: a\n  kind: text\n  ask: {value}\n")
    assert problems(text) == [f"s.yaml:10:14: {value} was read as {meaning}; quote it: '{value}'"]


def test_quoted_yes_is_text():
    prompt = prompt_of("- id: a\n  kind: choice\n  ask: Ready?\n  options: ['yes', \"no\"]\n")
    assert prompt.options == ("yes", "no")


def test_booleans_in_labels_limits_and_text_defaults_are_explained():
    text = with_prompts("""\
        - id: a
          kind: scale
          ask: Sure?
          labels: {1: no, 5: yes}
        - id: b
          kind: text
          ask: Name?
          default: off
          limits: {no: 10}
        """)
    assert problems(text) == [
        "s.yaml:11:21: no was read as a boolean (false); quote it: 'no'",
        "s.yaml:11:28: yes was read as a boolean (true); quote it: 'yes'",
        "s.yaml:15:18: off was read as a boolean (false); quote it: 'off'",
        "s.yaml:16:18: no was read as a boolean (false); quote it: 'no'",
    ]


def test_an_empty_value_where_text_is_needed_is_called_empty():
    text = with_prompts("- id: a\n  kind: choice\n  ask:\n  options: [a, '']\n")
    assert problems(text) == [
        "s.yaml:10:13: 'ask' is empty",
        "s.yaml:11:22: an option is empty",
    ]


# --- ids -----------------------------------------------------------------------------------


def test_a_script_id_must_be_lowercase():
    assert problems(MINIMAL.replace("id: mini", "id: Mini_Script")) == [
        "s.yaml:2:5: script id 'Mini_Script' should use only lowercase letters, digits and '-'"
    ]


def test_a_prompt_id_must_start_with_a_letter():
    text = with_prompts("- id: 1st\n  kind: text\n  ask: Hi?\n")
    assert problems(text) == [
        "s.yaml:8:13: prompt id '1st' should start with a lowercase letter and use only "
        "lowercase letters, digits, '_' and '-'"
    ]


def test_today_is_a_reserved_id():
    text = with_prompts("- id: today\n  kind: date\n  ask: When?\n")
    assert problems(text) == [
        "s.yaml:8:13: 'today' is reserved (it means today's date); choose another id"
    ]


def test_a_duplicate_prompt_id_anywhere_in_the_script_names_the_first():
    text = (
        MINIMAL
        + "  - id: again\n    title: Again\n    prompts:\n"
        + ("      - id: setback\n        kind: text\n        ask: Again?\n")
    )
    assert problems(text) == ["s.yaml:14:13: prompt id 'setback' is used twice (first at line 8)"]


def test_a_duplicate_step_id_names_the_first():
    text = (
        MINIMAL
        + "  - id: learn\n    title: Again\n    prompts:\n"
        + ("      - id: other\n        kind: text\n        ask: Again?\n")
    )
    assert problems(text) == ["s.yaml:11:9: step id 'learn' is used twice (first at line 5)"]


# --- kinds -----------------------------------------------------------------------------------


def test_unknown_kind_suggests_the_closest():
    text = with_prompts("- id: a\n  kind: multichoice\n  ask: Hi?\n")
    assert problems(text) == [
        "s.yaml:9:15: unknown kind 'multichoice': did you mean 'multi_choice'?"
    ]


def test_unknown_kind_without_a_close_match_lists_the_kinds():
    text = with_prompts("- id: a\n  kind: slider\n  ask: Hi?\n")
    assert problems(text) == [
        "s.yaml:9:15: unknown kind 'slider'; the kinds are text, long_text, choice, "
        "multi_choice, list, scale, number, confirm, date, info"
    ]


@pytest.mark.parametrize(
    ("kind", "low", "high", "expected"),
    [
        ("scale", "7", "3", "a scale needs 'min' (7) below 'max' (3)"),
        ("number", "10", "2", "'min' (10) is above 'max' (2)"),
        ("list", "4", "2", "'min' (4) is above 'max' (2)"),
        ("date", "2026-05-01", "'2026-01-01'", "'min' (2026-05-01) is above 'max' (2026-01-01)"),
    ],
)
def test_min_above_max_is_refused(kind, low, high, expected):
    text = with_prompts(f"- id: a\n  kind: {kind}\n  ask: Hi?\n  min: {low}\n  max: {high}\n")
    assert problems(text) == [f"s.yaml:11:14: {expected}"]


def test_min_above_max_on_a_multi_choice_is_refused():
    text = with_prompts(
        "- id: a\n  kind: multi_choice\n  ask: Hi?\n  options: [a, b, c]\n  min: 3\n  max: 2\n"
    )
    assert problems(text) == ["s.yaml:12:14: 'min' (3) is above 'max' (2)"]


def test_a_scale_min_above_its_default_max_is_refused():
    text = with_prompts("- id: a\n  kind: scale\n  ask: Hi?\n  min: 6\n")
    assert problems(text) == ["s.yaml:11:14: a scale needs 'min' (6) below 'max' (5)"]


def test_lengths_must_be_in_order_and_not_negative():
    text = with_prompts("""\
        - id: a
          kind: text
          ask: Hi?
          min_length: 10
          max_length: 5
        - id: b
          kind: long_text
          ask: Hi?
          min_length: -1
          max_length: 0
        """)
    assert problems(text) == [
        "s.yaml:11:21: 'min_length' (10) is above 'max_length' (5)",
        "s.yaml:16:21: 'min_length' cannot be negative",
        "s.yaml:17:21: 'max_length' should be 1 or more",
    ]


def test_options_must_not_be_empty_or_repeated():
    text = with_prompts("""\
        - id: a
          kind: choice
          ask: Hi?
          options: []
        - id: b
          kind: choice
          ask: Hi?
          options:
            - Email
            - Phone
            - Email
        """)
    assert problems(text) == [
        "s.yaml:11:18: 'options' is empty: list at least one option",
        "s.yaml:18:13: option 'Email' is listed twice (first at line 16)",
    ]


def test_a_choice_needs_options():
    assert problems(with_prompts("- id: a\n  kind: choice\n  ask: Hi?\n")) == [
        "s.yaml:8:9: a choice prompt needs 'options'"
    ]


def test_a_multi_choice_needs_exactly_one_source_of_options():
    text = with_prompts("""\
        - id: a
          kind: multi_choice
          ask: Hi?
        - id: b
          kind: multi_choice
          ask: Hi?
          options: [x]
          options_from: a
        """)
    assert problems(text) == [
        "s.yaml:8:9: a multi_choice prompt needs 'options' or 'options_from'",
        "s.yaml:15:9: use either 'options' or 'options_from', not both",
    ]


def test_a_multi_choice_cannot_ask_for_more_than_its_options():
    text = with_prompts("- id: a\n  kind: multi_choice\n  ask: Hi?\n  options: [x, y]\n  min: 3\n")
    assert problems(text) == ["s.yaml:12:14: 'min' is 3 but there are only 2 options"]


@pytest.mark.parametrize(
    ("source", "kind", "expected"),
    [
        ("first", "list", None),
        ("first", "multi_choice", None),
        (
            "first",
            "text",
            "'options_from' must name a list or multi_choice prompt; 'first' is a text prompt",
        ),
        (
            "later",
            "list",
            "'options_from' must name an earlier prompt; 'later' is asked later (line 15)",
        ),
        ("pick", "list", "'options_from' cannot name the prompt itself"),
        (
            "frist",
            "list",
            "'options_from' names 'frist', which is not a prompt of this script: "
            "did you mean 'first'?",
        ),
    ],
)
def test_options_from_must_name_an_earlier_list(source, kind, expected):
    options = "  options: [a]\n" if kind == "multi_choice" else ""
    text = with_prompts(
        f"- id: first\n  kind: {kind}\n  ask: Hi?\n{options}"
        f"- id: pick\n  kind: multi_choice\n  ask: Hi?\n  options_from: {source}\n"
        "- id: later\n  kind: list\n  ask: Hi?\n"
    )
    if kind == "multi_choice":
        expected_problems = []
    else:
        expected_problems = [f"s.yaml:14:23: {expected}"] if expected else []
    assert problems(text) == expected_problems


def test_a_pattern_must_be_a_valid_regular_expression():
    text = with_prompts("- id: a\n  kind: text\n  ask: Hi?\n  pattern: 'ab(c'\n")
    assert problems(text) == [
        "s.yaml:11:21: 'pattern' is not a valid regular expression: "
        "missing ), unterminated subpattern"
    ]


def test_limits_are_names_with_positive_lengths():
    text = with_prompts("""\
        - id: a
          kind: text
          ask: Hi?
          limits:
            LinkedIn: 0
            X: lots
        - id: b
          kind: text
          ask: Hi?
          limits: [LinkedIn]
        """)
    assert problems(text) == [
        "s.yaml:12:21: the limit of 'LinkedIn' should be 1 or more",
        "s.yaml:13:14: the limit of 'X' should be a whole number",
        "s.yaml:17:17: 'limits' should be names with a length each, like: LinkedIn: 220",
    ]


def test_a_limit_with_its_own_counting_rule_names_a_known_rule_and_a_max():
    text = with_prompts("""\
        - id: a
          kind: text
          ask: Hi?
          limits:
            X: {max: 160, count: twitter}
            Threads: {count: utf16}
            Other: {max: 10, coutn: x}
        """)
    assert problems(text) == [
        "s.yaml:12:32: unknown counting rule 'twitter'; the rules are utf16, x",
        "s.yaml:13:20: the limit of 'Threads' needs 'max': its length",
        "s.yaml:14:28: unknown key 'coutn': did you mean 'count'?",
    ]


def test_labels_are_points_of_the_scale():
    text = with_prompts("""\
        - id: a
          kind: scale
          ask: Hi?
          min: 0
          max: 10
          labels:
            0: None
            11: Too much
            high: Lots
        """)
    assert problems(text) == [
        "s.yaml:15:11: label 11 is outside the scale (0 to 10)",
        "s.yaml:16:11: label 'high' should be a point of the scale, a whole number",
    ]


def test_labels_use_the_default_scale_of_one_to_five():
    text = with_prompts("- id: a\n  kind: scale\n  ask: Hi?\n  labels: {0: Zero}\n")
    assert problems(text) == ["s.yaml:11:18: label 0 is outside the scale (1 to 5)"]


def test_a_number_with_decimals_needs_integer_false():
    text = with_prompts("- id: a\n  kind: number\n  ask: Hi?\n  max: 2.5\n")
    assert problems(text) == [
        "s.yaml:11:14: 'max' should be a whole number, or set 'integer: false'"
    ]


def test_date_bounds_are_dates_or_today():
    text = with_prompts("- id: a\n  kind: date\n  ask: When?\n  min: soon\n  max: 2026-02-30\n")
    assert problems(text) == [
        "s.yaml:11:14: 'min' should be a date like 2026-05-01, or today, tomorrow, +3d, +2w",
        "s.yaml:12:14: 'max' should be a date like 2026-05-01, or today, tomorrow, +3d, +2w",
    ]


@pytest.mark.parametrize(
    ("kind", "extra", "default", "expected"),
    [
        ("text", "", "[a]", "'default' should be text"),
        (
            "choice",
            "  options: [Email, Phone]\n",
            "Emial",
            "'default' should be one of the options: did you mean 'Email'?",
        ),
        (
            "multi_choice",
            "  options: [Email, Phone]\n",
            "[Email, Fax]",
            "'Fax' is not one of the options",
        ),
        ("list", "  max: 1\n", "[a, b]", "'default' has 2 items but 'max' is 1"),
        (
            "list",
            "",
            "some text",
            "'default' should be a list of items, or one earlier list answer like \"{channels}\"",
        ),
        ("scale", "", "9", "'default' should be between 1 and 5"),
        ("number", "", "1.5", "'default' should be a whole number"),
        ("number", "  min: 2\n", "1", "'default' should be at least 2"),
        ("confirm", "", "'yes'", "'default' should be true or false"),
        (
            "date",
            "",
            "next week",
            "'default' should be a date like 2026-05-01, or today, tomorrow, +3d, +2w",
        ),
    ],
)
def test_a_default_must_fit_its_kind(kind, extra, default, expected):
    text = with_prompts(f"- id: a\n  kind: {kind}\n  ask: Hi?\n{extra}  default: {default}\n")
    (message,) = problems(text)
    assert message.endswith(expected)
    line = 11 + extra.count("\n")
    assert message.startswith(f"s.yaml:{line}:")


def test_a_choice_with_other_takes_any_default():
    prompt = prompt_of(
        "- id: a\n  kind: choice\n  ask: Hi?\n  options: [x]\n  other: true\n"
        "  default: Something else\n"
    )
    assert prompt.default == "Something else"


def test_track_names_a_metric():
    text = with_prompts("- id: a\n  kind: scale\n  ask: Hi?\n  track: ''\n")
    assert problems(text) == [
        "s.yaml:11:16: 'track' should name what is tracked, like: track: Confidence"
    ]


def test_an_info_prompt_needs_text_and_takes_no_answer():
    text = with_prompts("- id: a\n  kind: info\n  default: x\n- id: b\n  kind: info\n  text: Hi\n")
    assert problems(text) == [
        "s.yaml:8:9: an info prompt needs 'text': what to show",
        "s.yaml:10:9: an info prompt takes no answer, so 'default' does not apply",
    ]


# --- references ---------------------------------------------------------------------------


def test_an_unknown_reference_suggests_the_closest_prompt():
    text = with_prompts("""\
        - id: setback
          kind: text
          ask: What happened?
        - id: lesson
          kind: text
          ask: "What did {setbak} teach you?"
        """)
    assert problems(text) == [
        "s.yaml:13:24: '{setbak}' is not a prompt of this script: did you mean 'setback'?"
    ]


def test_a_condition_can_only_use_earlier_answers():
    text = with_prompts("""\
        - id: setback
          kind: text
          ask: What happened?
          when: "{confidence} >= 3"
        - id: confidence
          kind: scale
          ask: How sure?
        """)
    assert problems(text) == [
        "s.yaml:11:16: '{confidence}' is asked later (line 12); "
        "a condition can only use earlier answers"
    ]


def test_a_prompt_cannot_refer_to_its_own_answer():
    text = with_prompts('- id: a\n  kind: text\n  ask: Hi?\n  placeholder: "{a}"\n')
    assert problems(text) == [
        "s.yaml:11:23: '{a}' is this prompt's own answer; "
        "'placeholder' can only use earlier answers"
    ]


def test_today_is_allowed_in_texts_but_not_in_conditions():
    text = with_prompts('- id: a\n  kind: text\n  ask: "On {today}?"\n  when: "{today}"\n')
    assert problems(text) == [
        "s.yaml:11:16: '{today}' is today's date, not an answer: a condition cannot use it"
    ]


def test_an_info_prompt_has_no_answer_to_refer_to():
    text = with_prompts(
        '- id: tip\n  kind: info\n  text: Hi\n- id: a\n  kind: text\n  ask: "{tip}?"\n'
    )
    assert problems(text) == ["s.yaml:13:15: '{tip}' is an info prompt, which takes no answer"]


def test_a_list_default_takes_another_list_answer():
    text = with_prompts(
        '- id: a\n  kind: text\n  ask: Hi?\n- id: b\n  kind: list\n  ask: Hi?\n  default: "{a}"\n'
    )
    assert problems(text) == [
        "s.yaml:14:19: a list 'default' can only take another list answer; '{a}' is a text prompt"
    ]


TWO_STEPS = """\
coach-script: 1
id: two
title: Two steps
steps:
  - id: first
    title: First
    intro: "{one} {two}"
    prompts:
      - id: one
        kind: text
        ask: One?
    summary: "{one} and {two}"
  - id: second
    title: Second
    intro: "After {one}, {two}"
    prompts:
      - id: two
        kind: text
        ask: Two?
plan: "{one} {two} {today}"
"""


def test_an_intro_can_use_answers_of_earlier_steps_only():
    assert problems(TWO_STEPS) == [
        "s.yaml:7:13: '{one}' is asked in this step (line 9); "
        "a step's 'intro' can only use answers from earlier steps",
        "s.yaml:7:19: '{two}' is asked later (line 17); "
        "a step's 'intro' can only use answers from earlier steps",
        "s.yaml:15:26: '{two}' is asked in this step (line 17); "
        "a step's 'intro' can only use answers from earlier steps",
    ]


def test_summaries_and_the_plan_can_use_any_answer():
    text = TWO_STEPS.replace('    intro: "{one} {two}"\n', "").replace(", {two}", "")
    script = loads(text)
    assert script.steps[0].summary == "{one} and {two}"
    assert script.plan == "{one} {two} {today}"


# --- syntax errors inside conditions and texts ----------------------------------------------


@pytest.mark.parametrize(
    ("when", "column"),
    [
        ("\"{a} = 'x'\"", 20),
        ("'{a} == ''x'' && {a}'", 29),
        ("{a} == 1 or", None),
    ],
)
def test_a_condition_syntax_error_points_at_the_column_in_the_file(when, column):
    text = with_prompts(
        f"- id: a\n  kind: text\n  ask: Hi?\n- id: b\n  kind: text\n  ask: Hi?\n  when: {when}\n"
    )
    (message,) = problems(text)
    if column is None:  # unquoted, it is not even YAML
        assert "YAML syntax error" in message
    else:
        assert message.startswith(f"s.yaml:14:{column}: 'when': ")


def test_a_plain_condition_error_is_located_too():
    text = with_prompts(
        "- id: a\n  kind: text\n  ask: Hi?\n- id: b\n  kind: text\n  ask: Hi?\n  when: not not (\n"
    )
    assert problems(text) == ["s.yaml:14:24: 'when': expected a value after '('"]


def test_a_template_error_in_a_literal_block_is_located_on_its_line():
    text = with_prompts("""\
        - id: a
          kind: info
          text: |
            First line.
              Second {line
        """)
    assert problems(text) == [
        "s.yaml:12:20: 'text': this '{' is never closed: write {id} for an answer, "
        "or {{ for a literal brace"
    ]


def test_a_template_error_in_a_folded_block_is_located_on_its_line():
    text = with_prompts("""\
        - id: a
          kind: text
          ask: >
            A question that
            goes on } here
        """)
    assert problems(text) == ["s.yaml:12:19: 'ask': a lone '}': write }} for a literal brace"]


def test_a_reference_in_a_block_is_located_on_its_line():
    text = with_prompts("""\
        - id: a
          kind: text
          ask: Hi?
          help: |
            Think about it.

            Then {nope}.
        """)
    assert problems(text) == ["s.yaml:14:16: '{nope}' is not a prompt of this script"]


def test_a_template_error_after_escapes_in_double_quotes_is_located():
    text = with_prompts('- id: a\n  kind: text\n  ask: "Say \\"hi\\" }"\n')
    assert problems(text) == ["s.yaml:10:26: 'ask': a lone '}': write }} for a literal brace"]


# --- all at once ------------------------------------------------------------------------------


def test_several_problems_are_all_reported_in_file_order():
    text = """\
id: Bad Id
title: yes
steps:
  - id: learn
    title: Learn
    prompts:
      - id: a
        kind: txt
        ask: Hi?
      - id: b
        kind: choice
        ask: "{c}?"
        options: [yes, no]
        requird: false
      - id: a
        kind: text
        ask: Hi?
        ask: Again?
"""
    assert problems(text) == [
        "s.yaml:1:1: 'coach-script' is missing: add 'coach-script: 1' at the top",
        "s.yaml:1:5: script id 'Bad Id' should use only lowercase letters, digits and '-'",
        "s.yaml:2:8: yes was read as a boolean (true); quote it: 'yes'",
        "s.yaml:8:15: unknown kind 'txt': did you mean 'text'?",
        "s.yaml:12:15: '{c}' is not a prompt of this script",
        "s.yaml:13:19: yes was read as a boolean (true); quote it: 'yes'",
        "s.yaml:13:24: no was read as a boolean (false); quote it: 'no'",
        "s.yaml:14:9: unknown key 'requird': did you mean 'required'?",
        "s.yaml:15:13: prompt id 'a' is used twice (first at line 7)",
        "s.yaml:18:9: duplicate key 'ask' (first at line 17)",
    ]


# --- files ----------------------------------------------------------------------------------


def test_load_script_returns_the_script_of_a_good_file(tmp_path):
    path = tmp_path / "mini.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    script = load_script(path)
    assert (script.id, script.path, script.source) == ("mini", str(path), MINIMAL)


def test_load_script_raises_with_every_problem(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL.replace("id: mini", "id: Mini") + "title: again\n", encoding="utf-8")
    with pytest.raises(ScriptError) as raised:
        load_script(path)
    assert [(p.line, p.column) for p in raised.value.problems] == [(2, 5), (11, 1)]
    assert str(raised.value).startswith(f"{path}:2:5: script id 'Mini'")


def test_a_missing_file_is_a_problem_not_an_exception(tmp_path):
    path = tmp_path / "nowhere.yaml"
    script, found = load_script_file(path)
    assert script is None
    assert [(p.path, p.line, p.column) for p in found] == [(str(path), 1, 1)]
    assert found[0].message.startswith("cannot read this file")


def test_a_folder_is_a_problem_not_an_exception(tmp_path):
    script, found = load_script_file(tmp_path)
    assert script is None and found[0].message.startswith("cannot read this file")


def test_a_file_that_is_not_utf8_says_so(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MINIMAL.encode() + "ask: Caf\u00e9\n".encode("latin-1"))
    script, found = load_script_file(path)
    assert script is None
    assert [str(p) for p in found] == [
        f"{path}:1:1: this file is not UTF-8 text (a bad byte on line 11); save it as UTF-8"
    ]


def test_a_byte_order_mark_is_ignored(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_script(path).id == "mini"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_problems_or_a_script_never_an_exception(text):
    script, found = load_script_text(text)
    assert (script is None) == bool(found)
    assert found == sorted(found, key=lambda p: (p.line, p.column))
    assert all(p.line >= 1 and p.column >= 1 for p in found)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_damaged_script_never_raises(data):
    source = (PROMPTS_DIR / "quick.yaml").read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(source)))
    end = data.draw(st.integers(start, min(len(source), start + 40)))
    insert = data.draw(st.sampled_from(["", "{", "}", ":", "- ", "\n  ", "yes", "'", '"', "\t"]))
    script, found = load_script_text(source[:start] + insert + source[end:])
    assert (script is None) == bool(found)
    assert all(p.line >= 1 and p.column >= 1 for p in found)


def test_yaml_tags_are_refused_without_being_run():
    text = MINIMAL.replace("id: mini", "id: !!python/object/apply:os.system [echo]")
    (message,) = problems(text)
    assert message.startswith("s.yaml:2:5: ")
    assert "tag" in message


def test_merge_keys_are_refused():
    text = with_prompts("- id: a\n  kind: text\n  <<: {ask: Hi}\n")
    assert "s.yaml:10:9: '<<' (merging mappings) is not supported in scripts" in problems(text)


def test_deeply_nested_yaml_is_a_problem_not_a_crash():
    assert problems("a: " + "[" * 5000 + "]" * 5000 + "\n") == [
        "s.yaml:1:1003: this file is nested too deeply to be a script"
    ]


def test_filters_are_known_and_fits_needs_a_prompt_with_limits():
    text = with_prompts("""\
        - id: a
          kind: text
          ask: Hi?
          limits: {X: 10}
        - id: b
          kind: text
          ask: "{a|fits} and {a|loud}"
        - id: c
          kind: text
          ask: "Fits {b|fits}"
        """)
    assert problems(text) == [
        "s.yaml:14:28: 'ask': '{a|loud}' names an unknown filter; the filters are inline, fits",
        "s.yaml:17:20: '{b|fits}' needs a text prompt with 'limits'; 'b' has none",
    ]


def test_except_from_and_list_default_items_name_earlier_list_answers():
    text = with_prompts("""\
        - id: used
          kind: multi_choice
          ask: Used?
          options: [Email, Phone]
        - id: note
          kind: text
          ask: Note?
        - id: left
          kind: multi_choice
          ask: Left out?
          options: [Email, Phone]
          except_from: note
        - id: later
          kind: multi_choice
          ask: Later?
          options: [Email]
          except_from: usde
        - id: now
          kind: list
          ask: Now?
          default: ["{used}", "{left}", "{note}", "Fax"]
        """)
    assert problems(text) == [
        "s.yaml:19:22: 'except_from' must name a list or multi_choice prompt;"
        " 'note' is a text prompt",
        "s.yaml:24:22: 'except_from' names 'usde', which is not a prompt of this script:"
        " did you mean 'used'?",
        "s.yaml:28:40: a list 'default' can only take another list answer;"
        " '{note}' is a text prompt",
    ]


def test_a_list_default_of_several_answers_loads():
    script = loads(
        with_prompts("""\
        - id: used
          kind: multi_choice
          ask: Used?
          options: [Email, Phone]
        - id: left
          kind: multi_choice
          ask: Left out?
          options: [Email, Phone]
          except_from: used
        - id: now
          kind: list
          ask: Now?
          default: ["{used}", "{left}"]
        """)
    )
    assert script.prompt("left").except_from == "used"
    assert script.prompt("now").default == ("{used}", "{left}")
