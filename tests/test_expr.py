"""The `when` condition language: what authors can write and what it means."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.errors import ConditionError
from coach.scripts.conditions import MAX_NESTING, Condition, parse_condition

HYPOTHESIS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def holds(source: str, **answers: Any) -> bool:
    return parse_condition(source).evaluate(answers)


def error_of(source: str) -> ConditionError:
    with pytest.raises(ConditionError) as caught:
        parse_condition(source)
    return caught.value


# References and truthiness ---------------------------------------------------


@pytest.mark.parametrize("value", ["yes", " x ", 1, -2, 0.5, True, ["a"]])
def test_answered_reference_is_true(value: Any) -> None:
    assert holds("{a}", a=value)


@pytest.mark.parametrize("value", [None, "", "   \n", 0, 0.0, False, []])
def test_empty_false_or_zero_reference_is_false(value: Any) -> None:
    assert not holds("{a}", a=value)


def test_unanswered_reference_is_false() -> None:
    assert not holds("{a}")
    assert holds("not {a}")


@pytest.mark.parametrize(
    ("source", "expected"),
    [("'x'", True), ("''", False), ("' '", False), ("0", False), ("1", True),
     ("0.0", False), ("-1.5", True), ("true", True), ("false", False)],
)  # fmt: skip
def test_literals_have_truthiness(source: str, expected: bool) -> None:
    assert holds(source) is expected


def test_references_are_collected() -> None:
    condition = parse_condition("{a} == 1 and ({b-2} contains 'x' or not {c_d}) or {a}")
    assert condition.references == frozenset({"a", "b-2", "c_d"})
    assert parse_condition("'{not-a-ref}' == 1").references == frozenset()


# Comparisons ----------------------------------------------------------------


@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">=", "contains"])
def test_unanswered_reference_compares_false(op: str) -> None:
    for answers in ({}, {"x": None}):
        assert not parse_condition(f"{{x}} {op} 1").evaluate(answers)
        assert not parse_condition(f"1 {op} {{x}}").evaluate(answers)
        assert not parse_condition(f"{{x}} {op} {{x}}").evaluate(answers)
        assert parse_condition(f"not ({{x}} {op} 1)").evaluate(answers)


def test_equality_compares_numbers_numerically() -> None:
    assert holds("{n} == 3", n=3)
    assert holds("{n} == 3.0", n=3)
    assert holds("{n} == 2.5", n=2.5)
    assert holds("{n} != 4", n=3)
    assert not holds("{n} != 3", n=3.0)
    assert holds("-1 == -1.0")


def test_a_boolean_is_not_a_number() -> None:
    assert not holds("true == 1")
    assert holds("true != 1")
    assert not holds("{ok} == 1", ok=True)
    assert holds("{ok} == true", ok=True)
    assert holds("{ok} != true", ok=False)
    assert not holds("{ok} > 0", ok=True)


@pytest.mark.parametrize("text", ["30", " 30 ", "30.0", "+30"])
def test_numeric_text_answer_compares_as_a_number(text: str) -> None:
    assert holds("{age} == 30", age=text)
    assert holds("30 == {age}", age=text)
    assert holds("{age} > 9", age=text)
    assert holds("{age} <= 30", age=text)
    assert not holds("{age} != 30", age=text)


def test_non_numeric_text_is_unequal_to_a_number() -> None:
    assert not holds("{a} == 3", a="three")
    assert holds("{a} != 3", a="three")
    assert not holds("{a} < 3", a="three")
    assert not holds("{a} >= 3", a="three")


def test_text_equality_is_exact() -> None:
    assert holds("{a} == 'Job'", a="Job")
    assert not holds("{a} == 'job'", a="Job")
    assert not holds("{a} == '30'", a="30.0")
    assert holds('{a} != "job"', a="Job")


def test_lists_compare_element_wise() -> None:
    assert holds("{a} == {b}", a=["x", "y"], b=["x", "y"])
    assert not holds("{a} == {b}", a=["x", "y"], b=["y", "x"])
    assert holds("{a} != {b}", a=["x"], b=["x", "y"])
    assert not holds("{a} == 'x'", a=["x"])


def test_different_kinds_are_unequal() -> None:
    assert holds("{a} != 'true'", a=True)
    assert holds("{a} != 0", a=[])
    assert not holds("{a} == ''", a=[])
    assert holds("'1' != true")


def test_ordering_compares_numbers_and_text() -> None:
    assert holds("{n} >= 3", n=3)
    assert holds("{n} > 2.5", n=3)
    assert not holds("{n} < 3", n=3)
    assert holds("{n} <= 3", n=2)
    assert holds("'apple' < 'banana'")
    assert holds("'b' > 'B'")


def test_iso_dates_compare_in_order() -> None:
    assert holds("{due} < '2026-03-10'", due="2026-03-02")
    assert holds("{due} >= '2025-12-31'", due="2026-01-01")
    assert not holds("{due} > '2026-03-02'", due="2026-03-02")


def test_ordering_of_different_kinds_is_false() -> None:
    for op in ("<", "<=", ">", ">="):
        assert not holds(f"{{a}} {op} 1", a=["x"])
        assert not holds(f"{{a}} {op} 'x'", a=True)
        assert not holds(f"true {op} false")


# contains ----------------------------------------------------------------------


def test_contains_on_a_list_is_case_insensitive_membership() -> None:
    moods = ["Angry", "tired"]
    assert holds("{moods} contains 'angry'", moods=moods)
    assert holds("{moods} contains 'TIRED'", moods=moods)
    assert not holds("{moods} contains 'ang'", moods=moods)
    assert not holds("{moods} contains 'calm'", moods=moods)
    assert not holds("{moods} contains 'x'", moods=[])


def test_contains_on_text_is_a_case_insensitive_substring() -> None:
    assert holds("{s} contains 'CAMPAIGN'", s="My campaign raised little")
    assert holds("{s} contains 'raised l'", s="My campaign raised little")
    assert not holds("{s} contains 'won'", s="My campaign raised little")


def test_contains_compares_numbers_as_text() -> None:
    assert holds("{picks} contains 3", picks=["1", "3"])
    assert holds("{year} contains 26", year="2026")
    assert holds("{picks} contains {n}", picks=["2.5"], n=2.5)


def test_contains_on_other_kinds_is_false() -> None:
    assert not holds("{n} contains 1", n=1)
    assert not holds("{ok} contains 'true'", ok=True)
    assert not holds("{a} contains true", a=["true"])
    assert not holds("{a} contains {b}", a=["x"], b=["x"])


# and, or, not, precedence and parentheses ---------------------------------------


@pytest.mark.parametrize(("a", "b"), [(True, True), (True, False), (False, True), (False, False)])
def test_and_or_not_follow_logic(a: bool, b: bool) -> None:
    assert holds("{a} and {b}", a=a, b=b) is (a and b)
    assert holds("{a} or {b}", a=a, b=b) is (a or b)
    assert holds("not {a}", a=a) is (not a)
    assert holds("not not {a}", a=a) is a


def test_and_binds_tighter_than_or() -> None:
    assert holds("{a} or {b} and {c}", a=True, b=False, c=False)
    assert not holds("({a} or {b}) and {c}", a=True, b=False, c=False)
    assert holds("{a} and {b} or {c}", a=False, b=False, c=True)


def test_not_binds_tighter_than_and_but_looser_than_comparison() -> None:
    assert not holds("not {a} and {b}", a=False, b=False)
    assert holds("not ({a} and {b})", a=False, b=False)
    assert holds("not {n} == 1", n=2)
    assert not holds("not {s} contains 'x'", s="xyz")


def test_parentheses_group_and_nest() -> None:
    assert holds("((({a})))", a="x")
    assert holds("({a} or {b}) and ({c} or {d})", a=False, b=True, c=True, d=False)
    assert holds("(({n} > 1) and ({n} < 5))", n=3)


def test_a_grouped_condition_can_be_compared() -> None:
    assert holds("({n} == 1) == true", n=1)
    assert holds("({n} > 1) != ({n} > 5)", n=3)


def test_a_long_chain_of_and_evaluates_without_recursion() -> None:
    source = " and ".join(f"{{a{i}}}" for i in range(3000))
    answers = {f"a{i}": "x" for i in range(3000)}
    assert parse_condition(source).evaluate(answers)


def test_comparison_of_a_literal_with_itself_is_allowed() -> None:
    assert holds("1 < 2")
    assert holds("'a' contains 'A'")


# Literals ------------------------------------------------------------------------


def test_strings_take_either_quote_and_backslash_escapes() -> None:
    assert holds(r"{s} == 'it\'s'", s="it's")
    assert holds(r'{s} == "say \"hi\""', s='say "hi"')
    assert holds(r"{s} == 'a\\b'", s="a\\b")
    assert holds('{s} == "it\'s"', s="it's")
    assert holds(r"{s} == 'C:\dir'", s="C:\\dir")


def test_numbers_may_be_negative_or_decimal() -> None:
    assert holds("{n} == -3", n=-3)
    assert holds("{n} < -2.75", n=-3)
    assert holds("{n}>=-1", n=0)
    assert holds("{n} == 0.25", n=0.25)


def test_whitespace_is_free() -> None:
    assert holds("  {n}==1and{m}  ", n=1, m="x")
    assert holds("{n}==1 and\n{m}", n=1, m="x")
    assert holds("\t({n}\t== 1)", n=1)


# The parsed condition -----------------------------------------------------------


def test_parsing_is_cached() -> None:
    assert parse_condition("{a} == 1") is parse_condition("{a} == 1")


def test_condition_is_immutable() -> None:
    condition = parse_condition("{a}")
    assert isinstance(condition, Condition)
    assert condition.source == "{a}"
    with pytest.raises(dataclasses.FrozenInstanceError):
        condition.source = "{b}"  # type: ignore[misc]


class RecordingAnswers(Mapping[str, Any]):
    """Answers that remember which ids were read."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return self.values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)


def test_evaluation_reads_only_the_referenced_answers() -> None:
    answers = RecordingAnswers({"a": 1, "b": ["x"], "secret": "s"})
    condition = parse_condition("{a} == 1 and {b} contains 'x' or {c}")
    assert condition.evaluate(answers)
    assert answers.read <= condition.references


# Errors, each at the column of the token at fault --------------------------------

ERRORS = [
    ("", "empty condition", 1),
    ("  \n ", "empty condition", 1),
    ("{a} and", "expected a value after 'and'", 8),
    ("{a} and )", "expected a value after 'and'", 9),
    ("{a} or", "expected a value after 'or'", 7),
    ("not", "expected a value after 'not'", 4),
    ("{a} ==", "expected a value after '=='", 7),
    ("{a} contains", "expected a value after 'contains'", 13),
    ("()", "expected a value after '('", 2),
    ("and {a}", "expected a value before 'and'", 1),
    ("== 1", "expected a value before '=='", 1),
    (")", "unexpected ')'", 1),
    ("{a})", "unexpected ')'", 4),
    ("({a} or {b}))", "unexpected ')'", 13),
    ("({a} or {b}", "unclosed '(': add a matching ')'", 1),
    ("{a} and ((({b})", "unclosed '(': add a matching ')'", 10),
    ("{a} == 'x", "unclosed string: add the closing '", 8),
    ('"abc', 'unclosed string: add the closing "', 1),
    ("'it\\'", "unclosed string: add the closing '", 1),
    ("{a} < 1 < 2", "comparisons cannot be chained; use 'and'", 9),
    ("1 == {a} != 2", "comparisons cannot be chained; use 'and'", 10),
    ("{a} == 1 contains 'x'", "comparisons cannot be chained; use 'and'", 10),
    ("{a} && {b}", "unexpected character '&': use 'and'", 5),
    ("{a} || {b}", "unexpected character '|': use 'or'", 5),
    ("!{a}", "unexpected character '!': use 'not' (or '!=')", 1),
    ("{a} = 1", "'=' is not an operator: use '=='", 5),
    ("{a} === 1", "'=' is not an operator: use '=='", 7),
    ("{a} - 1", "unexpected character '-'", 5),
    ("{a} == 1.", "unexpected character '.'", 9),
    ("{a} == @", "unexpected character '@'", 8),
    (
        "{Setback} == 1",
        "'{Setback}' is not a valid reference: "
        "ids are lowercase letters, digits, - and _, starting with a letter",
        1,
    ),
    (
        "1 == {2nd}",
        "'{2nd}' is not a valid reference: "
        "ids are lowercase letters, digits, - and _, starting with a letter",
        6,
    ),
    (
        "{}",
        "'{}' is not a valid reference: "
        "ids are lowercase letters, digits, - and _, starting with a letter",
        1,
    ),
    ("{ mood }", "'{ mood }' has spaces: write {mood}", 1),
    ("{a} or {b", "unclosed '{': a reference is written {id}", 8),
    ("{a} AND {b}", "unknown word 'AND': keywords are lowercase, write 'and'", 5),
    ("True", "unknown word 'True': keywords are lowercase, write 'true'", 1),
    ("mood == 1", "unknown word 'mood': write a reference as {mood}, text in quotes", 1),
    ("{a} == Yes", "unknown word 'Yes': put text in quotes", 8),
    ("{a} {b}", "expected an operator before '{b}'", 5),
    ("{a} == 1 'x'", "expected an operator before ''x''", 10),
    ("({a} {b})", "expected an operator before '{b}'", 6),
    (
        "{a} not contains 'x'",
        "'not' goes before the whole comparison, e.g. not ({a} contains 'x')",
        5,
    ),
    ("{a} == 1" + "0" * 5000, "number is too long", 8),
]


@pytest.mark.parametrize(("source", "message", "column"), ERRORS)
def test_syntax_errors_name_the_fault_and_its_column(
    source: str, message: str, column: int
) -> None:
    error = error_of(source)
    assert (error.message, error.column) == (message, column)
    assert str(error) == f"column {column}: {message}"


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    depth = MAX_NESTING + 1
    error = error_of("(" * depth + "{a}" + ")" * depth)
    assert error.column == depth
    assert "nested too deeply" in error.message
    assert error_of("not " * depth + "{a}").column == 4 * MAX_NESTING + 1
    assert holds("(" * MAX_NESTING + "{a}" + ")" * MAX_NESTING, a=1)


def test_long_strings_are_shortened_in_messages() -> None:
    error = error_of("{a} 'a very long piece of text indeed'")
    assert error.message == "expected an operator before ''a very long piece of...'"
    assert error.column == 5


# Properties ------------------------------------------------------------------------

GRAMMAR_CHARS = "{}()'\"\\ =!<>&|-.0123456789abcdnotruefalsecontainsAND_\n"


@HYPOTHESIS
@given(st.one_of(st.text(), st.text(alphabet=GRAMMAR_CHARS)))
def test_any_text_parses_or_fails_with_a_column_inside_it(source: str) -> None:
    try:
        condition = parse_condition(source)
    except ConditionError as error:
        assert 1 <= error.column <= len(source) + 1
        assert error.message
    else:
        assert isinstance(condition.evaluate({}), bool)


IDS = ["a", "b", "mood", "next-step", "x_1"]


def _text_literal(text: str) -> str:
    quote = "'" if text.count("'") <= text.count('"') else '"'
    return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote


def _number_literal(sign: bool, whole: int, fraction: str | None) -> str:
    return ("-" if sign else "") + str(whole) + (f".{fraction}" if fraction else "")


atoms = st.one_of(
    st.sampled_from(IDS).map(lambda name: ("atom", f"{{{name}}}")),
    st.text(max_size=8).map(lambda text: ("atom", _text_literal(text))),
    st.builds(
        _number_literal,
        st.booleans(),
        st.integers(0, 10**6),
        st.none() | st.from_regex(r"\A[0-9]{1,3}\Z"),
    ).map(lambda number: ("atom", number)),
    st.sampled_from(["true", "false"]).map(lambda word: ("atom", word)),
)
COMPARATORS = ["==", "!=", "<", "<=", ">", ">=", "contains"]


def _extend(children: st.SearchStrategy[tuple]) -> st.SearchStrategy[tuple]:
    operand = st.one_of(atoms, children.map(lambda tree: ("group", tree)))
    return st.one_of(
        st.tuples(st.just("compare"), st.sampled_from(COMPARATORS), operand, operand),
        st.tuples(st.just("not"), children),
        st.tuples(st.sampled_from(["and", "or"]), children, children),
    )


trees = st.recursive(atoms, _extend, max_leaves=12)
PRECEDENCE = {"or": 1, "and": 2, "not": 3, "compare": 4, "atom": 5, "group": 5}


def render(tree: tuple, parenthesize_all: bool = False, binding: int = 0) -> str:
    """The tree as condition text, with as few parentheses as precedence allows."""
    kind = tree[0]
    if kind == "atom":
        return tree[1]
    if kind == "group":
        return "(" + render(tree[1], parenthesize_all) + ")"
    if kind == "not":
        text = "not " + render(tree[1], parenthesize_all, PRECEDENCE["not"])
    elif kind == "compare":
        _, op, left, right = tree
        text = f"{render(left, parenthesize_all)} {op} {render(right, parenthesize_all)}"
    else:
        level = PRECEDENCE[kind]
        left = render(tree[1], parenthesize_all, level)
        text = f"{left} {kind} {render(tree[2], parenthesize_all, level + 1)}"
    if parenthesize_all or PRECEDENCE[kind] < binding:
        return f"({text})"
    return text


def references_in(tree: tuple) -> set[str]:
    if tree[0] == "atom":
        text = tree[1]
        return {text[1:-1]} if text.startswith("{") else set()
    return set().union(*(references_in(part) for part in tree[1:] if isinstance(part, tuple)))


answer_values = st.one_of(
    st.none(),
    st.text(max_size=8),
    st.from_regex(r"\A-?[0-9]{1,4}(\.[0-9]{1,2})?\Z"),
    st.integers(-1000, 1000),
    st.floats(allow_nan=True),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=4),
)
answer_maps = st.dictionaries(st.sampled_from(IDS), answer_values)


@HYPOTHESIS
@given(trees, answer_maps)
def test_conditions_built_from_the_grammar_parse_and_evaluate_to_a_bool(
    tree: tuple, answers: dict[str, Any]
) -> None:
    minimal, explicit = render(tree), render(tree, parenthesize_all=True)
    condition = parse_condition(minimal)
    result = condition.evaluate(answers)
    assert isinstance(result, bool)
    assert condition.references == references_in(tree)
    assert parse_condition(explicit).evaluate(answers) is result  # precedence is honoured


PAYLOADS = [
    "__import__('os').system('echo hi')",
    "{a}.__class__",
    "{a}[0]",
    "open('/etc/passwd')",
    "exec('1')",
    "lambda: 1",
    "1 if {a} else 2",
    "{a} == 1; import os",
    "{a.__class__}",
    "{a} == f'{b}'",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_python_code_is_an_error(payload: str) -> None:
    error = error_of(payload)
    assert 1 <= error.column <= len(payload) + 1


@pytest.mark.parametrize("payload", PAYLOADS)
def test_python_code_in_quotes_is_just_text(payload: str) -> None:
    condition = parse_condition(_text_literal(payload))
    assert condition.references == frozenset()
    assert condition.evaluate({}) is True
    assert parse_condition(f"{{a}} == {_text_literal(payload)}").evaluate({"a": payload})


AUDITED = {"exec", "compile", "import", "open", "os.system", "subprocess.Popen"}
_auditing: list[str] = []
_watching = False


def _audit(event: str, _args: tuple) -> None:
    if _watching and event in AUDITED:
        _auditing.append(event)


sys.addaudithook(_audit)


@HYPOTHESIS
@given(st.one_of(st.text(alphabet=GRAMMAR_CHARS + "_[].;:"), st.sampled_from(PAYLOADS)))
def test_parsing_never_runs_code(source: str) -> None:
    global _watching
    _auditing.clear()
    _watching = True
    try:
        parse_condition(source).evaluate({name: "x" for name in IDS})
    except ConditionError:
        pass
    finally:
        _watching = False
    assert _auditing == []
