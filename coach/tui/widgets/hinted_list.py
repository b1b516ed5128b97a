"""A list in a box that says in its bottom border how much more there is to scroll to.

A panel cut by a small terminal shows ``↓ 3 more`` (options below the last line
shown) and ``↑`` once scrolled down, so nothing is hidden without a word.
"""

from __future__ import annotations

from textual.widgets import OptionList


class HintedList(OptionList):
    """An option list whose border subtitle tells what is cut off below (and above)."""

    def hidden_below(self) -> int | None:
        """How many options start below the lines shown (``None``: nothing is cut); one cut
        in the middle counts as shown."""
        lines = self._lines
        bottom = round(self.scroll_y) + self.scrollable_content_region.height
        if not self.options or bottom >= len(lines):
            return None
        first = lines[bottom][0]
        if lines[bottom][1]:
            first += 1  # the option on the last line shown goes on below it
        counted = [option for option in self.options[first:] if not option.disabled]
        return len(counted) or (len(self.options) - first) or 1

    def show_hint(self) -> None:
        below = self.hidden_below()
        above = "↑ " if round(self.scroll_y) > 0 else ""
        self.border_subtitle = f"{above}↓ {below} more" if below else above.strip()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.show_hint()

    def watch_virtual_size(self) -> None:
        self.show_hint()

    def on_resize(self) -> None:
        self.call_after_refresh(self.show_hint)
