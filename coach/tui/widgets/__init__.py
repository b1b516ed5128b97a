"""The wizard's widgets: one input per prompt kind, the step indicator, safe text.

Each lives in its own module, imported by name where it is used (Home, shown
first, needs none of the inputs). ``kinds`` is the one table from a prompt
kind to its input (:func:`~coach.tui.widgets.kinds.input_for`); ``base`` what
every input has in common; ``safe`` shows user text as typed. The styles of
all these widgets are in ``widgets.tcss`` beside them (:data:`WIDGETS_CSS_PATH`);
the app lists it in its ``CSS_PATH``.
"""

from __future__ import annotations

from pathlib import Path

WIDGETS_CSS_PATH = Path(__file__).with_name("widgets.tcss")
"""The stylesheet of these widgets, to add to the app's ``CSS_PATH``."""
