"""Headline counters count the way each platform counts: X by its weighted rules, the
others as a web form's maxlength (UTF-16 code units)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.errors import AnswerRefused
from coach.scripts.lengths import UTF16, X_WEIGHTED, Limit, measure, x_weighted_length
from coach.scripts.model import Prompt
from coach.session.answers import check_answer, counted_text, describe_rules

X_TABLE = [
    # text, X's weighted length (checked against twitter-text 3.0's parse_tweet)
    ("hello", 5),
    ("héllo 👋", 8),  # é is Latin (1), the emoji counts 2
    ("e\u0301", 1),  # NFC makes it one é
    ("日本語", 6),  # CJK counts 2 each
    ("한국어", 6),
    ("Привет", 6),  # Cyrillic is within the first range: 1 each
    ("“quoted”", 8),  # curly quotes are in 8208-8223: 1 each
    ("…", 2),  # 8230 is outside every light range
    ("€100", 5),
    ("→ arrow", 8),
    ("😀😀😀", 6),
    ("👍🏽 ok", 5),  # an emoji with a skin tone counts 2 as a whole
    ("👨\u200d👩\u200d👧 family", 9),  # a ZWJ sequence counts 2 as a whole
    ("🏳️\u200d🌈", 2),
    ("🇫🇷🇩🇪", 4),  # each flag (a pair of regional indicators) counts 2
    ("1️⃣ one", 6),  # a keycap counts 2
    ("©", 2),
    ("↔️", 2),  # text presentation turned emoji by VS16
    ("🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", 2),  # a tag sequence
]


@pytest.mark.parametrize(("text", "length"), X_TABLE)
def test_x_counts_by_its_published_weights(text: str, length: int) -> None:
    assert x_weighted_length(text) == length
    assert measure(text, X_WEIGHTED) == length


@pytest.mark.parametrize(
    ("text", "length"),
    [("hello", 5), ("日本語", 3), ("héllo 👋", 8), ("👨\u200d👩\u200d👧", 8), ("é", 1)],
)
def test_a_web_form_counts_utf16_code_units(text: str, length: int) -> None:
    assert measure(text, UTF16) == length


def test_the_hint_says_which_rule_each_counter_uses() -> None:
    prompt = Prompt(
        id="h",
        kind="text",
        limits=(Limit("LinkedIn headline", 220), Limit("X bio", 160, X_WEIGHTED)),
    )
    hint = describe_rules(prompt, today=date(2026, 3, 2))
    assert hint == (
        "Counted: LinkedIn headline as a web form does (an emoji is 2);"
        " X bio as X does (emoji and CJK are 2)"
    )


def test_the_length_counter_and_the_message_say_the_same_number() -> None:
    prompt = Prompt(id="d", kind="text", max_length=300)
    typed = "x" * 309 + " "
    with pytest.raises(AnswerRefused) as refused:
        check_answer(prompt, typed, today=date(2026, 3, 2))
    counted = len(counted_text(prompt, typed))
    assert counted == 309
    assert f"(you have {counted})" in str(refused.value)
