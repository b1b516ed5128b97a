"""Starting the app: what it reads and works out before Home first shows."""

from __future__ import annotations

from pathlib import Path

import pytest
import textual.css.stylesheet
from textual.color import Color
from textual.widgets import OptionList

from coach.store.sessions import Store
from coach.tui.app import COACH_CSS_PATH
from coach.tui.screens.home import HomeScreen

from .conftest import AppFactory


def stylesheet_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files whose CSS Textual parses from now on, once per parse."""
    parsed: list[str] = []
    parse = textual.css.stylesheet.parse

    def counted(scope, css, read_from, *args, **kwargs):
        parsed.append(Path(read_from[0]).name)
        return parse(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(textual.css.stylesheet, "parse", counted)
    return parsed


async def first_home(app) -> None:
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_saved_theme_is_in_place_from_the_first_paint_at_no_extra_cost(
    make_app: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = stylesheet_reads(monkeypatch)
    await first_home(make_app())
    with_the_default = parsed.count(COACH_CSS_PATH.name)
    parsed.clear()
    store.set_setting("theme", "nord")
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        scripts = app.screen.query_one("#scripts", OptionList)
        assert scripts.has_focus  # its border is the theme's primary colour
        assert scripts.styles.border_top[1] == Color.parse(app.current_theme.primary)
    assert parsed.count(COACH_CSS_PATH.name) == with_the_default  # no second parse for it
