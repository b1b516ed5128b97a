"""History says what it found in the data folder that coach does not read: conflict copies."""

from __future__ import annotations

from pathlib import Path

from coach.store.sessions import Store
from coach.tui.screens.history import HistoryScreen

from .conftest import AppFactory, Scripts, finished_session


async def test_history_reports_a_conflict_copy_once_and_keeps_it(
    make_app: AppFactory, store: Store, scripts: Scripts, data_dir: Path
) -> None:
    finished_session(store, scripts, {"setback": "Done"})
    session_id = store.list_sessions()[0].id
    copy = data_dir / "sessions" / f"{session_id}.sync-conflict-20261207-120000-ABCDEFG.json"
    copy.write_text("{}", encoding="utf-8")
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        told = [str(n.message) for n in app._notifications]
        assert told == [
            f"{copy} looks like a conflict copy left by a sync tool; coach does not read it. "
            "Compare it with the file it copies, keep the one you want, and move the other away."
        ]
        app.screen.reload()  # read again: not said twice
        await pilot.pause()
        assert len(app._notifications) == 1
    assert copy.exists()
