"""The text fields of prompts: Textual's Input and TextArea, made cheap to type into.

On every key Textual's Input sets its virtual size (the width of its text),
and that asks for a layout of the whole screen. The wizard's screen has some
forty widgets, so typing laid all of them out again on every key, then drew
the screen twice: once for the text, once more when the prompt's counters
caught up with the Input's ``Changed`` message.

A field's own size never depends on its text unless its width or height is
``auto`` (the prompt's styles make it ``100%`` by ``3``), so
:class:`PromptField` changes its virtual size without that layout, and calls
``on_change`` as soon as the text changes, so that counters and the error
line change in the same screen update as the text. ``Input.Changed`` is
still posted as usual. :class:`PromptArea` does the latter for a TextArea
(which lays the screen out only when its height changes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Self

from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit, EditResult

from coach.tui.widgets.screen_keys import OwnKeysOnly


class PromptField(OwnKeysOnly, Input):
    """An Input that does not lay the screen out again on every key (see the module)."""

    def __init__(
        self, *args: Any, on_change: Callable[[str], object] | None = None, **kw: Any
    ) -> None:
        self._on_change = on_change
        self._typing = False
        super().__init__(*args, **kw)

    def _watch_value(self, value: str) -> None:
        self._typing = True
        try:
            super()._watch_value(value)
        finally:
            self._typing = False
        if self._on_change is not None and self.is_mounted:
            self._on_change(value)

    def refresh(
        self, *regions: Any, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if layout and self._typing and not self.styles.auto_dimensions:
            layout = False  # only the virtual size changed: the field keeps its size
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class PromptArea(OwnKeysOnly, TextArea):
    """A TextArea that calls ``on_change`` as soon as an edit changes its text.

    ``TextArea.Changed`` is still posted (undo and redo change the text that way only).
    """

    def __init__(
        self, *args: Any, on_change: Callable[[str], object] | None = None, **kw: Any
    ) -> None:
        self._on_change = on_change
        super().__init__(*args, **kw)

    def edit(self, edit: Edit) -> EditResult:
        result = super().edit(edit)
        if self._on_change is not None and self.is_mounted:
            self._on_change(self.text)
        return result
