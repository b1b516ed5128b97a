"""The footer of every screen: Textual's Footer, rebuilt only when its keys change.

Textual's Footer starts empty and rebuilds all its keys (a widget each, with
their styles and a new layout) every time the screen says its bindings may
have changed: when the focus moves, when a screen refreshes its bindings.
Opening a screen did that two or three times over, for the very same keys.
:class:`KeysFooter` shows the screen's keys from the start and rebuilds
them only when what it shows would change.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """A Footer that rebuilds its keys only when they change (see the module)."""

    def __init__(self) -> None:
        super().__init__()
        self.set_reactive(Footer._bindings_ready, True)  # the screen's keys from the start
        self._shown: Hashable = None
        """The keys shown, or to be shown once the rebuild asked for is done."""

    def compose(self) -> ComposeResult:
        self._shown = self._keys(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            keys = self._keys(screen)
            if keys == self._shown:
                return  # the same keys, enabled and described alike: nothing to rebuild
            self._shown = keys
        super().bindings_changed(screen)

    def _keys(self, screen: Screen) -> Hashable:
        """Everything of the screen's bindings that ``Footer.compose`` shows."""
        app = self.app
        shown = tuple(
            (binding, app.get_key_display(binding), enabled, tooltip)  # a frozen dataclass
            for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )
        return shown, self.compact, self.show_command_palette, app.ENABLE_COMMAND_PALETTE
