"""The plan and the step summaries of the bundled scripts, as the user reads them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

import pytest

from coach.followup.plan import render_plan
from coach.paths import builtin_scripts_dir
from coach.scripts.model import Script
from coach.scripts.validate import load_script_file
from coach.session.wizard import Wizard
from coach.store.records import SessionRecord

TODAY = date(2026, 3, 2)

COMEBACK: dict[str, Any] = {
    "setback": "My fundraiser raised the least",
    "expected": "Twice as much.",
    "confidence": 3,
    "channels_used": ["Private messages"],
    "channels_left_out": [],
    "channel_mix": "They backed each other up",
    "do_differently": ["Email the list"],
    "lesson": "Use more than one channel",
    "current_description": "Writer",
    "roles_add": ["Speaker"],
    "roles_drop": [],
    "roles_tweak": [],
    "new_paths": ["Workshops"],
    "headline": "Writer and speaker",
    "champions": ["Sam"],
    "outside_bubble": ["Local founders"],
    "daily_outreach": 2,
    "channels_available": ["Email", "LinkedIn"],
    "outreach_channels": ["Email"],
    "first_actions": ["Write to Sam"],
    "first_action_date": "2026-03-05",
    "checkin_date": "2026-03-16",
    "ready": True,
}
QUICK: dict[str, Any] = {
    "setback": "Lost a client",
    "lesson": "Ask earlier.",
    "tweak": "",
    "contact": "Sam",
    "channel": "Email",
    "first_action": "Call Sam",
    "action_date": "2026-03-04",
}
BARE_LABEL = re.compile(r"^\s*(?:[-*>]\s*)?(?:\*\*[^*\n]+:\*\*|[A-Z][^:\n]*:)\s*$", re.MULTILINE)
"""A line that is only a label: ``- **Dropping:**``, ``**The setback:**``, ``Next time:``."""


def script(name: str) -> Script:
    loaded, problems = load_script_file(str(builtin_scripts_dir() / f"{name}.yaml"))
    assert loaded is not None, problems
    return loaded


def walked(name: str, answers: dict[str, Any]) -> Wizard:
    """The wizard after every prompt of the script was answered from ``answers``."""
    wizard = Wizard(script(name), clock=lambda: TODAY)
    while wizard.current is not None:
        wizard.accept_answer(answers.get(wizard.current.id))
    return wizard


def plan_of(name: str, answers: dict[str, Any]) -> str:
    wizard = walked(name, answers)
    moment = datetime(2026, 3, 2, 9, tzinfo=UTC).isoformat()
    record = SessionRecord(
        id="abc12345",
        script_id=name,
        script_source=wizard.script.source,
        title="t",
        status="completed",
        started_at=moment,
        updated_at=moment,
        answers=wizard.answers,
    )
    return render_plan(record, wizard.script, clock=lambda: TODAY)


@pytest.mark.parametrize(("name", "answers"), [("comeback", COMEBACK), ("quick", QUICK)])
def test_optional_answers_left_empty_leave_no_bare_label(name: str, answers: dict) -> None:
    wizard = walked(name, answers)
    for step in wizard.script.steps:
        assert BARE_LABEL.findall(wizard.step_summary(step)) == []
    assert BARE_LABEL.findall(plan_of(name, answers)) == []


def test_the_rebrand_summary_says_only_what_was_answered() -> None:
    wizard = walked("comeback", COMEBACK)
    shown = wizard.step_summary(wizard.script.steps[1])
    assert "Dropping" not in shown and "Tweaking" not in shown
    assert "- **Adding:** Speaker\n- **New paths to try:** Workshops" in shown


def test_an_optional_answer_given_is_shown_with_its_label() -> None:
    answers = {**COMEBACK, "roles_drop": ["Copywriter"]}
    wizard = walked("comeback", answers)
    assert "- **Dropping:** Copywriter" in wizard.step_summary(wizard.script.steps[1])
    quick = plan_of("quick", {**QUICK, "tweak": "Say speaker first"})
    assert "- **One tweak to how I show up:** Say speaker first" in quick


def test_the_quick_plan_leaves_out_the_tweak_not_given() -> None:
    shown = plan_of("quick", QUICK)
    assert "tweak" not in shown
    assert "- **Next time:** Ask earlier.\n\nOne new conversation: Sam (Email)" in shown


def test_a_summary_left_with_nothing_to_say_lists_its_questions_instead() -> None:
    """Quick's second step asks one optional question: left empty, it says it was skipped."""
    wizard = walked("quick", QUICK)
    shown = wizard.step_summary(wizard.script.steps[1])
    assert "One tweak" not in shown
    assert "how you present yourself?**\n\n(skipped)" in shown


def test_an_action_given_its_own_date_keeps_it_when_the_steps_date_changes() -> None:
    from coach.followup.plan import derive_actions

    wizard = walked("comeback", {**COMEBACK, "first_actions": ["Write to Sam", "Call Ana"]})
    first = derive_actions(wizard, [], "abc12345")
    assert [a["due"] for a in first] == ["2026-03-05", "2026-03-05"]
    first[1] = {**first[1], "due": "2026-03-20", "due_set": True}
    wizard.answers["first_action_date"] = "2026-03-07"
    again = derive_actions(wizard, first, "abc12345")
    assert [a["due"] for a in again] == ["2026-03-07", "2026-03-20"]


FULL = {
    **COMEBACK,
    "channels_used": ["Private messages", "Social media posts"],
    "channels_left_out": ["Email", "Phone calls"],
    "roles_drop": ["Social media manager for hire"],
    "roles_tweak": ['"Marketer" becomes "Fundraising strategist for small charities"'],
    "headline": "Fundraising strategist for small shelters 🐾",
    "champions": ["Aunt Rosa, who gave first and shared it twice", "Sam from the front desk"],
    "outside_bubble": ["The animal-rescue newsletter", "Local founders"],
}


def test_the_plan_carries_the_whole_diagnosis_in_the_persons_words() -> None:
    shown = plan_of("comeback", FULL)
    assert "- **Channels I relied on:**\n  - Private messages\n  - Social media posts" in shown
    assert "- **Channels I left out:**\n  - Email\n  - Phone calls" in shown
    assert (
        "- **Before:** Writer\n- **After:** Fundraising strategist for small shelters 🐾" in shown
    )
    assert "  - fits LinkedIn headline 44/220, X bio 44/160, Instagram bio 44/150" in shown
    assert "- **Adding:** Speaker" in shown
    assert "- **Dropping:** Social media manager for hire" in shown
    assert '- **Rewording:** "Marketer" becomes' in shown
    assert (
        "- **Champions to keep close:**\n"
        "  - Aunt Rosa, who gave first and shared it twice\n"
        "  - Sam from the front desk"
    ) in shown
    assert "- **Circles to reach beyond my bubble:**\n  - The animal-rescue newsletter" in shown
    assert "- **Goal:** 2 new people a day" in shown


def test_a_headline_too_long_for_a_platform_says_so() -> None:
    shown = plan_of("comeback", {**FULL, "headline": "x" * 155})
    assert (
        "  - fits LinkedIn headline 155/220, X bio 155/160; too long for Instagram bio 155/150"
        in shown
    )


def test_the_step_summaries_nest_list_answers_too() -> None:
    wizard = walked("comeback", FULL)
    shown = wizard.step_summary(wizard.script.steps[2])
    assert "- **Champions:**\n  - Aunt Rosa, who gave first and shared it twice\n" in shown


def test_every_written_answer_of_the_comeback_reflection_reaches_its_plan() -> None:
    """What a person wrote in words (text, long text, list items) is in the plan they
    keep, not only in a step summary they saw once."""
    comeback = script("comeback")
    shown = plan_of("comeback", FULL)
    written = [  # action items are the record's own list, rendered from it (tested apart)
        p for p in comeback.prompts if p.kind in ("text", "long_text", "list") and not p.action
    ]
    missing = []
    for prompt in written:
        value = FULL.get(prompt.id)
        items = value if isinstance(value, list) else [value]
        missing += [f"{prompt.id}: {item}" for item in items if item and str(item) not in shown]
    assert not missing, missing
