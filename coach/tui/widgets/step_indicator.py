"""The steps of a script on one line: finished ones ticked, the current one highlighted.

When the line is too narrow, the other steps' titles are shortened (with an
ellipsis, by cell width so CJK and emoji stay whole) and the current one is
kept whole for as long as it fits.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.geometry import Size
from textual.style import Style
from textual.widget import Widget

from coach.tui.widgets.safe import one_line

MARKERS = {"done": "✓", "current": "●", "todo": "○"}
SEPARATOR = "─"
MIN_LABEL = 4
"""A shortened title keeps at least its marker and an ellipsis."""
STATES = tuple(MARKERS)


class StepIndicator(Widget):
    """`` ✓ Learn from your mistakes ─ ● Re-brand yourself ─ ○ Make new connections ``."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "step-indicator--done",
        "step-indicator--current",
        "step-indicator--todo",
        "step-indicator--separator",
    }

    def __init__(
        self,
        steps: list[tuple[str, str]] | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.steps: list[tuple[str, str]] = []
        if steps:
            self.update_steps(steps)

    def update_steps(self, steps: list[tuple[str, str]]) -> None:
        """Show ``steps``: (title, state) with state ``done``, ``current`` or ``todo``."""
        for title, state in steps:
            if state not in MARKERS:
                raise ValueError(f"unknown step state {state!r} for {title!r}")
        self.steps = list(steps)
        self.refresh(layout=True)

    def render(self) -> Content:
        return self.line(self.content_size.width or 80)

    def line(self, width: int) -> Content:
        """The indicator fitted into ``width`` cells."""
        labels = [one_line(f" {MARKERS[state]} {title} ") for title, state in self.steps]
        room = width - len(SEPARATOR) * max(len(labels) - 1, 0)
        labels = _fit(labels, [state == "current" for _, state in self.steps], room)
        separator = (SEPARATOR, self.get_visual_style("step-indicator--separator"))
        parts: list[Content | tuple[str, Style]] = []
        for label, (_, state) in zip(labels, self.steps, strict=True):
            if parts:
                parts.append(separator)
            style = self.get_visual_style(f"step-indicator--{state}")
            parts.append(label.stylize_before(style))
        return Content.assemble(*parts)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        titles = sum(one_line(f" ● {title} ").cell_length for title, _ in self.steps)
        return titles + len(SEPARATOR) * max(len(self.steps) - 1, 0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1


def _fit(labels: list[Content], keep: list[bool], room: int) -> list[Content]:
    """Shorten the labels not kept, fairly, then the kept ones too, to fit ``room`` cells."""
    if sum(label.cell_length for label in labels) <= room:
        return labels
    kept = sum(label.cell_length for label, k in zip(labels, keep, strict=True) if k)
    others = [i for i, k in enumerate(keep) if not k]
    widths = _shares([labels[i].cell_length for i in others], max(room - kept, 0))
    fitted = list(labels)
    for i, width in zip(others, widths, strict=True):
        fitted[i] = labels[i].truncate(max(width, MIN_LABEL), ellipsis=True)
    if sum(label.cell_length for label in fitted) <= room:
        return fitted
    widths = _shares([label.cell_length for label in fitted], room)
    return [
        label.truncate(max(w, MIN_LABEL), ellipsis=True)
        for label, w in zip(fitted, widths, strict=True)
    ]


def _shares(lengths: list[int], room: int) -> list[int]:
    """Widths no larger than ``lengths`` summing to at most ``room``, short ones kept whole."""
    widths = [0] * len(lengths)
    left = room
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    for position, index in enumerate(order):
        widths[index] = min(lengths[index], left // (len(lengths) - position))
        left -= widths[index]
    return widths
