"""Making the user's text safe to show, print and export, without changing it.

The store keeps every answer exactly as typed. These functions are applied at
the last moment, where text leaves the program: terminal control characters
are shown escaped (never written raw), and text placed into Markdown is
escaped so that every Markdown renderer shows it as typed.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
_HARD_BREAK = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)")
"""A single line break the user typed: kept as a Markdown hard break, not joined up."""
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)", re.MULTILINE)


def escape_controls(text: str) -> str:
    """Show control characters (ESC, BEL, CR, ...) as ``\\x1b`` instead of sending them.

    Newlines and tabs are kept: they are how people write.
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def escape_markdown(text: str) -> str:
    """Escape ``text`` so that Markdown shows it literally (controls escaped too)."""
    text = _MARKDOWN_INLINE.sub(r"\\\1", escape_controls(text))
    text = _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), text)
    return _HARD_BREAK.sub("  \n", text)


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker
