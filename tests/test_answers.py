"""Checking answers against their prompts, and the hints that describe the rules."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.errors import AnswerRefused
from coach.scripts.model import Prompt
from coach.session.answers import check_answer, describe_rules, resolve_date

TODAY = date(2026, 3, 2)


def prompt(kind: str, **keys: object) -> Prompt:
    return Prompt(id="answer", kind=kind, **keys)  # type: ignore[arg-type]


def check(p: Prompt, raw: object, **kwargs: object) -> object:
    return check_answer(p, raw, today=TODAY, **kwargs)  # type: ignore[arg-type]


def refusal(p: Prompt, raw: object, **kwargs: object) -> str:
    with pytest.raises(AnswerRefused) as caught:
        check(p, raw, **kwargs)
    return str(caught.value)


# --- empty answers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("text", "   ", "This one needs an answer."),
        ("long_text", "\n  \n", "This one needs an answer."),
        ("number", "", "This one needs an answer."),
        ("scale", None, "This one needs an answer."),
        ("date", " ", "This one needs an answer."),
        ("choice", "", "Pick one option."),
        ("multi_choice", [], "Pick at least one option."),
        ("list", ["", "  "], "Add at least one item."),
        ("confirm", None, "Answer yes or no."),
    ],
)
def test_a_required_prompt_refuses_an_empty_answer(kind, raw, message):
    assert refusal(prompt(kind, options=("a", "b")), raw) == message


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("text", "  "),
        ("long_text", ""),
        ("number", None),
        ("scale", ""),
        ("date", ""),
        ("choice", ""),
        ("multi_choice", []),
        ("list", [" "]),
        ("confirm", ""),
    ],
)
def test_an_optional_prompt_left_empty_gives_none(kind, raw):
    assert check(prompt(kind, required=False, options=("a",), min=2), raw) is None


def test_an_empty_multi_choice_with_a_minimum_says_how_many():
    assert refusal(prompt("multi_choice", options=("a", "b", "c"), min=2), []) == "Pick at least 2."


def test_info_takes_no_answer():
    assert check(prompt("info", text="Breathe."), "anything") is None


# --- text ---------------------------------------------------------------------


def test_text_is_stripped():
    assert check(prompt("text"), "  lost the pitch \t") == "lost the pitch"


def test_text_must_be_one_line():
    assert refusal(prompt("text"), "one\ntwo") == "Keep this to one line."
    assert refusal(prompt("text"), "one\u2028two") == "Keep this to one line."


def test_text_shorter_than_min_length_says_how_many_characters():
    assert refusal(prompt("text", min_length=10), "short") == (
        "Write at least 10 characters (you have 5)."
    )


def test_text_longer_than_max_length_says_how_many_characters():
    assert refusal(prompt("text", max_length=5), "too long") == (
        "Write at most 5 characters (you have 8)."
    )


def test_text_outside_both_lengths_says_the_range():
    p = prompt("text", min_length=3, max_length=5)
    assert refusal(p, "ab") == "Write 3 to 5 characters (you have 2)."
    assert check(p, "abc") == "abc"
    assert check(p, "abcde") == "abcde"


def test_one_character_is_singular():
    assert refusal(prompt("text", max_length=1), "ab") == "Write at most 1 character (you have 2)."


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("😀😀😀", 3),  # emoji outside the BMP
        ("挫折から", 4),  # CJK
        ("שלום", 4),  # Hebrew, right to left
        ("مرحبا", 5),  # Arabic, right to left
        ("café", 4),
    ],
)
def test_lengths_count_characters_not_bytes(text, length):
    assert check(prompt("text", min_length=length, max_length=length), text) == text
    assert "you have" in refusal(prompt("text", max_length=length - 1), text)


def test_surrounding_whitespace_does_not_count_toward_length():
    assert check(prompt("text", max_length=3), "   abc   ") == "abc"


def test_pattern_must_match_the_whole_text():
    p = prompt("text", pattern=r"[A-Z]{3}-\d+", pattern_hint="Like ABC-123.")
    assert check(p, "ABC-123") == "ABC-123"
    assert refusal(p, "xABC-123") == "Like ABC-123."
    assert refusal(p, "ABC-123x") == "Like ABC-123."


def test_pattern_without_a_hint_shows_the_pattern():
    assert refusal(prompt("text", pattern=r"\d+"), "abc") == r"This doesn't fit the form \d+."


def test_limits_never_refuse():
    p = prompt("text", limits=(("LinkedIn headline", 5),))
    assert check(p, "far longer than five") == "far longer than five"


@given(st.text().filter(lambda t: len(t.splitlines()) <= 1 and t.strip()))
def test_any_one_line_text_comes_back_stripped(text):
    assert check(prompt("text"), text) == text.strip()


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_any_whole_number_with_thousands_commas_comes_back(number):
    assert check(prompt("number"), f"{number:,}") == number


@given(st.integers(min_value=-5000, max_value=5000))
def test_any_day_offset_lands_that_many_days_away(days):
    assert (resolve_date(f"{days:+d}d", TODAY) - TODAY).days == days


def test_markup_and_braces_in_text_are_kept_as_typed():
    assert check(prompt("text"), "[bold]{x}{{") == "[bold]{x}{{"


# --- long_text ------------------------------------------------------------------


def test_long_text_keeps_inner_newlines_and_indentation():
    raw = "\n\n  first line\n\n  - second\n\n \n"
    assert check(prompt("long_text"), raw) == "  first line\n\n  - second"


def test_long_text_normalises_windows_newlines():
    assert check(prompt("long_text"), "a\r\nb") == "a\nb"


def test_long_text_lengths_are_checked():
    assert refusal(prompt("long_text", min_length=20), "a\nb") == (
        "Write at least 20 characters (you have 3)."
    )
    assert refusal(prompt("long_text", max_length=2), "a\nb") == (
        "Write at most 2 characters (you have 3)."
    )


# --- choice ---------------------------------------------------------------------

FEELINGS = ("Angry", "Sad", "Relieved")


def test_choice_returns_the_canonical_option_whatever_the_case():
    assert check(prompt("choice", options=FEELINGS), "  sAD ") == "Sad"


def test_choice_not_among_the_options_lists_them():
    assert refusal(prompt("choice", options=FEELINGS), "happy") == (
        "Pick one of: Angry, Sad, Relieved."
    )


def test_choice_with_other_accepts_a_free_answer():
    assert check(prompt("choice", options=FEELINGS, other=True), " Proud ") == "Proud"
    assert check(prompt("choice", options=FEELINGS, other=True), "angry") == "Angry"


def test_a_free_choice_answer_must_be_one_line():
    assert refusal(prompt("choice", options=FEELINGS, other=True), "a\nb") == (
        "Keep this to one line."
    )


def test_choice_uses_resolved_options_when_given():
    assert check(prompt("choice"), "b", options=["A", "B"]) == "B"


# --- multi_choice ---------------------------------------------------------------

STRENGTHS = ("Grit", "Humour", "Focus", "Patience")


def test_multi_choice_returns_canonical_options_in_the_order_picked():
    assert check(prompt("multi_choice", options=STRENGTHS), [" focus", "GRIT"]) == [
        "Focus",
        "Grit",
    ]


def test_multi_choice_refuses_an_unknown_option():
    assert refusal(prompt("multi_choice", options=STRENGTHS), ["Grit", "Luck"]) == (
        "'Luck' is not one of the options: Grit, Humour, Focus, Patience."
    )


def test_multi_choice_with_other_accepts_free_items():
    p = prompt("multi_choice", options=STRENGTHS, other=True)
    assert check(p, ["grit", "Luck"]) == ["Grit", "Luck"]


def test_multi_choice_refuses_duplicates_whatever_the_case():
    assert refusal(prompt("multi_choice", options=STRENGTHS), ["Grit", "grit"]) == (
        "'grit' is picked twice."
    )
    p = prompt("multi_choice", options=STRENGTHS, other=True)
    assert refusal(p, ["Luck", "LUCK"]) == "'LUCK' is picked twice."


def test_multi_choice_drops_empty_items():
    assert check(prompt("multi_choice", options=STRENGTHS), ["", "Grit", "  "]) == ["Grit"]


@pytest.mark.parametrize(
    ("low", "high", "picked", "message"),
    [
        (2, None, ["Grit"], "Pick at least 2."),
        (None, 2, ["Grit", "Focus", "Humour"], "Pick at most 2."),
        (2, 3, ["Grit"], "Pick 2 to 3."),
        (1, 3, ["Grit", "Focus", "Humour", "Patience"], "Pick 1 to 3."),
        (2, 2, ["Grit"], "Pick exactly 2."),
    ],
)
def test_multi_choice_count_outside_the_range_says_the_range(low, high, picked, message):
    assert refusal(prompt("multi_choice", options=STRENGTHS, min=low, max=high), picked) == message


def test_multi_choice_count_at_the_edges_is_fine():
    p = prompt("multi_choice", options=STRENGTHS, min=1, max=2)
    assert check(p, ["Grit"]) == ["Grit"]
    assert check(p, ["Grit", "Focus"]) == ["Grit", "Focus"]


def test_multi_choice_uses_the_resolved_options_from_an_earlier_list():
    p = prompt("multi_choice", options_from="steps")
    assert check(p, ["call ana"], options=["Call Ana", "Rest"]) == ["Call Ana"]
    assert "not one of the options: Call Ana, Rest" in refusal(
        p, ["x"], options=["Call Ana", "Rest"]
    )


# --- list -----------------------------------------------------------------------


def test_list_items_are_stripped_and_empty_ones_dropped():
    assert check(prompt("list"), [" call Ana ", "", "  ", "rest"]) == ["call Ana", "rest"]


def test_list_refuses_an_item_given_twice_whatever_its_case():
    assert refusal(prompt("list"), ["Run", "walk", "run "]) == (
        "'run' is listed twice; keep each item once."
    )


def test_except_from_refuses_an_item_an_earlier_answer_holds():
    p = prompt("multi_choice", options=("Email", "Phone"), other=True)
    with pytest.raises(AnswerRefused, match="already in your answer to an earlier question"):
        check_answer(p, ["email"], today=TODAY, excluded=("Email",))
    assert check_answer(p, ["Phone", "Fax"], today=TODAY, excluded=("Email",)) == ["Phone", "Fax"]


def test_list_from_a_string_takes_one_item_per_line():
    assert check(prompt("list"), "a\n\n b \n") == ["a", "b"]


@pytest.mark.parametrize(
    ("low", "high", "items", "message"),
    [
        (2, None, ["a"], "List at least 2 items (you have 1)."),
        (None, 2, ["a", "b", "c"], "List at most 2 items (you have 3)."),
        (None, 1, ["a", "b"], "List at most 1 item (you have 2)."),
        (2, 4, ["a"], "List 2 to 4 items (you have 1)."),
        (3, 3, ["a", "b"], "List exactly 3 items (you have 2)."),
    ],
)
def test_list_count_outside_the_range_says_the_range(low, high, items, message):
    assert refusal(prompt("list", min=low, max=high), items) == message


def test_list_item_longer_than_item_max_length_names_the_item():
    p = prompt("list", item_max_length=5)
    assert check(p, ["short", "😀😀😀😀😀"]) == ["short", "😀😀😀😀😀"]
    assert refusal(p, ["short", "far too long"]) == (
        "Item 2 has 12 characters; keep each item to 5 or fewer."
    )


def test_list_items_must_be_one_line():
    assert refusal(prompt("list"), ["ok", "two\nlines"]) == (
        "Item 2 has more than one line; make it one item each."
    )


def test_list_given_a_single_value_is_a_programming_error():
    with pytest.raises(TypeError):
        check(prompt("list"), 42)


def test_text_given_a_list_is_a_programming_error():
    with pytest.raises(TypeError):
        check(prompt("text"), ["a"])


# --- scale ----------------------------------------------------------------------


def test_scale_accepts_typed_text_and_ints():
    p = prompt("scale")
    assert check(p, " 3 ") == 3
    assert check(p, 5) == 5


@pytest.mark.parametrize("raw", ["0", "6", "2.5", "three", "-1", True])
def test_scale_outside_the_default_range_says_one_to_five(raw):
    assert refusal(prompt("scale"), raw) == "Pick a whole number from 1 to 5."


def test_scale_uses_its_own_min_and_max():
    p = prompt("scale", min=0, max=10)
    assert check(p, "0") == 0
    assert check(p, "10") == 10
    assert refusal(p, "11") == "Pick a whole number from 0 to 10."


# --- number ---------------------------------------------------------------------


def test_number_is_an_int_by_default():
    result = check(prompt("number"), " 42 ")
    assert result == 42 and isinstance(result, int)


def test_number_accepts_thousands_commas():
    assert check(prompt("number"), "1,000,000") == 1_000_000
    assert check(prompt("number", integer=False), "1,234.5") == 1234.5


@pytest.mark.parametrize("raw", ["1,00", "1,0000", "1 000", "1_000", "abc", "1e3", ".", "-", "--1"])
def test_number_refuses_text_that_is_not_a_plain_number(raw):
    assert refusal(prompt("number"), raw) == "Enter a whole number."


def test_number_refuses_a_decimal_point_when_it_must_be_whole():
    assert refusal(prompt("number", min=0, max=1000), "2.5") == (
        "Enter a whole number between 0 and 1000."
    )


def test_a_decimal_number_is_a_float():
    p = prompt("number", integer=False)
    assert check(p, "2.5") == 2.5
    assert check(p, "-.5") == -0.5
    result = check(p, "3")
    assert result == 3.0 and isinstance(result, float)


def test_negative_numbers_are_fine_without_a_minimum():
    assert check(prompt("number"), "-7") == -7


@pytest.mark.parametrize(
    ("keys", "raw", "message"),
    [
        ({"min": 0, "max": 1000}, "1001", "Enter a whole number between 0 and 1000."),
        ({"min": 0, "max": 1000}, "-1", "Enter a whole number between 0 and 1000."),
        ({"min": 1}, "0", "Enter a whole number of at least 1."),
        ({"max": 10}, "11", "Enter a whole number of at most 10."),
        ({"min": 0.5, "integer": False}, "0.25", "Enter a number of at least 0.5."),
        ({"min": 0.0, "max": 2.5, "integer": False}, "3", "Enter a number between 0 and 2.5."),
        ({"integer": False}, "nan", "Enter a number."),
    ],
)
def test_number_outside_range_says_the_range(keys, raw, message):
    assert refusal(prompt("number", **keys), raw) == message


def test_number_at_its_bounds_is_fine():
    p = prompt("number", min=0, max=1000)
    assert check(p, "0") == 0
    assert check(p, "1,000") == 1000


def test_a_huge_decimal_number_is_refused():
    assert refusal(prompt("number", integer=False), "9" * 400) == "Enter a number."


def test_a_whole_number_with_thousands_of_digits_is_refused():
    assert refusal(prompt("number"), "9" * 5000) == "Enter a whole number."
    assert refusal(prompt("scale"), "9" * 5000) == "Pick a whole number from 1 to 5."


def test_number_may_be_followed_by_its_unit():
    p = prompt("number", unit="people")
    assert check(p, "12 People") == 12
    assert refusal(p, "people") == "Enter a whole number."


def test_number_accepts_an_int_or_float_from_a_default():
    assert check(prompt("number"), 7) == 7
    assert check(prompt("number", integer=False), 2.5) == 2.5


# --- confirm --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "answer"),
    [
        (True, True),
        (False, False),
        ("yes", True),
        (" Y ", True),
        ("TRUE", True),
        ("no", False),
        ("n", False),
        ("False", False),
    ],
)
def test_confirm_takes_a_bool_or_a_yes_no_word(raw, answer):
    assert check(prompt("confirm"), raw) is answer


def test_confirm_false_is_an_answer_not_an_empty_one():
    assert check(prompt("confirm", required=True), False) is False


def test_confirm_refuses_other_words():
    assert refusal(prompt("confirm"), "maybe") == "Answer yes or no."
    assert refusal(prompt("confirm", required=False), "maybe") == "Answer yes or no."


# --- dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-04-01", date(2026, 4, 1)),
        ("2026-4-1", date(2026, 4, 1)),
        ("today", date(2026, 3, 2)),
        ("  Today ", date(2026, 3, 2)),
        ("TOMORROW", date(2026, 3, 3)),
        ("yesterday", date(2026, 3, 1)),
        ("+3d", date(2026, 3, 5)),
        ("+ 3 d", date(2026, 3, 5)),
        ("3d", date(2026, 3, 5)),
        ("+3 days", date(2026, 3, 5)),
        ("-1d", date(2026, 3, 1)),
        ("+2w", date(2026, 3, 16)),
        ("+1 week", date(2026, 3, 9)),
        ("-2W", date(2026, 2, 16)),
        ("+0d", date(2026, 3, 2)),
        ("+30d", date(2026, 4, 1)),
    ],
)
def test_resolve_date_understands_iso_names_and_offsets(text, expected):
    assert resolve_date(text, TODAY) == expected


def test_resolve_date_crosses_a_leap_day():
    assert resolve_date("+1d", date(2028, 2, 28)) == date(2028, 2, 29)


@pytest.mark.parametrize("text", ["next friday", "+1m", "+3", "2026/03/02", "02-03-2026", ""])
def test_resolve_date_refuses_what_it_does_not_know_and_lists_the_forms(text):
    with pytest.raises(AnswerRefused) as caught:
        resolve_date(text, TODAY)
    assert str(caught.value) == (
        f"'{text}' is not a date I know: write YYYY-MM-DD, today, tomorrow, +3d or +2w."
    )


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "0000-01-01", "2027-02-29"])
def test_an_impossible_date_is_not_a_real_date(text):
    with pytest.raises(AnswerRefused) as caught:
        resolve_date(text, TODAY)
    assert str(caught.value) == f"{text} is not a real date."


@pytest.mark.parametrize("text", ["+999999999w", "+99999999999999999999d", "-999999d"])
def test_an_offset_too_far_away_is_refused(text):
    with pytest.raises(AnswerRefused) as caught:
        resolve_date(text, TODAY)
    assert str(caught.value) == f"{text} is too far away to be a date."


def test_a_date_answer_is_an_iso_string():
    assert check(prompt("date"), "+2w") == "2026-03-16"
    assert check(prompt("date"), date(2026, 5, 1)) == "2026-05-01"


@pytest.mark.parametrize(
    ("keys", "raw", "message"),
    [
        ({"min": "today"}, "yesterday", "Enter a date on or after 2026-03-02 (today)."),
        ({"min": "2026-04-01"}, "+1d", "Enter a date on or after 2026-04-01."),
        ({"max": "today"}, "tomorrow", "Enter a date on or before 2026-03-02 (today)."),
        ({"max": date(2026, 3, 10)}, "+2w", "Enter a date on or before 2026-03-10."),
        (
            {"min": "today", "max": "2026-12-31"},
            "2027-01-01",
            "Enter a date from 2026-03-02 (today) to 2026-12-31.",
        ),
    ],
)
def test_date_outside_range_says_the_range(keys, raw, message):
    assert refusal(prompt("date", **keys), raw) == message


def test_date_at_its_bounds_is_fine():
    p = prompt("date", min="today", max=date(2026, 3, 9))
    assert check(p, "today") == "2026-03-02"
    assert check(p, "+1w") == "2026-03-09"


def test_a_bad_date_answer_explains_itself():
    assert refusal(prompt("date"), "2026-02-30") == "2026-02-30 is not a real date."
    assert "is not a date I know" in refusal(prompt("date"), "soon")


# --- describe_rules -------------------------------------------------------------


@pytest.mark.parametrize(
    ("p", "hint"),
    [
        (prompt("text"), ""),
        (prompt("text", max_length=80), "Up to 80 characters"),
        (prompt("text", min_length=10), "At least 10 characters"),
        (prompt("long_text", min_length=10, max_length=500), "10 to 500 characters"),
        (
            prompt("text", max_length=8, pattern=r"\d+", pattern_hint="Digits only."),
            "Up to 8 characters · Digits only",
        ),
        (prompt("text", pattern=r"\d+", pattern_hint="Digits only"), "Digits only"),
        (
            prompt("text", limits=(("headline", 5),)),
            "Counted: headline as a web form does (an emoji is 2)",
        ),
        (prompt("choice", options=("a",)), ""),
        (prompt("choice", options=("a",), other=True), "Pick one, or write your own"),
        (prompt("multi_choice", options=("a",)), ""),
        (prompt("multi_choice", min=1, max=3), "Pick 1 to 3"),
        (prompt("multi_choice", max=3), "Pick up to 3"),
        (prompt("multi_choice", min=2), "Pick at least 2"),
        (prompt("multi_choice", min=2, other=True), "Pick at least 2 · add your own if none fits"),
        (prompt("multi_choice", other=True), "Add your own if none fits"),
        (prompt("list"), ""),
        (prompt("list", max=5), "Up to 5 items"),
        (prompt("list", min=1), "At least 1 item"),
        (prompt("list", min=3, max=3), "Exactly 3 items"),
        (prompt("list", max=5, item_max_length=100), "Up to 5 items · each up to 100 characters"),
        (prompt("list", item_max_length=100), "Each up to 100 characters"),
        (prompt("scale"), "1 to 5"),
        (
            prompt("scale", min=0, max=10, labels=((0, "not at all"), (10, "completely"))),
            "0 to 10 (0 = not at all, 10 = completely)",
        ),
        (prompt("number"), "A whole number"),
        (
            prompt("number", min=0, max=1000, unit="people"),
            "A whole number from 0 to 1000 (people)",
        ),
        (prompt("number", min=0.5, integer=False), "A number of at least 0.5"),
        (prompt("number", max=9, unit="kg"), "A whole number of at most 9 (kg)"),
        (prompt("date"), "A date: YYYY-MM-DD, today, tomorrow, +3d, +2w"),
        (
            prompt("date", min="today"),
            "A date from today on: YYYY-MM-DD, today, tomorrow, +3d, +2w",
        ),
        (
            prompt("date", max="2026-12-31"),
            "A date up to 2026-12-31: YYYY-MM-DD, today, tomorrow, +3d, +2w",
        ),
        (
            prompt("date", min="2026-04-01", max=date(2026, 5, 1)),
            "A date from 2026-04-01 to 2026-05-01: YYYY-MM-DD, today, tomorrow, +3d, +2w",
        ),
        (prompt("confirm"), ""),
        (prompt("info", text="Pause."), ""),
    ],
)
def test_describe_rules_gives_one_short_hint(p, hint):
    assert describe_rules(p, today=TODAY) == hint
