"""Showing the user's and the scripts' text exactly as written.

In Textual 8 a ``str`` handed to a widget is read as content markup, so an
answer such as ``[bold]x[/bold]`` or a lone ``[`` would be styled, eaten or
refused. Everything that did not come from our own code goes through
:func:`plain` first: a :class:`~textual.content.Content` is shown literally,
and control characters (ESC, BEL, ...) are shown escaped instead of being sent
to the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.text import Text
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


def cell(text: str, limit: int = 0) -> Text:
    """A table cell showing ``text`` as typed: never read as markup, one line.

    With a ``limit``, a longer text is cut there with an ellipsis.
    """
    shown = escape_controls(" ".join(text.split()))
    if limit and len(shown) > limit:
        shown = shown[: limit - 1].rstrip() + "…"
    return Text(shown, no_wrap=True, overflow="ellipsis", end="")


def text_width(texts: Sequence[str]) -> int:
    """The widest of ``texts`` in terminal cells (0 for none)."""
    if not texts:
        return 0
    if "".join(texts).isascii():  # a cell a character: controls are escaped before
        return max(map(len, texts))
    return max(map(cell_len, texts))


def fitted(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: padded, or cut with an ellipsis."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    cut = set_cell_size(text, width - 1).rstrip()  # no space left before the ellipsis
    return set_cell_size(cut + "…", width)
