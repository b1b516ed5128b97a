"""How long a text is where it will be posted: the counting rules of a ``text`` prompt's
``limits``.

Each limit counts the way its platform does:

- ``utf16`` (the default): as a web form's ``maxlength`` counts, in UTF-16 code
  units. Most letters and CJK characters count 1; an emoji outside the Basic
  Multilingual Plane counts 2 (LinkedIn, Instagram, most sites).
- ``x``: X's published weighted count (the twitter-text library's version 3
  configuration): code points in a few Latin and punctuation ranges count 1,
  every other code point 2, and an emoji, even a sequence joined with ZWJ or
  with a skin tone, counts 2 as a whole. The text is NFC-normalised first.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

UTF16 = "utf16"
X_WEIGHTED = "x"
COUNTS = (UTF16, X_WEIGHTED)
"""The counting rules a limit may name (``count:``)."""

RULE_WORDS = {
    UTF16: "as a web form does (an emoji is 2)",
    X_WEIGHTED: "as X does (emoji and CJK are 2)",
}
"""How a hint says each rule."""

_X_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
"""The code point ranges X counts as 1 (twitter-text v3 ``ranges``)."""
_ZWJ = 0x200D
_VS16 = 0xFE0F
_KEYCAP = 0x20E3
_KEYCAP_BASES = frozenset(map(ord, "0123456789#*"))


class Limit(NamedTuple):
    """A named length limit of a ``text`` prompt and how it counts."""

    name: str
    chars: int
    count: str = UTF16


def limit_of(item: tuple) -> Limit:
    """A ``Limit`` from a script's ``(name, chars)`` or ``(name, chars, count)``."""
    return item if isinstance(item, Limit) else Limit(*item)


def measure(text: str, count: str = UTF16) -> int:
    """The length of ``text`` under the rule ``count``."""
    if count == X_WEIGHTED:
        return x_weighted_length(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def x_weighted_length(text: str) -> int:
    """X's weighted length of ``text`` (see the module's notes)."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return len(text)  # the usual headline: every character counts 1
    points = [ord(ch) for ch in text]
    total = 0
    index = 0
    while index < len(points):
        end = _emoji_end(points, index)
        if end > index:
            total += 2
            index = end
            continue
        total += 1 if _light(points[index]) else 2
        index += 1
    return total


def _light(point: int) -> bool:
    return point <= 4351 or any(low <= point <= high for low, high in _X_LIGHT[1:])


def _is_pictographic(point: int) -> bool:
    return (
        0x1F000 <= point <= 0x1FAFF
        or 0x2600 <= point <= 0x27BF
        or 0x2300 <= point <= 0x23FF
        or 0x2B00 <= point <= 0x2BFF
        or point in (0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D)
    )


def _is_regional(point: int) -> bool:
    return 0x1F1E6 <= point <= 0x1F1FF


def _emoji_end(points: list[int], start: int) -> int:
    """Where the emoji starting at ``start`` ends; ``start`` itself when none starts there."""
    first = points[start]
    after = start + 1
    if first < 0xA9 and first not in _KEYCAP_BASES:
        return start  # plain Latin: no emoji starts here
    if first in _KEYCAP_BASES:
        here = after + (after < len(points) and points[after] == _VS16)
        return here + 1 if here < len(points) and points[here] == _KEYCAP else start
    if _is_regional(first):
        return after + 1 if after < len(points) and _is_regional(points[after]) else after
    presented = after < len(points) and points[after] == _VS16  # e.g. ↔️, an emoji by choice
    if not (_is_pictographic(first) or presented):
        return start
    index = after
    while index < len(points):
        point = points[index]
        if point == _VS16 or 0x1F3FB <= point <= 0x1F3FF or 0xE0020 <= point <= 0xE007F:
            index += 1
        elif point == _ZWJ and index + 1 < len(points) and _is_pictographic(points[index + 1]):
            index += 2
        else:
            break
    return index
