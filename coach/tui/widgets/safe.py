"""Showing the user's and the scripts' text exactly as written.

In Textual 8 a ``str`` handed to a widget is read as content markup, so an
answer such as ``[bold]x[/bold]`` or a lone ``[`` would be styled, eaten or
refused. Everything that did not come from our own code goes through
:func:`plain` first: a :class:`~textual.content.Content` is shown literally,
and control characters (ESC, BEL, ...) are shown escaped instead of being sent
to the terminal.
"""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

from coach.text import escape_controls


def plain(text: str) -> Content:
    """``text`` as literal content: no markup parsing, control characters escaped."""
    return Content(escape_controls(text))


def one_line(text: str) -> Content:
    """Like :func:`plain`, with line breaks and tabs shown as spaces (for labels)."""
    return plain(" ".join(text.split()) if "\n" in text or "\t" in text else text)


def styled(text: str, style: Style | str) -> Content:
    """Literal ``text`` with one style over all of it (a Style, or a plain style like "bold")."""
    return plain(text).stylize(style)
