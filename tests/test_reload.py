"""Carrying answers over to a new version of a script, as ``coach preview`` does on a save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from coach.scripts.validate import load_script_text
from coach.session.reload import carry_over, carry_position
from coach.session.wizard import Wizard

TRIAL = (Path(__file__).resolve().parent / "tui" / "scripts" / "trial.yaml").read_text()
TODAY = date(2026, 3, 2)
ANSWERS = {"setback": "Quiet launch", "mood": 4, "lesson": "Email too", "channel": "Email"}


def script(text: str = TRIAL):
    loaded, problems = load_script_text(text, "trial.yaml")
    assert problems == [], [str(p) for p in problems]
    return loaded


def carried(new_text: str, position: str | None = "first_action", drafts=None):
    return carry_over(script(), script(new_text), ANSWERS, drafts or {}, position, today=TODAY)


def test_a_new_wording_keeps_every_answer_and_the_place():
    result = carried(TRIAL.replace("What is the first thing", "What comes first"))
    assert result.answers == ANSWERS and result.position == "first_action"
    assert result.cleared == []


def test_the_answer_of_a_removed_prompt_is_dropped_quietly():
    removed = TRIAL.replace(
        '      - id: channel\n        kind: choice\n        ask: "How will you tell people about '
        '{setback}?"\n        options:\n          - Email\n          - Phone call\n'
        "          - In person\n\n",
        "",
    ).replace("{channel}", "")
    result = carried(removed)
    assert "channel" not in result.answers and result.cleared == []
    assert result.answers == {k: v for k, v in ANSWERS.items() if k != "channel"}


def test_a_removed_current_prompt_moves_on_to_the_next_that_survived():
    removed = TRIAL.replace(
        "      - id: first_action\n        kind: text\n"
        "        ask: What is the first thing you will do?\n        action: true\n\n",
        "",
    ).replace("{first_action}", "")
    assert carried(removed).position == "due"


def test_the_last_prompt_removed_goes_back_to_the_one_before():
    old = script()
    new_text = TRIAL.split("      - id: share")[0].rstrip() + "\n" + "plan: hi\n"
    new = script(new_text.replace("      - **Sharing it:** {share}\n", ""))
    assert carry_position(old, new, "share") == "due"


def test_an_answer_that_no_longer_fits_is_cleared_and_named():
    fewer = TRIAL.replace("          - Email\n", "")
    result = carried(fewer)
    assert "channel" not in result.answers and result.cleared == ["channel"]


def test_a_prompt_skipped_by_its_new_when_is_skipped_by_the_wizard():
    skipping = TRIAL.replace(
        "        ask: What is the first thing you will do?",
        '        ask: What is the first thing you will do?\n        when: "{mood} <= 2"',
    )
    result = carried(skipping)
    wizard = Wizard(script(skipping), result.answers, result.position, clock=lambda: TODAY)
    assert wizard.position == "due"


def test_drafts_survive_unless_their_prompt_went_or_changed_kind():
    drafts = {"first_action": "Call Sa", "lesson": "half"}
    changed = TRIAL.replace("kind: long_text", "kind: text")
    result = carried(changed, drafts=drafts)
    assert result.drafts == {"first_action": "Call Sa"}
