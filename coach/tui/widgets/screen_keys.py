"""Keys typed before a screen was drawn again are not its own.

Textual gives a key to what has the focus when the app gets to the key, not
when it was typed. A screen that another one covered (the step summary, a
check-in's first page, help) takes the focus back the moment that one closes,
but is drawn a moment later: a key typed in between was meant for the screen
that closed, yet would land in the prompt beneath (a stray ``c`` at the start
of the next answer). So such a screen (``OwnKeysScreen`` in the screens'
``common``) sets ``keys_from`` to the moment it is drawn again (:func:`now`),
and the prompt controls (:class:`OwnKeysOnly`) drop a key typed before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual._time import get_time
from textual.dom import NoScreen
from textual.message import Message
from textual.widget import Widget

if TYPE_CHECKING:
    _Control = Widget
else:
    _Control = object

KEYS_FROM = "keys_from"
"""The screen's attribute: the time (as events carry it) from which its keys are its own."""


def now() -> float:
    """The time now, on the clock key events are stamped with when typed."""
    return get_time()


class OwnKeysOnly(_Control):
    """Mixed into a prompt control, before its Textual class: drops a key typed too early.

    (A plain mixin: a Widget subclass first in the bases would make the control unfocusable.)
    """

    def check_message_enabled(self, message: Message) -> bool:
        if isinstance(message, events.Key) and message.time < _keys_from(self):
            return False
        return super().check_message_enabled(message)


def _keys_from(control: Widget) -> float:
    try:
        screen = control.screen
    except NoScreen:
        return 0.0
    return float(getattr(screen, KEYS_FROM, 0.0))
