"""YAML as a tree of nodes that remember where they are in the file.

PyYAML's composer gives every node a start mark (0-based line and column).
``coach.scripts.validate`` walks that tree itself, instead of letting PyYAML build
plain dicts, so that each problem can name the line and column at fault and
duplicate keys (which PyYAML silently drops) can be found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = [
    "MappingNode",
    "Node",
    "ScalarNode",
    "ScriptLoader",
    "SequenceNode",
    "YamlProblem",
    "compose",
    "position",
    "position_in_scalar",
    "surprise",
    "yaml_error_problem",
]

TOO_DEEP = "exceeded maximum nesting depth"
"""libyaml's problem for nesting deeper than it allows (1,000 levels)."""

BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"


class ScriptLoader(yaml.SafeLoader):
    """The safe loader, kept apart so nothing we do leaks into ``yaml.SafeLoader``."""


_FastLoader: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
"""PyYAML's loader on libyaml, when installed: the same nodes, five times faster."""


@dataclass(frozen=True)
class YamlProblem:
    """A YAML syntax error, located and said for a person writing a script."""

    line: int
    column: int
    message: str


def compose(text: str) -> tuple[Node | None, yaml.SafeLoader]:
    """The node tree of ``text`` and the loader that can construct its scalars.

    Raises ``yaml.YAMLError`` when the text is not valid YAML. Valid text is
    composed by libyaml where PyYAML has it; text it refuses is composed again
    by the pure-Python loader, whose errors say what is wrong in our users' terms.
    """
    if _FastLoader is not None:
        fast = _FastLoader(text)
        try:
            return _plain_style_as_none(fast.get_single_node()), fast
        except yaml.YAMLError as error:
            if getattr(error, "problem", None) == TOO_DEEP:
                raise  # nothing to say better, and the slow loader would take seconds
        finally:
            fast.dispose()
    loader = ScriptLoader(text)
    try:
        return loader.get_single_node(), loader
    finally:
        loader.dispose()


def _plain_style_as_none(root: Node | None) -> Node | None:
    """libyaml marks a plain scalar with style ``""``, PyYAML with None: make it None."""
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop()
        if isinstance(node, ScalarNode):
            if node.style == "":
                node.style = None
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                pending += (key, value)
        else:
            pending.extend(node.value)
    return root


def position(node: Node) -> tuple[int, int]:
    """The 1-based line and column where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def surprise(node: Node) -> str | None:
    """Why a plain scalar that was meant as text was read as something else."""
    if not isinstance(node, ScalarNode) or node.style is not None:
        return None
    if node.tag == BOOL_TAG:
        value = node.value.lower() in ("yes", "y", "true", "on")
        meaning = f"a boolean ({'true' if value else 'false'})"
    elif node.tag == NULL_TAG and node.value:
        meaning = "nothing (null)"
    else:
        return None
    return f"{node.value} was read as {meaning}; quote it: '{node.value}'"


# --- YAML syntax errors -------------------------------------------------------

NESTED_TOO_DEEPLY = "this file is nested too deeply to be a script"

_UNQUOTED_BRACE = r"(^|[:-])\s+\{"
"""Where a value starts with ``{`` unquoted (compiled by ``re`` when an error needs it)."""


def yaml_error_problem(error: yaml.YAMLError, text: str) -> YamlProblem:
    """A YAML syntax error as a located message for a person writing a script."""
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _line_and_column(text, error.position)
        code = f"#x{error.character:04x}" if isinstance(error.character, int) else "?"
        return YamlProblem(line, column, f"this character ({code}) is not allowed in a script")
    problem = getattr(error, "problem", None) or str(error)
    mark = getattr(error, "problem_mark", None)
    if problem == TOO_DEEP and mark is not None:
        return YamlProblem(mark.line + 1, mark.column + 1, NESTED_TOO_DEEPLY)
    context, context_mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    quoted = context == "while scanning a quoted scalar" and problem.startswith("found unexpected")
    if quoted and context_mark is not None:
        line, column = context_mark.line + 1, context_mark.column + 1
        return YamlProblem(line, column, "YAML syntax error: this quote is never closed")
    mark = getattr(error, "problem_mark", None) or context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = f"YAML syntax error: {problem}"
    if context and context_mark is not None and context_mark.line + 1 != line:
        message += f" ({context} at line {context_mark.line + 1})"
    return YamlProblem(line, column, message + _hint(problem, text, error))


def _hint(problem: str, text: str, error: yaml.YAMLError) -> str:
    if "'\\t'" in problem:
        return "; indent with spaces, not tabs"
    lines = {
        m.line
        for m in (getattr(error, "problem_mark", None), getattr(error, "context_mark", None))
        if m is not None
    }
    source_lines = text.splitlines()
    for number in sorted(lines):
        if number < len(source_lines) and re.search(_UNQUOTED_BRACE, source_lines[number]):
            return "; a value that starts with '{' must be in quotes, like: \"{setback} ...\""
    return ""


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


# --- positions inside a scalar -------------------------------------------------


def position_in_scalar(node: ScalarNode, text: str, index: int) -> tuple[int, int]:
    """The 1-based file line and column of character ``index`` of the node's value.

    The value's characters are matched, in order, against the characters of the
    source between the node's marks, which copes with quotes, escapes, block
    scalars (``|`` and ``>``) and folded lines. When that fails, the node's own
    start is as close as we can get.
    """
    value = node.value
    sources = _source_characters(node, text)
    if not value or not sources:
        return position(node)
    target = min(index, len(value) - 1)
    found = _align(value, sources, target)
    if found is None:
        return position(node)
    line, column = found
    return line, column + max(0, index - target)


def _align(value: str, sources: list[tuple[str, int, int]], target: int) -> tuple[int, int] | None:
    j = 0
    for i, char in enumerate(value):
        while j < len(sources):
            source_char = sources[j][0]
            if source_char == char or (char == " " and source_char == "\n"):
                break
            j += 1
        if j == len(sources):
            return None
        if i == target:
            return sources[j][1], sources[j][2]
        j += 1
    return None


def _source_characters(node: ScalarNode, text: str) -> list[tuple[str, int, int]]:
    """The characters of the scalar's source, each with its 1-based line and column.

    Block scalars lose their header line and their indentation; flow scalars
    lose their opening quote and the indentation of continuation lines.
    """
    start, end = node.start_mark, node.end_mark
    raw_lines = text[start.index : end.index].split("\n")
    first_line, first_column = start.line, start.column
    if node.style in ("|", ">"):
        raw_lines, first_line, first_column = raw_lines[1:], first_line + 1, 0
        indent = _block_indentation(raw_lines, node.value)
    elif node.style in ('"', "'"):
        raw_lines[0], first_column = raw_lines[0][1:], first_column + 1
        indent = None
    else:
        indent = None
    characters: list[tuple[str, int, int]] = []
    for number, line in enumerate(raw_lines):
        column = first_column if number == 0 else 0
        skip = _indentation(line, indent) if number > 0 or indent is not None else 0
        for offset, char in enumerate(line[skip:], start=skip):
            characters.append((char, first_line + number + 1, column + offset + 1))
        characters.append(("\n", first_line + number + 1, column + len(line) + 1))
    return characters


def _indentation(line: str, indent: int | None) -> int:
    stripped = len(line) - len(line.lstrip(" \t"))
    return stripped if indent is None else min(indent, stripped)


def _block_indentation(raw_lines: list[str], value: str) -> int:
    """The indentation a block scalar strips: its first line's, less what the value keeps."""
    source = next((line for line in raw_lines if line.strip()), "")
    kept = next((line for line in value.split("\n") if line.strip()), "")
    return max(0, _spaces(source) - _spaces(kept))


def _spaces(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
