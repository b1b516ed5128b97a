"""A table of plain text with a row cursor, for lists of thousands: History's sessions.

Textual's DataTable keeps several Python objects for every row (its key, its
metadata, a dict of cells, the cells) and adds rows one by one, each addition
setting the cursor and invalidating caches; when next idle it measures every
new cell. With ten thousand sessions that is most of a second, and the
garbage collector then walks all those objects again and again.
``TextTable`` keeps its rows as columns of strings (which the collector does
not track), sizes each column in one pass over its strings, and renders only
the lines on screen, when they are drawn. It looks and behaves as a
DataTable with ``cursor_type="row"`` does (the same styles, keys, mouse
hover and clicks, and the same rendering of a cell), so swapping one for the
other changes nothing on screen.

One thing a DataTable cannot do: a ``flexible`` column gives way when the
table is narrower than its texts, its longer texts cut with an ellipsis, so
that the columns after it stay on screen (History's titles, before the
status).

Every cell is shown as written: never read as markup or emoji codes. Callers
make each text one line, with control characters escaped (see
``coach.tui.screens.history.cells``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual._segment_tools import line_crop
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size, Spacing, clamp
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from coach.tui.widgets.safe import fitted, text_width

HEADER = -1
"""The row index of the header line."""
CELL_PADDING = 1
"""Cells on each side of a column's text, as DataTable's default."""
FLEXIBLE_LEAST = 12
"""The flexible column is never made narrower than this (nor than its label)."""


class TextTable(ScrollView, can_focus=True):
    """Columns of plain text, a row cursor, the look and keys of a row-cursor DataTable."""

    ALLOW_SELECT = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("right", "scroll_right", "Scroll right", show=False),
        Binding("left", "scroll_left", "Scroll left", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("ctrl+home", "scroll_top", "Top", show=False),
        Binding("ctrl+end", "scroll_bottom", "Bottom", show=False),
        Binding("home", "scroll_home", "Home", show=False),
        Binding("end", "scroll_end", "End", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "datatable--cursor",
        "datatable--hover",
        "datatable--header",
        "datatable--header-hover",
        "datatable--odd-row",
        "datatable--even-row",
    }

    cursor_row: reactive[int] = reactive(0, init=False)
    """The row under the cursor (0 when there are no rows)."""
    hover_row: reactive[int] = reactive(0, init=False)
    """The row under the mouse (shown only while the mouse moves over the table)."""

    class RowMessage(Message):
        """Something happened to a row: which table, which row, the row's key."""

        def __init__(self, table: TextTable, cursor_row: int, key: str) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = cursor_row
            self.key = key

        @property
        def control(self) -> TextTable:
            return self.table

    class RowHighlighted(RowMessage):
        """The cursor moved to a row."""

    class RowSelected(RowMessage):
        """Enter on a row, or a click on the row under the cursor."""

    def __init__(
        self,
        *labels: str,
        zebra_stripes: bool = False,
        flexible: int | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.labels = tuple(labels)
        self.zebra_stripes = zebra_stripes
        self.flexible = flexible
        """The index of the column that gives way when the table is too narrow, if any."""
        self._keys: list[str] = []
        self._texts: list[Sequence[str]] = [[] for _ in labels]
        self._widths = [cell_len(label) for label in labels]
        """Each column's content width: it grows to fit the texts shown, never shrinks."""
        self._shown_widths = list(self._widths)
        """The widths drawn: ``_widths``, but the flexible column's as the room allows."""
        self._show_hover = False
        self._version = 0
        """Bumped on every change of rows or size: part of every cache key."""
        self._line_cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1000)
        self._pseudo_state: object = None

    # -- the rows -------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor; None when there are no rows."""
        return self._keys[self.cursor_row] if self._keys else None

    def row_texts(self, index: int) -> list[str]:
        """The texts of the row at ``index``, a column each."""
        return [texts[index] for texts in self._texts]

    def set_rows(self, keys: Sequence[str], columns: Sequence[Sequence[str]]) -> None:
        """Show these rows, and only these: row ``n`` is keyed ``keys[n]`` and shows the
        ``n``-th text of each column. The cursor and the scroll go back to the top."""
        if len(columns) != len(self.labels) or any(len(c) != len(keys) for c in columns):
            raise ValueError("a column of texts per label, a text per key")
        self._keys = list(keys)
        self._texts = list(columns)
        self._widths = [max(w, text_width(t)) for w, t in zip(self._widths, columns, strict=True)]
        self._version += 1
        self._line_cache.clear()
        self._fit_columns()
        self.scroll_x = self.scroll_y = 0
        self.scroll_target_x = self.scroll_target_y = 0
        self.set_reactive(TextTable.cursor_row, 0)
        self.set_reactive(TextTable.hover_row, 0)
        self.refresh()
        if keys:
            self.post_message(self.RowHighlighted(self, 0, self._keys[0]))

    # -- the cursor -------------------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        return clamp(row, 0, max(self.row_count - 1, 0))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        if self._keys:
            self.post_message(self.RowHighlighted(self, new, self._keys[new]))
        self._scroll_cursor_into_view()

    def watch_hover_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)

    def _refresh_row(self, row: int) -> None:
        y = row + 1 - round(self.scroll_y) if row != HEADER else 0
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        width = max(self.size.width, self.virtual_size.width)
        region = Region(int(self.scroll_x), self.cursor_row + 1, width, 1)
        self.scroll_to_region(region, animate=animate, spacing=Spacing(1, 0, 0, 0), force=True)

    def _set_hover(self, shown: bool) -> None:
        if shown != self._show_hover:
            self._show_hover = shown
            self._refresh_row(self.hover_row)

    # -- keys and the mouse -------------------------------------------------------------

    def action_select_cursor(self) -> None:
        self._set_hover(False)
        if self._keys:
            self.post_message(self.RowSelected(self, self.cursor_row, self._keys[self.cursor_row]))

    def action_cursor_up(self) -> None:
        self._set_hover(False)
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self._set_hover(False)
        self.cursor_row += 1

    def _page(self) -> int:
        return self.scrollable_content_region.height - 1  # the header stays

    def action_page_down(self) -> None:
        self._set_hover(False)
        height, row = self._page(), self.cursor_row
        self.scroll_relative(y=height, animate=False, force=True)
        self.cursor_row = row + min(height + 1, self.row_count - row) - 1

    def action_page_up(self) -> None:
        self._set_hover(False)
        height, row = self._page(), self.cursor_row
        self.scroll_relative(y=-height, animate=False)
        self.cursor_row = row - min(height + 1, row + 1) + 1

    def action_scroll_top(self) -> None:
        self._set_hover(False)
        self.cursor_row = 0

    def action_scroll_bottom(self) -> None:
        self._set_hover(False)
        self.cursor_row = self.row_count - 1

    def action_scroll_home(self) -> None:
        self._set_hover(False)
        self.scroll_x = 0

    def action_scroll_end(self) -> None:
        self._set_hover(False)
        self.scroll_x = self.max_scroll_x

    def action_scroll_left(self) -> None:
        self._set_hover(False)
        super().action_scroll_left()

    def action_scroll_right(self) -> None:
        self._set_hover(False)
        super().action_scroll_right()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        meta = event.style.meta
        if "row" not in meta:
            self._set_hover(False)
            return
        self._set_hover(True)
        self.hover_row = meta["row"]

    def _on_leave(self, _: events.Leave) -> None:
        self._set_hover(False)

    async def _on_click(self, event: events.Click) -> None:
        self._set_hover(True)
        row = event.style.meta.get("row")
        if row is None or row == HEADER or not self._keys:
            return
        again = row == self.cursor_row
        self.cursor_row = row
        if again:
            self.post_message(self.RowSelected(self, row, self._keys[row]))
        self._scroll_cursor_into_view(animate=True)
        event.stop()

    def _on_resize(self, _: events.Resize) -> None:
        self._version += 1
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Work out the widths drawn (and so the width to scroll) for the table's width.

        The flexible column takes what the other columns leave of the width (less
        the vertical scrollbar, when there are more rows than lines), between its
        least width and the width of its longest text.
        """
        widths = list(self._widths)
        padding = 2 * CELL_PADDING * len(widths)
        column = self.flexible
        if column is not None and self.size.width:
            scrolls = len(self._keys) + 1 > self.size.height
            room = self.size.width - padding - sum(widths) + widths[column]
            room -= self.styles.scrollbar_size_vertical if scrolls else 0
            least = min(widths[column], max(FLEXIBLE_LEAST, cell_len(self.labels[column])))
            widths[column] = max(least, min(widths[column], room))
        self._shown_widths = widths
        self.virtual_size = Size(sum(widths) + padding, len(self._keys) + 1)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line_cache.clear()
        self.refresh()

    # -- drawing ----------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._pseudo_state = self.get_pseudo_class_state()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        row = HEADER if y == 0 else y - 1 + scroll_y
        base_style = self.rich_style
        if row >= self.row_count:
            return Strip.blank(width, base_style)
        hover = self.hover_row if self._show_hover else None
        key = (
            row,
            scroll_x,
            width,
            self.cursor_row,
            hover,
            base_style,
            self._version,
            self._pseudo_state,
        )
        strip = self._line_cache.get(key)
        if strip is None:
            segments = line_crop(self._render_row(row, hover), scroll_x, scroll_x + width, width)
            strip = Strip(segments).adjust_cell_length(width, base_style).simplify()
            self._line_cache[key] = strip
        return strip

    def _render_row(self, row: int, hover_row: int | None) -> list[Segment]:
        """Every cell of one row (or of the header), as DataTable draws them, then the
        rest of the width in the row's style."""
        if row == HEADER:
            row_style = self.get_component_styles("datatable--header").rich_style
            texts: Sequence[str] = self.labels
        else:
            odd = "datatable--odd-row" if row % 2 else "datatable--even-row"
            row_style = (
                self.get_component_styles(odd).rich_style if self.zebra_stripes else self.rich_style
            )
            texts = self.row_texts(row)
        hover = hover_row == row
        cursor = row == self.cursor_row and row != HEADER
        component = self._component_style(row == HEADER, hover, cursor)
        post_style = Style.from_color(color=component.color)
        pad = " " * CELL_PADDING
        segments: list[Segment] = []
        widths = self._shown_widths
        for column, (text, width) in enumerate(zip(texts, widths, strict=True)):
            # What DataTable draws for a Text cell (Styled(Padding(text)), rendered in the
            # column's width), made directly: one segment, as its strip simplifies to.
            style = row_style + Style.from_meta({"row": row, "column": column}) + component
            segments.append(Segment(pad + fitted(text, width) + pad, style + post_style))
        used = sum(widths) + 2 * CELL_PADDING * len(widths)
        extend_style = row_style + component
        extend_style += Style.from_meta({"row": row, "column": 0, "out_of_bounds": True})
        segments.append(Segment(" " * max(0, self.size.width - used), extend_style))
        return segments

    def _component_style(self, header: bool, hover: bool, cursor: bool) -> Style:
        """The hover and cursor styles over a cell (as DataTable's for a row cursor)."""
        get_component = self.get_component_rich_style
        style = Style()
        if hover:
            style += get_component("datatable--hover")
            if header:
                style += get_component("datatable--header-hover")
        if cursor:
            style += get_component("datatable--cursor")
        return style
