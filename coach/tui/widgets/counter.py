"""Live character counters: ``LinkedIn headline 42/220``, warning once past the limit.

A counter of a script's ``limits`` counts the way its platform counts (see
``coach.scripts.lengths``); the ``Length`` counter of ``max_length`` counts
characters, as the answer's check does. Both count what the answer will be
(the text without its surrounding spaces), so a counter and the check's
message always say the same number. Their layout uses cell widths, so names
in CJK or with emoji line up.
"""

from __future__ import annotations

from textual import events
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from coach.scripts.lengths import measure
from coach.tui.widgets.safe import one_line


class LimitCounter(Static):
    """One named limit and how much of it the text uses."""

    def __init__(self, name: str, limit: int, count: int = 0, rule: str | None = None) -> None:
        super().__init__(classes="limit-counter")
        self.limit_name = name
        self.limit = limit
        self.rule = rule
        """How it counts (``coach.scripts.lengths``); None: characters."""
        self.count = -1
        self._width = -1
        self.set_count(count)

    def count_of(self, text: str) -> int:
        return len(text) if self.rule is None else measure(text, self.rule)

    @property
    def is_over(self) -> bool:
        return self.count > self.limit

    def set_count(self, count: int) -> bool:
        """Show ``count``; whether the counter's width changed (its row may need to fit again).

        Typing changes the count on every key, the width only now and then (``9/220``
        to ``10/220``): only then is the screen laid out again.
        """
        if count == self.count:
            return False
        self.count = count
        self.set_class(self.is_over, "-over")
        numbers = f"{count}/{self.limit}"
        name = one_line(self.limit_name)
        parts: list[Content | tuple[str, str]] = [name, (" ", ""), (numbers, "bold")]
        if self.is_over:
            parts.append((f" · {count - self.limit} over", "bold"))
        content = Content.assemble(*parts) if self.limit_name else Content(numbers)
        width, self._width = self._width, content.cell_length
        self.update(content, layout=width != self._width)
        return width != self._width


class FitRow(Horizontal):
    """Children side by side, or (class ``-stacked``) one under the other when too narrow."""

    def on_resize(self, event: events.Resize) -> None:
        self.fit()

    def fit(self) -> None:
        needed = sum(natural_width(child) for child in self.children if child.display)
        self.set_class(needed > self.content_size.width, "-stacked")


def natural_width(widget: Widget) -> int:
    """The cells ``widget`` takes on one line, with its padding, border and margin."""
    visual = widget.visual if isinstance(widget, Static) else None
    width = visual.get_optimal_width(widget.styles, 0) if visual is not None else 0
    return width + widget.styles.gutter.width + widget.styles.margin.width


class CounterRow(FitRow):
    """Counters side by side; in two columns (``-stacked``) or one (``-single``) when narrow."""

    def fit(self) -> None:
        super().fit()
        widest = max((natural_width(counter) for counter in self.counters()), default=0)
        self.set_class(
            self.has_class("-stacked") and 2 * widest > self.content_size.width, "-single"
        )

    def counters(self) -> list[LimitCounter]:
        return list(self.query_children(LimitCounter))

    def set_text(self, text: str) -> None:
        """Count ``text`` (as the answer will be) by each counter's own rule."""
        resized = [counter.set_count(counter.count_of(text)) for counter in self.counters()]
        if any(resized):
            self.fit()
