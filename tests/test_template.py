"""``{id}`` interpolation: references, escapes, errors with columns, verbatim answers."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.errors import TemplateError
from coach.scripts.templates import escape, format_value, parse_template, render_text

TODAY = date(2026, 3, 2)


def render(source: str, **values: object) -> str:
    return render_text(source, values, TODAY)


def error_of(source: str) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        parse_template(source)
    return caught.value


# --- references and rendering -------------------------------------------------


def test_a_reference_is_replaced_by_its_answer():
    assert render("You lost {setback}.", setback="the pitch") == "You lost the pitch."


def test_ids_may_hold_digits_dashes_and_underscores():
    assert render("{a1_b-c}", **{"a1_b-c": "ok"}) == "ok"


def test_references_lists_every_id_once_including_today():
    template = parse_template("{goal} by {today}; {goal} again, {why}")
    assert template.references == frozenset({"goal", "today", "why"})


def test_a_text_without_braces_has_no_references():
    assert parse_template("plain").references == frozenset()
    assert render("plain") == "plain"


def test_empty_text_renders_empty():
    assert render("") == ""


def test_today_is_the_iso_date():
    assert render("Written {today}.") == "Written 2026-03-02."


def test_today_ignores_an_answer_of_the_same_name():
    assert render("{today}", today="not a date") == "2026-03-02"


def test_a_missing_answer_renders_empty():
    assert render("[{nothing}]") == "[]"


def test_none_renders_empty():
    assert render("[{skipped}]", skipped=None) == "[]"


def test_a_list_answer_in_prose_is_joined_with_commas():
    assert (
        render("Next: {steps}.", steps=["call Ana", "rest", "apply again"])
        == "Next: call Ana, rest, apply again."
    )


def test_a_list_answer_alone_on_a_line_is_one_bullet_per_item():
    steps = ["call Ana", "rest"]
    assert render("Steps:\n\n{steps}\n", steps=steps) == "Steps:\n\n- call Ana\n- rest\n"
    assert render("  - {steps}", steps=steps) == "  - call Ana\n  - rest"
    assert render("1. {steps}", steps=steps) == "1. call Ana\n1. rest"


def test_a_list_answer_ending_a_list_item_is_nested_under_its_label():
    people = ["Aunt Rosa, who gave first and shared it twice", "Sam from the shelter"]
    shown = render("- **Champions:** {people}\n- Goal: 5", people=people)
    assert shown == (
        "- **Champions:**\n"
        "  - Aunt Rosa, who gave first and shared it twice\n"
        "  - Sam from the shelter\n"
        "- Goal: 5"
    )
    assert (
        render("1. Who: {people}", people=people[:1])
        == "1. Who: Aunt Rosa, who gave first and shared it twice"
    )


def test_a_list_answer_inside_a_list_item_or_filtered_inline_stays_joined():
    assert render("- {a} and more", a=["x", "y"]) == "- x, y and more"
    assert render("- **Tags:** {a|inline}", a=["x", "y"]) == "- **Tags:** x, y"
    assert parse_template("{a|inline}").filtered == frozenset({("a", "inline")})
    assert parse_template("{a|inline}").references == frozenset({"a"})


def test_an_unknown_filter_is_an_error_with_its_column():
    error = error_of("Hi {a|loud}")
    assert error.column == 4
    assert error.message == "'{a|loud}' names an unknown filter; the filters are inline, fits"


def test_fits_says_where_a_text_fits_and_by_how_much():
    limits = {"h": (("LinkedIn headline", 220), ("X bio", 10, "x"))}
    shown = parse_template("{h|fits}").render({"h": "Writer 日本"}, TODAY, limits=limits)
    assert shown == "fits LinkedIn headline 9/220; too long for X bio 11/10"
    assert parse_template("{h|fits}").render({}, TODAY, limits=limits) == ""


def test_booleans_read_yes_and_no():
    assert render("{a}/{b}", a=True, b=False) == "yes/no"


def test_numbers_read_naturally():
    assert render("{a} {b} {c} {d}", a=3, b=3.0, c=2.5, d=0) == "3 3 2.5 0"


def test_a_date_answer_reads_as_iso():
    assert render("{due}", due=date(2026, 4, 1)) == "2026-04-01"


def test_doubled_braces_are_literal():
    assert render("{{goal}} is {goal}", goal="win") == "{goal} is win"


def test_triple_braces_wrap_a_reference_in_literal_braces():
    assert render("{{{goal}}}", goal="win") == "{win}"


def test_escape_doubles_every_brace():
    assert escape("a{b}c") == "a{{b}}c"
    assert render(escape("{x} }{")) == "{x} }{"


# --- answers are never re-scanned -------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    ["{other}", "{{", "}}", "{", "}", "[bold]red[/bold]", "\x1b[31m", "{today}", "{0.__class__}"],
)
def test_an_answer_is_inserted_exactly_as_typed(answer):
    assert render("<{x}>", x=answer, other="LEAK") == f"<{answer}>"


def test_a_list_item_with_braces_stays_as_typed():
    assert render("{x}", x=["{a}", "}}"], a="LEAK") == "- {a}\n- }}"
    assert render("In prose {x}.", x=["{a}", "}}"], a="LEAK") == "In prose {a}, }}."


# --- nothing is evaluated ---------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    ["{goal.upper}", "{goal[0]}", "{goal!r}", "{goal:>10}", "{__class__}", "{0}", "{ goal }"],
)
def test_attribute_access_indexing_and_formatting_are_refused(source):
    assert error_of(source).column == 1


# --- errors, each at its column -----------------------------------------------


def test_an_uppercase_id_is_not_a_reference_and_says_how_to_write_a_brace():
    error = error_of("Hello {Name}!")
    assert error.column == 7
    assert error.message == (
        "'{Name}' is not a reference: ids are lowercase letters, digits, - and _;"
        " write {{ for a literal brace"
    )
    assert str(error).startswith("column 7: ")


def test_an_empty_reference_asks_for_an_id():
    error = error_of("ab{}")
    assert error.column == 3
    assert "is empty" in error.message and "{goal}" in error.message


def test_an_unclosed_brace_is_reported_where_it_opens():
    error = error_of("Dear {name")
    assert error.column == 6
    assert "never closed" in error.message and "{{" in error.message


def test_a_brace_closed_only_on_a_later_line_counts_as_unclosed():
    assert "never closed" in error_of("a {b\nc}").message


def test_a_brace_followed_by_another_opening_counts_as_unclosed():
    error = error_of("{a {b}")
    assert error.column == 1
    assert "never closed" in error.message


def test_a_lone_closing_brace_says_to_double_it():
    error = error_of("a } b")
    assert error.column == 3
    assert error.message == "a lone '}': write }} for a literal brace"


def test_a_closing_brace_after_a_reference_is_lone():
    assert error_of("{a}}").column == 4


def test_a_long_bad_reference_is_quoted_short():
    error = error_of("{" + "X" * 200 + "}")
    assert len(error.message) < 150
    assert "…" in error.message


def test_columns_count_characters_not_bytes():
    assert error_of("ü€😀 {Bad}").column == 5


# --- caching and immutability -----------------------------------------------------


def test_parsing_is_cached():
    assert parse_template("{cached_one}") is parse_template("{cached_one}")


def test_a_template_cannot_be_changed():
    template = parse_template("{x}")
    with pytest.raises(dataclasses.FrozenInstanceError):
        template.source = "{y}"  # type: ignore[misc]


# --- lines that would say nothing ------------------------------------------------

SUMMARY = """\
### My brand

- **Before:** {before}
- **Dropping:** {dropping}
- **Tweaking:** {tweaking}

{story}

**Lesson:** {lesson}
"""


def summary(**values: object) -> str:
    return parse_template(SUMMARY).render(values, TODAY, drop_empty_lines=True)


def test_a_line_whose_every_answer_is_empty_is_left_out():
    shown = summary(before="Writer", dropping="", tweaking=[], story="It went", lesson="Ask")
    assert "Dropping" not in shown and "Tweaking" not in shown
    assert "- **Before:** Writer\n\nIt went\n\n**Lesson:** Ask" in shown


def test_a_line_keeps_its_label_when_one_of_its_answers_is_given():
    source = "- **Reaching out to:** {contact} ({channel})"
    assert parse_template(source).render({"channel": "Email"}, TODAY, drop_empty_lines=True) == (
        "- **Reaching out to:**  (Email)"
    )


def test_blank_answers_count_as_empty_and_today_never_is():
    source = "A\n- **Why:** {why}\n- **On:** {today}"
    rendered = parse_template(source).render({"why": "  \n "}, TODAY, drop_empty_lines=True)
    assert rendered == "A\n- **On:** 2026-03-02"


def test_lines_without_answers_stay_as_written():
    source = "# Title\n\n\nPlain text.\n"
    assert parse_template(source).render({}, TODAY, drop_empty_lines=True) == source


def test_a_paragraph_left_out_leaves_one_blank_line_not_two():
    shown = summary(before="Writer", lesson="Ask")
    assert shown == "### My brand\n\n- **Before:** Writer\n\n**Lesson:** Ask\n"
    assert parse_template("{story}\n\nNext").render({}, TODAY, drop_empty_lines=True) == "Next"


def test_without_drop_empty_lines_every_line_stays():
    assert render(SUMMARY, before="Writer").count("\n") == SUMMARY.count("\n")
    assert "- **Dropping:** \n" in render(SUMMARY, before="Writer")


# --- format_value -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("as is {x}", "as is {x}"),
        (True, "yes"),
        (False, "no"),
        (3, "3"),
        (3.0, "3"),
        (-0.5, "-0.5"),
        (date(2026, 3, 2), "2026-03-02"),
        (["a", "b"], "a, b"),
        (("a",), "a"),
        ([], ""),
        ([1, True, None], "1, yes, "),
    ],
)
def test_format_value(value, text):
    assert format_value(value) == text


# --- properties ----------------------------------------------------------------

brace_heavy_text = st.text(
    alphabet=st.sampled_from(list("{}ab_-Z0 \n[]/\\\x1b😀")) | st.characters(), max_size=40
)


@given(brace_heavy_text)
def test_any_text_parses_or_fails_at_a_column_inside_it(source):
    try:
        template = parse_template(source)
    except TemplateError as error:
        assert 1 <= error.column <= len(source) + 1
    else:
        assert template.source == source


tricky_pieces = st.sampled_from(
    ["{", "}", "{{", "}}", "{a}", "{today}", "{Bad}", "[bold]", "[/]", "\x1b[31m", "\\", "%s", "\n"]
)
tricky_answer = st.lists(tricky_pieces | st.text(max_size=5), max_size=8).map("".join)


@given(tricky_answer | st.text(max_size=60))
def test_any_text_answer_is_substituted_exactly(answer):
    values = {"x": answer, "a": "LEAK", "bold": "LEAK"}
    assert render_text("A{x}B", values, TODAY) == "A" + answer + "B"


@given(st.lists(tricky_answer, max_size=4))
def test_any_list_answer_is_substituted_joined_and_verbatim(answer):
    values = {"x": answer, "a": "LEAK"}
    assert render_text("A{x}B", values, TODAY) == "A" + ", ".join(answer) + "B"


SUMMARY_IDS = ("before", "dropping", "tweaking", "story", "lesson")
given_answer = st.text(st.characters(blacklist_characters="\n"), min_size=1).filter(str.strip)


@given(st.fixed_dictionaries({key: given_answer for key in SUMMARY_IDS}))
def test_when_no_line_is_empty_dropping_changes_nothing(values):
    """Every answer given (not blank): the text is rendered whole."""
    assert summary(**values) == render(SUMMARY, **values)


@given(st.text(max_size=60))
def test_escaped_literal_text_renders_back_to_itself(text):
    template = parse_template(escape(text))
    assert template.references == frozenset()
    assert template.render({}, TODAY) == text
