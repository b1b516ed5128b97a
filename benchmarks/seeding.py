"""Data folders full of realistic sessions, written fast.

``Store.import_records`` fsyncs every file it writes, which is right for a
user's data and slow for 10,000 benchmark sessions. ``write_store`` writes the
very bytes the store would write (``coach.store.storage.encode_tables``, the same
tables, modes and layout; ``tests/test_benchmarks.py`` compares the two) but
without fsync. ``SeededFolders`` writes each size once per run and hands the
folder out again.

The sessions are made by walking the bundled scripts with the real engine, so
their answers, action items and script snapshots have the sizes real ones have.
About one in ten is left unfinished (always the newest), the rest are
completed; they span four years (across daylight-saving changes), newest last.
As in a store the app has been used with: every finished session keeps when it
was finished, and every check-in belongs to the plan finished last before it.

A store the app has opened once also holds the follow-up index
(``followup.json`` and ``followup-glance.json``, see ``coach.followup.index``);
``write_follow_up`` builds it with the app's own code, as its first start does.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from coach.errors import AnswerRefused
from coach.followup.facts import CHECKIN_TITLE, COMPLETED_AT, PLAN_ID
from coach.followup.index import FollowUp
from coach.followup.plan import derive_actions
from coach.paths import builtin_scripts_dir, script_folders
from coach.scripts.catalog import discover
from coach.scripts.model import Prompt, Script
from coach.scripts.validate import load_script
from coach.session.wizard import Wizard
from coach.store.index import index_tables
from coach.store.outside import FolderWatch
from coach.store.records import SessionRecord
from coach.store.sessions import Store
from coach.store.storage import encode_tables

NEWEST = datetime(2026, 3, 1, 18, 30, tzinfo=UTC)
SPAN = timedelta(days=4 * 365)
UNFINISHED_EVERY = 10
"""One session in this many is left in progress."""

CHECKIN_SCRIPT = "checkin"
SCRIPT_CYCLE = (
    "quick",
    "checkin",
    "checkin",
    "comeback",
    "checkin",
    "checkin",
    "checkin",
    "checkin",
    "checkin",
)
"""The scripts of the sessions, the last one that of the newest: a plan, then weekly
check-ins on it, again and again (the newest are check-ins on a comeback plan)."""

SETBACKS = (
    "My launch post got almost no replies",
    "The grant application was turned down",
    "I was not picked for the team lead role",
    "The workshop had three people instead of thirty",
    "My talk proposal was rejected again",
    "A client cancelled the project halfway",
    "The newsletter lost forty subscribers",
    "I missed the deadline for the portfolio review",
)
LIST_ITEMS = (
    "Call Sam about the next workshop",
    "Post the announcement in two more channels",
    "Ask Priya for feedback on the draft",
    "Update my bio with the facilitation work",
)
PARAGRAPH = (
    "I expected more people to notice, because I had spent weeks on it and told a few "
    "friends. Looking back, I only posted once, late in the evening, and never followed up. "
    "Next time I want to plan three touch points and ask two people to share it."
)


def raw_answer(prompt: Prompt, options: tuple[str, ...], n: int) -> Any:
    """What a person might type for ``prompt`` (the ``n``-th session varies it)."""
    kind = prompt.kind
    if kind == "text":
        text = f"{SETBACKS[n % len(SETBACKS)]} ({n})"
        return text[: prompt.max_length] if prompt.max_length else text
    if kind == "long_text":
        return PARAGRAPH[: prompt.max_length] if prompt.max_length else PARAGRAPH
    if kind in ("scale", "number"):
        low = prompt.min if isinstance(prompt.min, int | float) else 1
        high = prompt.max if isinstance(prompt.max, int | float) else low + 9
        return str(int(low + (n % (int(high - low) + 1))))
    if kind == "choice":
        return options[n % len(options)] if options else ""
    if kind == "multi_choice":
        return list(options[:2])
    if kind == "list":
        return list(LIST_ITEMS[: 2 + n % 3])
    if kind == "confirm":
        return True
    if kind == "date":
        return "+3d"
    return None


def walk(script: Script, n: int, *, stop_after: int | None = None) -> Wizard:
    """The engine after answering ``script`` (all of it, or ``stop_after`` prompts)."""
    wizard = Wizard(script, clock=lambda: date(2026, 3, 1))
    answered = 0
    while wizard.current is not None and (stop_after is None or answered < stop_after):
        prompt = wizard.current
        try:
            wizard.accept_answer(raw_answer(prompt, wizard.options_for(prompt), n))
        except AnswerRefused:
            wizard.accept_answer(wizard.initial_value(prompt))
        answered += 1
    return wizard


def _scripts() -> list[Script]:
    folder = builtin_scripts_dir()
    return [load_script(path) for path in sorted(folder.glob("*.yaml"))]


def sample_records(count: int, *, seed: int = 5) -> list[SessionRecord]:
    """``count`` sessions with distinct ids, oldest first."""
    rng = random.Random(seed)
    scripts = _scripts()
    by_id = {script.id: script for script in scripts}
    cycle = [by_id[script_id] for script_id in SCRIPT_CYCLE if script_id in by_id] or scripts
    templates: dict[tuple[str, bool], tuple[Script, Wizard]] = {}
    for script in scripts:
        templates[script.id, True] = (script, walk(script, 0))
        templates[script.id, False] = (script, walk(script, 0, stop_after=3))
    ids: set[str] = set()
    step = SPAN / max(count, 1)
    records = []
    plan: SessionRecord | None = None  # the plan finished last
    for n in range(count):
        session_id = f"{rng.getrandbits(32):08x}"
        while session_id in ids:
            session_id = f"{rng.getrandbits(32):08x}"
        ids.add(session_id)
        finished = n % UNFINISHED_EVERY != UNFINISHED_EVERY - 1 and n != count - 1
        script, wizard = templates[cycle[(n - count) % len(cycle)].id, finished]
        started = NEWEST - SPAN + step * n + timedelta(seconds=rng.randrange(3600))
        updated = started + timedelta(minutes=rng.randrange(5, 90))
        record = _record(session_id, script, wizard, n, finished, _stamp(started), _stamp(updated))
        if script.id == CHECKIN_SCRIPT:
            if plan is not None:  # as ``start_checkin`` links and titles it
                record.title = f"{CHECKIN_TITLE}{plan.title}"
                record.extra = {PLAN_ID: plan.id, **record.extra}
        elif finished:
            plan = record
        records.append(record)
    return records


def _record(
    session_id: str,
    script: Script,
    wizard: Wizard,
    n: int,
    finished: bool,
    started: str,
    updated: str,
) -> SessionRecord:
    answers = dict(wizard.answers)
    for key, value in answers.items():  # a distinct title and first answer per session
        if isinstance(value, str) and value.startswith(SETBACKS):
            answers[key] = f"{SETBACKS[n % len(SETBACKS)]} ({n})"
    for prompt in script.prompts:  # tracked numbers that move from one session to the next
        if prompt.track and isinstance(answers.get(prompt.id), int | float):
            low = int(prompt.min) if isinstance(prompt.min, int | float) else 0
            high = int(prompt.max) if isinstance(prompt.max, int | float) else low + 9
            answers[prompt.id] = low + (n * 3) % (min(high - low, 9) + 1)
    title = next((v for v in answers.values() if isinstance(v, str)), script.title)
    actions = []
    if finished:
        for number, action in enumerate(derive_actions(wizard, [], "template")):
            digest = hashlib.sha1(f"{session_id}\0{number}".encode()).hexdigest()[:8]
            actions.append({**action, "id": digest, "done": (n + number) % 3 == 0})
    return SessionRecord(
        id=session_id,
        script_id=script.id,
        script_source=script.source,
        title=title,
        status="completed" if finished else "in_progress",
        started_at=started,
        updated_at=updated,
        answers=answers,
        position=None if finished else wizard.position,
        actions=actions,
        extra={COMPLETED_AT: updated} if finished else {},  # as ``complete_session`` keeps
    )


def _stamp(moment: datetime) -> str:
    """A time as the store writes it."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def write_store(folder: Path, records: list[SessionRecord]) -> None:
    """Write ``records`` into a new data folder exactly as ``Store.import_records`` would."""
    sessions = folder / "sessions"
    sessions.mkdir(mode=0o700, parents=True)
    folder.chmod(0o700)
    sessions.chmod(0o700)
    for record in records:
        tables = {"session": {record.id: record.to_json()}}
        _write(sessions / f"{record.id}.json", encode_tables(tables))
    summaries = [record.summary() for record in records]
    _write(folder / "index.json", encode_tables(index_tables(summaries)))
    _write(folder / ".lock", b"")
    FolderWatch(folder, sessions).record_in_step()  # as a folder the store has just made


def write_follow_up(folder: Path) -> None:
    """Build the follow-up index of a written store, as the app does when it first opens it.

    The scripts are those the app finds for ``folder`` (the bundled ones): the
    facts of a session depend on its script (what it tracks).
    """
    scripts = discover(script_folders(folder, None))

    def lookup(script_id: str) -> Script | None:
        return next((e.script for e in scripts if e.id == script_id and e.script), None)

    FollowUp(folder).rebuild(Store(folder), lookup)


def _write(path: Path, payload: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(payload)


class SeededFolders:
    """Data folders with N sessions, each written once per run, in a private temp folder."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="coach-bench-"))
        self._folders: dict[int, Path] = {}

    def folder(self, count: int) -> Path:
        """A data folder holding ``count`` sessions (the same folder for the same count),
        and their follow-up index, as a store the app has opened before.

        Benchmarks that change it change one session at most, as a user would.
        """
        if count not in self._folders:
            folder = self.root / f"sessions-{count}"
            write_store(folder, sample_records(count))
            write_follow_up(folder)
            self._folders[count] = folder
        return self._folders[count]

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
