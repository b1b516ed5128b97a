"""Making user text safe where it leaves the program, without changing what it says."""

from __future__ import annotations

from coach.text import escape_controls, escape_markdown


def test_control_characters_are_shown_escaped_but_newlines_and_tabs_are_kept():
    assert escape_controls("a\x1b[31mb\x07\tc\nd") == "a\\x1b[31mb\\x07\tc\nd"


def test_markdown_characters_typed_by_a_user_are_escaped():
    assert escape_markdown("[TODO] *call* _Sam_ `now` <b> #1") == (
        r"\[TODO\] \*call\* \_Sam\_ \`now\` \<b\> \#1"
    )


def test_a_line_that_looks_like_a_list_or_heading_marker_stays_text():
    assert (
        escape_markdown("- not a bullet\n1. not a number")
        == "\\- not a bullet  \n1\\. not a number"
    )


def test_single_line_breaks_are_kept_as_hard_breaks_and_paragraphs_stay_paragraphs():
    assert (
        escape_markdown("I expected 200.\nGot zero.\n\nNext")
        == "I expected 200.  \nGot zero.\n\nNext"
    )


def test_emoji_cjk_and_right_to_left_text_pass_unchanged():
    text = "🎉 再挑戦 שלום"
    assert escape_markdown(text) == text
