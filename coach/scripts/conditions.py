"""The ``when`` condition language: a tokenizer, a parser and an evaluator.

Nothing here hands text to Python (no eval, no compile): a condition can only
read answers by id and compare them. The grammar, loosest binding first::

    condition  := or_expr END
    or_expr    := and_expr ('or' and_expr)*
    and_expr   := not_expr ('and' not_expr)*
    not_expr   := 'not' not_expr | comparison
    comparison := operand (COMPARATOR operand)?     # never chained
    operand    := {id} | 'text' | "text" | number | true | false | '(' or_expr ')'

An unanswered reference (missing, or ``None``) makes every comparison that
involves it false, and is itself false when it stands alone.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from coach.errors import ConditionError
from coach.scripts.model import ITEM_ID

__all__ = ["Condition", "parse_condition"]

MAX_NESTING = 64
"""How deep parentheses and ``not`` may nest; deeper is an error, not a crash."""

_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMERIC_TEXT = re.compile(r"\s*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*\Z")
_KEYWORDS = ("and", "or", "not", "contains", "true", "false")
_SYMBOLS = ("==", "!=", "<=", ">=", "<", ">")
_MISTAKES = {
    "&": "unexpected character '&': use 'and'",
    "|": "unexpected character '|': use 'or'",
    "!": "unexpected character '!': use 'not' (or '!=')",
    "=": "'=' is not an operator: use '=='",
}
_ORDERINGS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class Token:
    kind: str  # "ref", "literal", "op", "and", "or", "not", "(", ")" or "end"
    text: str  # exactly as written in the source
    column: int
    value: Any = None


@dataclass(frozen=True)
class Node:
    """One node of a parsed condition.

    ``kind`` is "ref" (``value`` is the id), "literal" (``value``), "not", "and",
    "or" or a comparator ("==", ..., "contains"); those apply to ``operands``.
    """

    kind: str
    value: Any = None
    operands: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Condition:
    """A parsed ``when`` condition, ready to be evaluated against answers."""

    source: str
    references: frozenset[str]
    tree: Node = field(repr=False, compare=False)

    def evaluate(self, answers: Mapping[str, Any]) -> bool:
        return _truth(self.tree, answers)


@functools.lru_cache(maxsize=1024)
def parse_condition(source: str) -> Condition:
    """Parse ``source``; raise ConditionError at the column of the fault."""
    if not source.strip():
        raise ConditionError("empty condition", 1)
    tokens = tokenize(source)
    tree = _Parser(tokens).parse()
    references = frozenset(token.value for token in tokens if token.kind == "ref")
    return Condition(source, references, tree)


# Tokenizer ------------------------------------------------------------------


def tokenize(source: str) -> list[Token]:
    """Split ``source`` into tokens, ending with an "end" token past the text."""
    tokens: list[Token] = []
    index = 0
    while index < len(source):
        if source[index].isspace():
            index += 1
            continue
        token = _read_token(source, index)
        tokens.append(token)
        index += len(token.text)
    tokens.append(Token("end", "", len(source) + 1))
    return tokens


def _read_token(source: str, index: int) -> Token:
    char, column = source[index], index + 1
    if char in "'\"":
        return _read_string(source, index)
    if char == "{":
        return _read_reference(source, index)
    if char in "()":
        return Token(char, char, column)
    for symbol in _SYMBOLS:
        if source.startswith(symbol, index):
            return Token("op", symbol, column)
    if number := _NUMBER.match(source, index):
        return _number_token(number.group(), column)
    if word := _WORD.match(source, index):
        return _word_token(word.group(), column)
    raise ConditionError(_MISTAKES.get(char, f"unexpected character '{char}'"), column)


def _read_string(source: str, start: int) -> Token:
    quote, chars, index = source[start], [], start + 1
    while index < len(source):
        char = source[index]
        if char == "\\" and source[index + 1 : index + 2] in ("\\", "'", '"'):
            chars.append(source[index + 1])
            index += 2
        elif char == quote:
            return Token("literal", source[start : index + 1], start + 1, "".join(chars))
        else:
            chars.append(char)
            index += 1
    raise ConditionError(f"unclosed string: add the closing {quote}", start + 1)


def _read_reference(source: str, start: int) -> Token:
    end = source.find("}", start)
    if end == -1:
        raise ConditionError("unclosed '{': a reference is written {id}", start + 1)
    name = source[start + 1 : end]
    if not ITEM_ID.match(name):
        if ITEM_ID.match(name.strip()):
            message = f"'{{{name}}}' has spaces: write {{{name.strip()}}}"
        else:
            message = (
                f"'{{{_shown(name)}}}' is not a valid reference: "
                "ids are lowercase letters, digits, - and _, starting with a letter"
            )
        raise ConditionError(message, start + 1)
    return Token("ref", source[start : end + 1], start + 1, name)


def _number_token(text: str, column: int) -> Token:
    try:
        value: int | float = float(text) if "." in text else int(text)
    except ValueError:  # more digits than Python will convert
        raise ConditionError("number is too long", column) from None
    return Token("literal", text, column, value)


def _word_token(word: str, column: int) -> Token:
    if word in ("true", "false"):
        return Token("literal", word, column, word == "true")
    if word == "contains":
        return Token("op", word, column)
    if word in _KEYWORDS:
        return Token(word, word, column)
    if word.lower() in _KEYWORDS:
        message = f"unknown word '{word}': keywords are lowercase, write '{word.lower()}'"
    elif ITEM_ID.match(word):
        message = f"unknown word '{word}': write a reference as {{{word}}}, text in quotes"
    else:
        message = f"unknown word '{_shown(word)}': put text in quotes"
    raise ConditionError(message, column)


def _shown(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# Parser ---------------------------------------------------------------------


class _Parser:
    """Recursive descent over the tokens, one method per grammar rule."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.position = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.position]

    def advance(self) -> Token:
        token = self.current
        self.position += 1
        return token

    def parse(self) -> Node:
        tree = self.either()
        self.close(None)
        return tree

    def either(self) -> Node:
        return self.joined("or", self.both)

    def both(self) -> Node:
        return self.joined("and", self.negation)

    def joined(self, keyword: str, part: Callable[[], Node]) -> Node:
        """``part (keyword part)*`` as one flat node, so long chains never recurse."""
        operands = [part()]
        while self.current.kind == keyword:
            self.advance()
            operands.append(part())
        return operands[0] if len(operands) == 1 else Node(keyword, operands=tuple(operands))

    def negation(self) -> Node:
        if self.current.kind != "not":
            return self.comparison()
        self.nest(self.advance())
        operand = self.negation()
        self.depth -= 1
        return Node("not", operands=(operand,))

    def comparison(self) -> Node:
        left = self.operand()
        if self.current.kind != "op":
            return left
        op = self.advance()
        right = self.operand()
        if self.current.kind == "op":
            raise ConditionError("comparisons cannot be chained; use 'and'", self.current.column)
        return Node(op.text, operands=(left, right))

    def operand(self) -> Node:
        token = self.current
        if token.kind in ("ref", "literal"):
            return Node(token.kind, self.advance().value)
        if token.kind == "(":
            self.nest(self.advance())
            inner = self.either()
            self.close(token)
            self.depth -= 1
            return inner
        raise ConditionError(self.missing_value(token), token.column)

    def nest(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionError("condition is nested too deeply", token.column)

    def missing_value(self, token: Token) -> str:
        if self.position > 0:
            return f"expected a value after '{self.tokens[self.position - 1].text}'"
        if token.kind == ")":
            return "unexpected ')'"
        return f"expected a value before '{token.text}'"

    def close(self, opening: Token | None) -> None:
        """End a group: its ')' if ``opening`` is a '(', else the end of the text."""
        token = self.current
        if opening is not None and token.kind == ")":
            self.advance()
        elif token.kind == "end":
            if opening is not None:
                raise ConditionError("unclosed '(': add a matching ')'", opening.column)
        elif token.kind == ")":
            raise ConditionError("unexpected ')'", token.column)
        elif token.kind == "not":
            message = "'not' goes before the whole comparison, e.g. not ({a} contains 'x')"
            raise ConditionError(message, token.column)
        else:
            message = f"expected an operator before '{_shown(token.text)}'"
            raise ConditionError(message, token.column)


# Evaluator ------------------------------------------------------------------


def _truth(node: Node, answers: Mapping[str, Any]) -> bool:
    results = (_truth(operand, answers) for operand in node.operands)
    if node.kind == "and":
        return all(results)
    if node.kind == "or":
        return any(results)
    if node.kind == "not":
        return not next(results)
    if node.kind in ("ref", "literal"):
        return _truthy(_value(node, answers))
    left, right = (_value(operand, answers) for operand in node.operands)
    return left is not None and right is not None and _compare(node.kind, left, right)


def _value(node: Node, answers: Mapping[str, Any]) -> Any:
    """An operand's value; ``None`` means unanswered."""
    if node.kind == "ref":
        return answers.get(node.value)
    return node.value if node.kind == "literal" else _truth(node, answers)


def _truthy(value: Any) -> bool:
    """False for unanswered, blank text, an empty list, false and zero."""
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def _compare(op: str, left: Any, right: Any) -> bool:
    """``left op right`` for two answered values."""
    if op == "==":
        return _equal(left, right)
    if op == "!=":
        return not _equal(left, right)
    if op == "contains":
        return _contains(left, right)
    if isinstance(left, str) and isinstance(right, str):
        return _ORDERINGS[op](left, right)
    left, right = _as_number(left), _as_number(right)
    return left is not None and right is not None and _ORDERINGS[op](left, right)


def _equal(left: Any, right: Any) -> bool:
    """Equality across kinds: numbers by value (numeric text too), else same kind."""
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right  # True and False are singletons; a bool is no number
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    if isinstance(left, list | tuple) and isinstance(right, list | tuple):
        return len(left) == len(right) and all(map(_equal, left, right))
    left, right = _as_number(left), _as_number(right)
    return left is not None and left == right


def _as_number(value: Any) -> int | float | None:
    """A number, or numeric text, as a number; booleans are not numbers."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str) and _NUMERIC_TEXT.match(value):
        text = value.strip()
        try:
            return float(text) if "." in text else int(text)
        except ValueError:  # more digits than Python will convert to an int
            return float(text)
    return None


def _contains(left: Any, right: Any) -> bool:
    needle = _folded(right)
    if needle is None:
        return False
    if isinstance(left, list | tuple):
        return any(_folded(item) == needle for item in left)
    if isinstance(left, str):
        return needle in left.casefold()
    return False


def _folded(value: Any) -> str | None:
    """Text and numbers as case-folded text, for ``contains``; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str | int | float):
        return str(value).casefold()
    return None
