"""Checking one answer against its prompt, with messages a person understands.

``check_answer`` takes what an input widget gives (text as typed, a bool, a
list of strings) and returns the typed answer the SPEC names for the kind,
or raises :class:`AnswerRefused` saying how to fix it. ``describe_rules``
gives the same rules as a short hint shown before anyone gets them wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from coach.errors import AnswerRefused
from coach.scripts.lengths import RULE_WORDS, limit_of
from coach.scripts.model import Prompt
from coach.scripts.templates import format_value

NEEDS_AN_ANSWER = "This one needs an answer."
DATE_FORMS = "YYYY-MM-DD, today, tomorrow, +3d, +2w"
_DATE_FORMS_SENTENCE = "YYYY-MM-DD, today, tomorrow, +3d or +2w"
SCALE_DEFAULTS = (1, 5)
_YES = frozenset({"yes", "y", "true"})
_NO = frozenset({"no", "n", "false"})
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_RELATIVE_DATE = re.compile(r"([+-]?)\s*(\d+)\s*(d|days?|w|weeks?)")
_NAMED_DATES = {"today": 0, "tomorrow": 1, "yesterday": -1}
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?")


def check_answer(
    prompt: Prompt,
    raw: Any,
    *,
    today: date,
    options: Sequence[str] | None = None,
    excluded: Sequence[str] = (),
) -> Any:
    """The typed answer to ``prompt``, or ``None`` when an optional one is left empty.

    ``excluded``: items an earlier answer holds that this one may not take again
    (``except_from``)."""
    if prompt.kind == "info":
        return None
    if prompt.kind == "confirm":
        return _check_confirm(prompt, raw)
    options = prompt.options if options is None else options
    if prompt.takes_list:
        items = _as_items(raw)
        if not items:
            return _empty(prompt, _empty_list_message(prompt))
        if prompt.kind == "list":
            return _check_list(prompt, items)
        return _check_multi_choice(prompt, items, options, excluded)
    text = _as_text(raw)
    text = _strip_blank_lines(text) if prompt.kind == "long_text" else text.strip()
    if not text:
        message = "Pick one option." if prompt.kind == "choice" else NEEDS_AN_ANSWER
        return _empty(prompt, message)
    if prompt.kind == "choice":
        return _check_choice(prompt, text, options)
    if prompt.kind == "date":
        return _check_date(prompt, text, today)
    return _SINGLE_CHECKS[prompt.kind](prompt, text)


def _empty(prompt: Prompt, message: str) -> None:
    if prompt.required:
        raise AnswerRefused(message)
    return None


def _as_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, list | tuple | set | dict):
        raise TypeError(f"expected a single answer, got {type(raw).__name__}")
    return format_value(raw)


def _as_items(raw: Any) -> list[str]:
    """Stripped, non-empty items; a plain string counts as one item per line."""
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = raw.splitlines()
    if not isinstance(raw, list | tuple):
        raise TypeError(f"expected a list of answers, got {type(raw).__name__}")
    items = (_as_text(item).strip() for item in raw)
    return [item for item in items if item]


def counted_text(prompt: Prompt, text: str) -> str:
    """The part of a typed text that its length rules count: what the answer will be."""
    return _strip_blank_lines(text) if prompt.kind == "long_text" else text.strip()


def _strip_blank_lines(text: str) -> str:
    """Leading and trailing blank lines removed; inner lines and indentation kept."""
    lines = text.replace("\r\n", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines).rstrip()


def _is_one_line(text: str) -> bool:
    return len(text.splitlines()) <= 1


def _check_length(prompt: Prompt, text: str) -> str:
    low, high = prompt.min_length, prompt.max_length
    if not _fits(low, high, len(text)):
        rule = _span(low, high, "character")
        raise AnswerRefused(f"Write {rule} (you have {len(text)}).")
    return text


def _check_text(prompt: Prompt, text: str) -> str:
    if not _is_one_line(text):
        raise AnswerRefused("Keep this to one line.")
    _check_length(prompt, text)
    if prompt.pattern and re.fullmatch(prompt.pattern, text) is None:
        raise AnswerRefused(prompt.pattern_hint or f"This doesn't fit the form {prompt.pattern}.")
    return text


def _check_choice(prompt: Prompt, text: str, options: Sequence[str]) -> str:
    canonical = _match_option(text, options)
    if canonical is not None:
        return canonical
    if not prompt.other:
        raise AnswerRefused(f"Pick one of: {', '.join(options)}.")
    if not _is_one_line(text):
        raise AnswerRefused("Keep this to one line.")
    return text


def _match_option(text: str, options: Sequence[str]) -> str | None:
    folded = text.casefold()
    return next((option for option in options if option.casefold() == folded), None)


def _check_multi_choice(
    prompt: Prompt, items: list[str], options: Sequence[str], excluded: Sequence[str] = ()
) -> list[str]:
    picked: list[str] = []
    for item in items:
        if _match_option(item, excluded) is not None:
            raise AnswerRefused(f"'{item}' is already in your answer to an earlier question.")
        canonical = _match_option(item, options)
        if canonical is None and not prompt.other:
            raise AnswerRefused(f"'{item}' is not one of the options: {', '.join(options)}.")
        if _match_option(item, picked) is not None:
            raise AnswerRefused(f"'{item}' is picked twice.")
        picked.append(canonical or item)
    if not _fits(prompt.min, prompt.max, len(picked)):
        raise AnswerRefused(f"Pick {_span(prompt.min, prompt.max)}.")
    return picked


def _check_list(prompt: Prompt, items: list[str]) -> list[str]:
    if not _fits(prompt.min, prompt.max, len(items)):
        rule = _span(prompt.min, prompt.max, "item")
        raise AnswerRefused(f"List {rule} (you have {len(items)}).")
    limit = prompt.item_max_length
    for number, item in enumerate(items, start=1):
        if _match_option(item, items[: number - 1]) is not None:
            raise AnswerRefused(f"'{item}' is listed twice; keep each item once.")
        if not _is_one_line(item):
            raise AnswerRefused(f"Item {number} has more than one line; make it one item each.")
        if limit is not None and len(item) > limit:
            raise AnswerRefused(
                f"Item {number} has {len(item)} characters; keep each item to {limit} or fewer."
            )
    return items


def _fits(low: Any, high: Any, value: float) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _span(low: Any, high: Any, noun: str = "", most: str = "at most") -> str:
    """``at least 2``, ``at most 3``, ``1 to 3``, ``exactly 2`` (with the noun); or ``""``."""
    last = high if high is not None else low
    suffix = "" if not noun else " " + (noun if last == 1 else noun + "s")
    if low is not None and high is not None:
        return f"exactly {low}{suffix}" if low == high else f"{low} to {high}{suffix}"
    if low is not None:
        return f"at least {low}{suffix}"
    return f"{most} {high}{suffix}" if high is not None else ""


def _empty_list_message(prompt: Prompt) -> str:
    if prompt.kind == "list":
        return "Add at least one item."
    if isinstance(prompt.min, int) and prompt.min > 1:
        return f"Pick {_span(prompt.min, prompt.max)}."
    return "Pick at least one option."


def _check_scale(prompt: Prompt, text: str) -> int:
    low, high = _scale_bounds(prompt)
    if re.fullmatch(r"[+-]?\d{1,9}", text) is None or not low <= int(text) <= high:
        raise AnswerRefused(f"Pick a whole number from {low} to {high}.")
    return int(text)


def _scale_bounds(prompt: Prompt) -> tuple[int, int]:
    low = SCALE_DEFAULTS[0] if prompt.min is None else int(prompt.min)
    high = SCALE_DEFAULTS[1] if prompt.max is None else int(prompt.max)
    return low, high


def _check_number(prompt: Prompt, text: str) -> int | float:
    if prompt.unit and text.casefold().endswith(prompt.unit.casefold()):
        text = text[: -len(prompt.unit)].rstrip()
    shape = _NUMBER.fullmatch(text) if re.search(r"\d", text) else None
    if shape is None or (prompt.integer and "." in text):
        raise AnswerRefused(f"Enter {_number_range(prompt)}.")
    digits = text.replace(",", "")
    try:
        value: int | float = int(digits) if prompt.integer else float(digits)
    except ValueError:  # more digits than Python will convert
        value = math.inf
    if not math.isfinite(value) or not _fits(prompt.min, prompt.max, value):
        raise AnswerRefused(f"Enter {_number_range(prompt)}.")
    return value


def _number_range(prompt: Prompt, between: tuple[str, str] = ("between", "and")) -> str:
    """``a whole number between 0 and 1000``, ``a number of at least 0.5``, ..."""
    what = "a whole number" if prompt.integer else "a number"
    low, high = format_value(prompt.min), format_value(prompt.max)
    if low and high:
        return f"{what} {between[0]} {low} {between[1]} {high}"
    if low:
        return f"{what} of at least {low}"
    if high:
        return f"{what} of at most {high}"
    return what


def _check_confirm(prompt: Prompt, raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    word = "" if raw is None else str(raw).strip().casefold()
    if word in _YES or word in _NO:
        return word in _YES
    if word:
        raise AnswerRefused("Answer yes or no.")
    return _empty(prompt, "Answer yes or no.")


def resolve_due_date(text: str, today: date) -> date:
    """A new due date for an action: as ``resolve_date`` reads it, today or later (a
    mistyped year would otherwise make an action overdue for years)."""
    day = resolve_date(text, today)
    if day < today:
        raise AnswerRefused(
            f"Enter a date on or after {today.isoformat()} (today): {day.isoformat()} has passed."
        )
    return day


def resolve_date(text: str, today: date) -> date:
    """A date typed as ``YYYY-MM-DD``, ``today``, ``tomorrow``, ``yesterday``, ``+3d``, ``-2w``."""
    typed = text.strip()
    word = typed.casefold()
    if word in _NAMED_DATES:
        return today + timedelta(days=_NAMED_DATES[word])
    iso = _ISO_DATE.fullmatch(word)
    if iso:
        try:
            return date(*(int(part) for part in iso.groups()))
        except ValueError:
            raise AnswerRefused(f"{typed} is not a real date.") from None
    relative = _RELATIVE_DATE.fullmatch(word)
    if relative:
        sign, amount, unit = relative.groups()
        days = int(amount) * (7 if unit.startswith("w") else 1) if len(amount) < 10 else 10**10
        try:
            return today + timedelta(days=-days if sign == "-" else days)
        except OverflowError:
            raise AnswerRefused(f"{typed} is too far away to be a date.") from None
    raise AnswerRefused(f"'{typed}' is not a date I know: write {_DATE_FORMS_SENTENCE}.")


def _check_date(prompt: Prompt, text: str, today: date) -> str:
    when = resolve_date(text, today)
    low, high = _date_bound(prompt.min, today), _date_bound(prompt.max, today)
    if not _fits(low, high, when):
        raise AnswerRefused(f"Enter a date {_date_span(low, high, today, hint=False)}.")
    return when.isoformat()


def _date_bound(bound: Any, today: date) -> date | None:
    if bound is None or isinstance(bound, date):
        return bound
    return resolve_date(str(bound), today)


def _date_span(low: date | None, high: date | None, today: date, *, hint: bool) -> str:
    """``on or after 2026-03-02 (today)`` for a message; ``from today on`` for a hint."""

    def show(when: date | None) -> str:
        if when != today:
            return format_value(when)
        return "today" if hint else f"{format_value(when)} (today)"

    if low is not None and high is not None:
        return f"from {show(low)} to {show(high)}"
    if low is not None:
        return f"from {show(low)} on" if hint else f"on or after {show(low)}"
    if high is not None:
        return f"up to {show(high)}" if hint else f"on or before {show(high)}"
    return ""


_SINGLE_CHECKS: dict[str, Callable[[Prompt, str], Any]] = {
    "text": _check_text,
    "long_text": _check_length,
    "scale": _check_scale,
    "number": _check_number,
}


def describe_rules(prompt: Prompt, *, today: date) -> str:
    """One short hint line for the prompt's own keys; ``""`` when there is none."""
    kind = prompt.kind
    if kind in ("text", "long_text"):
        length = _span(prompt.min_length, prompt.max_length, "character", most="up to")
        parts = [length, prompt.pattern_hint.rstrip("."), _limits_hint(prompt)]
    elif kind == "choice":
        parts = ["Pick one, or write your own" if prompt.other else ""]
    elif kind == "multi_choice":
        count = _span(prompt.min, prompt.max, most="up to")
        own = "add your own if none fits" if prompt.other else ""
        parts = [f"Pick {count}" if count else "", own]
    elif kind == "list":
        each = _span(None, prompt.item_max_length, "character", most="each up to")
        parts = [_span(prompt.min, prompt.max, "item", most="up to"), each]
    elif kind == "scale":
        parts = [_scale_hint(prompt)]
    elif kind == "number":
        unit = f" ({prompt.unit})" if prompt.unit else ""
        parts = [_number_range(prompt, between=("from", "to")) + unit]
    elif kind == "date":
        low, high = _date_bound(prompt.min, today), _date_bound(prompt.max, today)
        span = _date_span(low, high, today, hint=True)
        parts = [f"A date {span}: {DATE_FORMS}" if span else f"A date: {DATE_FORMS}"]
    else:
        parts = []
    text = " · ".join(part for part in parts if part)
    return text[:1].upper() + text[1:]


def _limits_hint(prompt: Prompt) -> str:
    """Which rule each counter counts by: ``Counted: X bio as X does (...)``."""
    names: dict[str, list[str]] = {}
    for limit in map(limit_of, prompt.limits):
        names.setdefault(limit.count, []).append(limit.name)
    said = [f"{', '.join(shown)} {RULE_WORDS[rule]}" for rule, shown in names.items()]
    return "Counted: " + "; ".join(said) if said else ""


def _scale_hint(prompt: Prompt) -> str:
    low, high = _scale_bounds(prompt)
    labels = dict(prompt.labels)
    ends = [f"{end} = {labels[end]}" for end in (low, high) if end in labels]
    return f"{low} to {high}" + (f" ({', '.join(ends)})" if ends else "")
