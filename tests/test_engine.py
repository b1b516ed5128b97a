"""The wizard engine: what to ask next, answers, skipping, back and forth, rendering."""

from __future__ import annotations

from datetime import date

import pytest

from coach.errors import AnswerRefused
from coach.scripts.validate import load_script_text
from coach.session.wizard import Wizard

TODAY = date(2026, 3, 2)

SCRIPT = """\
coach-script: 1
id: demo
title: Demo
steps:
  - id: learn
    title: Learn
    intro: "Let's look back."
    prompts:
      - id: setback
        kind: text
        ask: What was the setback?
      - id: confidence
        kind: scale
        ask: How confident are you, {setback}?
        min: 1
        max: 5
      - id: why
        kind: long_text
        ask: What is holding you back?
        when: "{confidence} <= 2"
      - id: tip
        kind: info
        text: Take a breath.
  - id: connect
    title: Connect
    prompts:
      - id: channels
        kind: list
        ask: Channels you use
        required: false
      - id: combine
        kind: multi_choice
        ask: Which to combine?
        options_from: channels
        default: "{channels}"
        when: "{channels}"
      - id: goal
        kind: number
        ask: People a day
        min: 0
        max: 1000
      - id: first
        kind: date
        ask: When do you start?
        min: today
    summary: "You will reach {goal} people a day via {combine}."
"""


def wizard(answers=None, position=None) -> Wizard:
    script, problems = load_script_text(SCRIPT, "demo.yaml")
    assert not problems, problems
    return Wizard(script, answers, position, clock=lambda: TODAY)


def ids(prompts) -> list[str]:
    return [p.id for p in prompts]


def test_a_new_session_starts_at_the_first_prompt():
    w = wizard()
    assert w.current.id == "setback"
    assert w.is_step_start()
    assert w.completion().done == 0


def test_accepting_an_answer_moves_to_the_next_prompt_and_keeps_the_typed_value():
    w = wizard()
    advance = w.accept_answer("  Raised the least  ")
    assert advance.value == "Raised the least"
    assert advance.next.id == "confidence"
    assert w.answers == {"setback": "Raised the least"}


def test_a_refused_answer_leaves_the_wizard_where_it_was():
    w = wizard({"setback": "x"}, "goal")
    with pytest.raises(AnswerRefused, match="whole number between 0 and 1000"):
        w.accept_answer("5000")
    assert w.current.id == "goal"
    assert "goal" not in w.answers


def test_a_prompt_whose_condition_is_false_is_skipped():
    w = wizard({"setback": "x"}, "confidence")
    assert w.accept_answer("4").next.id == "tip"
    assert "why" not in ids(w.applicable())


def test_a_prompt_whose_condition_is_true_is_asked():
    w = wizard({"setback": "x"}, "confidence")
    assert w.accept_answer("2").next.id == "why"


def test_changing_an_earlier_answer_re_evaluates_the_skipping():
    w = wizard({"setback": "x", "confidence": 2, "why": "fear"}, "tip")
    assert "why" in ids(w.applicable())
    w.go_to("confidence")
    w.accept_answer("5")
    assert "why" not in ids(w.applicable())
    assert "why" not in w.values(), "a skipped prompt's answer counts as unanswered"
    assert w.answers["why"] == "fear", "but it is kept, in case the user changes their mind"


def test_back_goes_to_the_previous_prompt_that_applies_and_keeps_later_answers():
    w = wizard({"setback": "x", "confidence": 4}, "tip")
    assert w.back().id == "confidence"
    assert w.answers["confidence"] == 4
    assert w.initial_value(w.current) == 4
    assert w.back().id == "setback"
    assert w.back().id == "setback", "back at the first prompt stays there"


def test_info_prompts_take_no_answer_and_do_not_count_in_progress():
    w = wizard({"setback": "x", "confidence": 4}, "tip")
    total_before = w.completion().total
    advance = w.accept_answer(None)
    assert advance.value is None and "tip" not in w.answers
    assert advance.finished_step.id == "learn"
    assert advance.next.id == "channels"
    assert total_before == w.completion().total


def test_progress_counts_prompts_that_apply():
    w = wizard()
    assert w.completion().total == 5  # why and combine skipped (unanswered), tip is info
    w.accept_answer("x")
    w.accept_answer("1")
    progress = w.completion()
    assert (progress.done, progress.total) == (2, 6)


def test_an_optional_prompt_can_be_left_empty_and_its_dependants_are_skipped():
    w = wizard({"setback": "x", "confidence": 4}, "channels")
    advance = w.accept_answer([])
    assert advance.value is None
    assert advance.next.id == "goal"


def test_options_from_offers_an_earlier_list_answer():
    w = wizard({"setback": "x", "confidence": 4, "channels": ["Email", "Phone"]}, "combine")
    assert w.options_for(w.current) == ("Email", "Phone")
    assert w.initial_value(w.current) == ["Email", "Phone"], "a {id} default takes the list itself"
    with pytest.raises(AnswerRefused):
        w.accept_answer(["Carrier pigeon"])


def test_relative_dates_resolve_against_the_injected_clock():
    w = wizard({"setback": "x", "confidence": 4, "channels": [], "goal": 5}, "first")
    assert w.accept_answer("+2w").value == "2026-03-16"
    assert w.is_finished


def test_the_session_ends_with_the_last_step_finished():
    w = wizard(
        {"setback": "x", "confidence": 4, "channels": ["Email"], "combine": ["Email"]}, "goal"
    )
    w.accept_answer("10")
    advance = w.accept_answer("today")
    assert advance.next is None and advance.finished_step.id == "connect"
    assert [state for _, state in w.step_states()] == ["done", "done"]


def test_interpolation_fills_earlier_answers_into_questions():
    w = wizard({"setback": "my launch flopped"}, "confidence")
    assert w.render(w.current.ask) == "How confident are you, my launch flopped?"


def test_interpolated_answers_are_never_read_as_templates_or_markup():
    w = wizard({"setback": "{confidence} [bold]x[/bold] {{"}, "confidence")
    assert w.render(w.current.ask) == "How confident are you, {confidence} [bold]x[/bold] {{?"


def test_the_step_summary_uses_the_script_text_with_answers():
    answers = {
        "setback": "x",
        "confidence": 4,
        "channels": ["Email", "Phone"],
        "combine": ["Email", "Phone"],
        "goal": 12,
        "first": "2026-03-03",
    }
    w = wizard(answers)
    summary = w.step_summary(w.script.steps[1])
    assert summary.strip() == "You will reach 12 people a day via Email, Phone."


def test_a_step_without_summary_lists_its_questions_and_answers_escaped_for_markdown():
    w = wizard({"setback": "[TODO] *call* Sam", "confidence": 4})
    summary = w.step_summary(w.script.steps[0])
    assert "**What was the setback?**" in summary
    assert r"\[TODO\] \*call\* Sam" in summary


def test_resuming_lands_on_the_saved_position():
    w = wizard({"setback": "x"}, "confidence")
    assert w.current.id == "confidence"


def test_resuming_without_a_position_lands_on_the_first_unanswered_prompt():
    w = wizard({"setback": "x", "confidence": 4})
    assert w.current.id == "channels"


def test_a_saved_position_that_no_longer_applies_moves_to_the_next_one():
    w = wizard({"setback": "x", "confidence": 5}, "why")
    assert w.current.id == "tip"


def test_step_states_mark_done_current_and_todo():
    w = wizard({"setback": "x", "confidence": 4}, "tip")
    assert [state for _, state in w.step_states()] == ["current", "todo"]
    w.accept_answer(None)
    assert [state for _, state in w.step_states()] == ["done", "current"]


def test_the_channel_audit_offers_left_out_only_what_was_not_used_and_starts_from_both():
    from coach.paths import builtin_scripts_dir
    from coach.scripts.validate import load_script

    comeback = load_script(builtin_scripts_dir() / "comeback.yaml")
    wizard = Wizard(comeback, {"channels_used": ["Email", "My newsletter"]})
    left_out = comeback.prompt("channels_left_out")
    offered = wizard.options_for(left_out)
    assert "Email" not in offered and "Phone calls" in offered
    wizard.answers["channels_left_out"] = ["Phone calls", "In person"]
    available = comeback.prompt("channels_available")
    assert wizard.initial_value(available) == ["Email", "My newsletter", "Phone calls", "In person"]
