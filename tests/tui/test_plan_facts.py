"""Plans, check-ins and Progress read the small glance for the latest plan, and the same."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach.followup.report import checkin_opening_actions, progress_report
from coach.store.sessions import Store

from .conftest import FIXED_TODAY, AppFactory, Scripts
from .followthrough_support import catalog, finished_checkin, finished_plan


@pytest.fixture
def scripts() -> Scripts:
    return catalog()


async def test_the_latest_plan_is_read_from_the_glance_with_the_same_result(
    make_app: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = finished_plan(store, {"setback": "An older setback"}, FIXED_TODAY - timedelta(21))
    older_checkin = finished_checkin(store, older, day=FIXED_TODAY - timedelta(14))
    latest = finished_plan(store, day=FIXED_TODAY - timedelta(7))
    latest_checkin = finished_checkin(store, latest, day=FIXED_TODAY)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        every = app.workspace.follow_up_facts()
        full_reads: list[int] = []
        follow_up_facts = type(app.workspace).follow_up_facts

        def counted(self: object) -> object:
            full_reads.append(1)
            return follow_up_facts(self)  # type: ignore[arg-type]

        monkeypatch.setattr(type(app.workspace), "follow_up_facts", counted)
        for session in (latest, latest_checkin):  # the glance holds them
            facts = app.workspace.plan_facts(session.id)
            assert not full_reads
            for plan_id in (session.id, latest.id):
                assert progress_report(facts, plan_id, FIXED_TODAY) == progress_report(
                    every, plan_id, FIXED_TODAY
                )
            assert checkin_opening_actions(facts, latest.id, FIXED_TODAY) == (
                checkin_opening_actions(every, latest.id, FIXED_TODAY)
            )
        for session in (older, older_checkin):  # every session is read for the others
            facts = app.workspace.plan_facts(session.id)
            assert full_reads
            assert progress_report(facts, session.id, FIXED_TODAY) == progress_report(
                every, session.id, FIXED_TODAY
            )
