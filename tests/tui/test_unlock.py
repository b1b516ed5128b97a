"""An encrypted data folder: the app asks for the passphrase once, in a dialog, before Home."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from coach.store.encryption import encrypt_folder
from coach.store.sessions import Store
from coach.tui.app import build_app
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.unlock import UnlockDialog
from coach.vault import Vault, vault_for

from .conftest import FIXED_TODAY, Scripts, finished_session, type_text
from .test_screen_snapshots import SnapCompare, steady

PASSPHRASE = "open sesame, slowly"


@pytest.fixture
def encrypted(data_dir: Path, store: Store, scripts: Scripts) -> Path:
    """A folder with one finished session, encrypted by another coach (still locked here)."""
    finished_session(store, scripts, {"setback": "Lost the Halloran account", "mood": 2})
    encrypt_folder(Vault(data_dir), PASSPHRASE)
    return data_dir


def locked_app(open_store: Callable[[], Store], scripts: Scripts, data_dir: Path):
    vault = vault_for(data_dir)
    assert vault.needs_unlock()
    return build_app(open_store, scripts, today=lambda: FIXED_TODAY, vault=vault)


async def submit(pilot: Pilot, passphrase: str) -> None:
    field = pilot.app.screen.query_one("#unlock-passphrase", Input)
    field.value = passphrase
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_wrong_passphrase_says_so_and_the_right_one_opens_home(
    encrypted: Path, open_store, scripts: Scripts
) -> None:
    app = locked_app(open_store, scripts, encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockDialog)
        await submit(pilot, "not the passphrase")
        assert isinstance(app.screen, UnlockDialog)
        message = str(app.screen.query_one("#unlock-message", Static).render())
        assert message == "That passphrase does not open it. Try again."
        assert app.screen.query_one("#unlock-passphrase", Input).value == ""

        await submit(pilot, PASSPHRASE)
        assert isinstance(app.screen, HomeScreen)
        plans = app.screen.query_one("#plans", OptionList)
        shown = [str(plans.get_option_at_index(n).prompt) for n in range(plans.option_count)]
        assert any("Lost the Halloran account" in line for line in shown)


async def test_leaving_the_dialog_quits_with_a_plain_message(
    encrypted: Path, open_store, scripts: Scripts
) -> None:
    app = locked_app(open_store, scripts, encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 1


async def test_answers_and_drafts_typed_in_the_app_are_never_written_plain(
    encrypted: Path, open_store, scripts: Scripts
) -> None:
    app = locked_app(open_store, scripts, encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await submit(pilot, PASSPHRASE)
        app.start_session("trial")
        await pilot.pause()
        await type_text(pilot, "Zanzibar-answer-1")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("4", "enter")
        await pilot.pause()
        await type_text(pilot, "Zanzibar-draft-2")
        await pilot.press("ctrl+q")
        await pilot.pause()
    newest = open_store().latest_unfinished()
    assert newest is not None
    assert newest.answers["setback"] == "Zanzibar-answer-1"
    assert newest.drafts == {"lesson": "Zanzibar-draft-2"}
    for path in encrypted.rglob("*"):
        assert not path.is_file() or b"Zanzibar" not in path.read_bytes(), path


@pytest.mark.parametrize("size", [(80, 24)])
def test_unlock_dialog(
    snap_compare: SnapCompare, encrypted: Path, open_store, scripts: Scripts, size
) -> None:
    app = locked_app(open_store, scripts, encrypted)
    assert snap_compare(app, terminal_size=size, run_before=steady())
