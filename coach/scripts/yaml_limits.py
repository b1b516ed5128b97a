"""What a script may not be, checked before its YAML is composed or walked.

The script format has no use for YAML's anchors and aliases (``&name`` and
``*name``), and they are how a small file becomes a loop (``options: &o [x, *o]``)
or an explosion (the "billion laughs", each level nine aliases of the one
before). So every alias is refused, at its own line and column, before any
node is walked. A script is also at most ``MAX_SCRIPT_CHARS`` long, and a
whole number at most ``MAX_DIGITS`` digits, so that every file ends in a
message in bounded time. Deep nesting is bounded by the YAML parsers
themselves (libyaml's limit, Python's recursion limit), caught in
``coach.scripts.validate``.
"""

from __future__ import annotations

from coach.scripts.model import Problem

MAX_SCRIPT_CHARS = 1_000_000
"""A script is at most this long (the longest one shipped is about 15,000)."""

MAX_DIGITS = 15
"""A whole number in a script has at most this many digits."""

SHOWN_ALIASES = 10
"""Aliases reported one by one; more are summed up in one line."""

CHECKS_VERSION = 2
"""Raised when a script valid before may no longer be: cached scripts are read again."""

ALIAS_MESSAGE = (
    "an alias ('*{name}') is not allowed in a script: write the value out in full "
    "instead of referring to an anchor"
)


def refused(text: str, path: str) -> list[Problem]:
    """Why ``text`` is not even parsed as a script (too long, aliases); [] when it can be."""
    if len(text) > MAX_SCRIPT_CHARS:
        return [Problem(path, 1, 1, too_long(len(text), "characters"), "too-large")]
    return alias_problems(text, path)


def too_long(size: int, unit: str) -> str:
    return (
        f"this script is too long ({size:,} {unit}; a script can be at most {MAX_SCRIPT_CHARS:,})"
    )


def alias_problems(text: str, path: str) -> list[Problem]:
    """Every alias in ``text``, located; read from the parser's events, which never
    follow an alias, so the cost grows only with the length of the text."""
    if "&" not in text or "*" not in text:
        return []  # no anchor, so no alias that could resolve
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    found: list[Problem] = []
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                message = ALIAS_MESSAGE.format(name=event.anchor)
                found.append(Problem(path, mark.line + 1, mark.column + 1, message, "yaml-alias"))
    except yaml.YAMLError:
        pass  # a syntax error: composing reports it, with its place
    finally:
        loader.dispose()
    if len(found) > SHOWN_ALIASES:
        rest = len(found) - SHOWN_ALIASES
        last = found[SHOWN_ALIASES - 1]
        more = Problem(path, last.line, last.column, f"...and {rest:,} more aliases", "yaml-alias")
        found = [*found[:SHOWN_ALIASES], more]
    return found


def digits(value: str) -> int:
    """How many digits a YAML integer is written with (sign, prefix and '_' not counted)."""
    text = value.lstrip("+-").replace("_", "")
    if text[:2].lower() in ("0x", "0o", "0b"):
        text = text[2:]
    return len(text)
