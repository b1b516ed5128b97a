"""What each ``coach`` command does. Heavy modules are imported inside the command
that needs them, so ``coach list`` never loads YAML or Textual."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli.output import write_file
from coach.errors import CoachError
from coach.paths import data_dir, script_folders
from coach.text import escape_controls

if TYPE_CHECKING:
    from coach.store.index import SummaryColumns
    from coach.store.sessions import Store
    from coach.store.storage import UnreadableSession


def _store(args: argparse.Namespace):
    from coach.store.sessions import Store

    return Store(data_dir(getattr(args, "data_dir", None)))


def _catalog(args: argparse.Namespace):
    from coach.scripts.catalog import discover

    data = data_dir(getattr(args, "data_dir", None))
    return discover(script_folders(data, getattr(args, "scripts", None)))


def _lookup(args: argparse.Namespace):
    """Finds installed scripts by id; the folders are read only if it is ever asked (a
    session that keeps its own script never needs them, nor a broken script in them)."""
    found: dict = {}

    def lookup(script_id: str):
        if "entries" not in found:
            found["entries"] = {entry.id: entry.script for entry in _catalog(args)}
        return found["entries"].get(script_id)

    return lookup


def _write(text: str, output: str | None) -> None:
    if output:
        write_file(output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)


NOTHING_TO_RESUME = "Nothing to resume: every session is finished. Start one with: coach start"


def open_app(args: argparse.Namespace) -> int:
    if args.command == "resume" and not getattr(args, "session", None) and _nothing_to_resume(args):
        print(NOTHING_TO_RESUME)
        return 0
    from coach.tui.app import run_app

    return run_app(
        data=data_dir(getattr(args, "data_dir", None)),
        extra_scripts=getattr(args, "scripts", None),
        start=getattr(args, "script", None) if args.command == "start" else None,
        resume=getattr(args, "session", None) if args.command == "resume" else None,
        resume_latest=args.command == "resume",
    )


def _nothing_to_resume(args: argparse.Namespace) -> bool:
    """Whether every session is finished; a damaged folder is the app's to show."""
    try:
        return _store(args).latest_unfinished() is None
    except CoachError:
        return False


def list_sessions(args: argparse.Namespace) -> int:
    store = _store(args)
    listed = store.list_columns(None if args.all else 20)
    for notice in store.folder_notices():  # conflict copies and the like: never unseen
        print(f"coach: {escape_controls(notice)}", file=sys.stderr)
    if args.json:
        print(json.dumps(listed.rows(), ensure_ascii=True, indent=2))
        return 0
    if not listed:
        print("No sessions yet. Start one with: coach start", file=sys.stderr)
        return 0
    write = sys.stdout.write
    for part in _session_table(listed):
        write(part)
    if not args.all and len(listed) == 20:
        print("(the 20 most recent; coach list --all shows every session)", file=sys.stderr)
    return 0


class _StatusCell(dict[str, str]):
    """How a status reads in a list, padded: in the words the app uses (``in progress``,
    ``finished``); the stored value (``--json``) stays ``in_progress`` or ``completed``."""

    def __missing__(self, status: str) -> str:
        return status.replace("_", " ").ljust(_STATUS_WIDTH)


_STATUS_WIDTH = 11
_STATUS_CELL = _StatusCell(
    in_progress="in progress".ljust(_STATUS_WIDTH), completed="finished".ljust(_STATUS_WIDTH)
)
_HEADER = ("ID", "SCRIPT", "STATUS", "STARTED", "UPDATED", "TITLE")
_WIDTHS = (8, 12, _STATUS_WIDTH, 16, 16)
"""The least width of each column but the last (titles are not padded)."""
_TABLE_PART = 1000
_line = "  ".join


def _session_table(listed: SummaryColumns) -> Iterator[str]:
    """One line per session, a thousand lines at a time; user text with control
    characters shown escaped.

    Written for lists of thousands: a column at a time, each step a C-level
    ``map`` where it can be, and text escaped only when it holds something
    unprintable. Each part reuses the memory of the part before, where the
    whole table at once would need fresh memory for all of it.
    """
    from coach.store.localtime import LocalMinutes

    widths = _widths(listed)
    yield _line([*map(str.ljust, _HEADER, widths), _HEADER[-1]]) + "\n"
    local_minutes = LocalMinutes()
    for start in range(0, len(listed), _TABLE_PART):
        part = slice(start, start + _TABLE_PART)
        count = len(listed.id[part])
        times = local_minutes([*listed.started_at[part], *listed.updated_at[part]])
        columns = (
            _printable(listed.id[part]),
            _printable(listed.script_id[part]),
            list(map(_STATUS_CELL.__getitem__, listed.status[part])),
            times[:count],
            times[count:],
        )
        padded = [_padded(column, width) for column, width in zip(columns, widths, strict=True)]
        lines = map(_line, zip(*padded, _printable(listed.title[part]), strict=True))
        yield "\n".join([*lines, ""])


def _widths(listed: SummaryColumns) -> tuple[int, ...]:
    """Each padded column as wide as its longest text (ids and script ids may be longer
    than their header), so that every row lines up whatever part it is printed in."""
    ids = max(map(len, listed.id), default=0)
    scripts = max(map(len, _printable(list(set(listed.script_id)))), default=0)
    least_id, least_script, *rest = _WIDTHS
    return (max(least_id, ids), max(least_script, scripts), *rest)


def _padded(column: list[str], width: int) -> Iterable[str]:
    """The column's texts padded to ``width`` (usually they all have it already)."""
    if min(map(len, column), default=width) >= width:
        return column
    return map(str.ljust, column, repeat(width))


def _printable(column: list[str]) -> list[str]:
    """The column with control characters escaped (checked in one go: usually none)."""
    if all(map(str.isprintable, column)):
        return column
    return [text if text.isprintable() else escape_controls(text) for text in column]


def show(args: argparse.Namespace) -> int:
    """The plan: drawn on a terminal (headings, bullets, no Markdown escapes), exact
    Markdown when piped or redirected, for files and other programs."""
    store = _store(args)
    text = _plan_markdown(store, store.get(args.session), _lookup(args))
    if sys.stdout.isatty():
        from rich.console import Console  # only here: printing commands start without Rich
        from rich.markdown import Markdown

        Console(highlight=False, emoji=False).print(Markdown(text))
    else:
        sys.stdout.write(text)
    return 0


def _plan_markdown(store: Store, record, lookup) -> str:
    """The plan as ``coach show`` prints it: with its check-ins' dates and action items."""
    from coach.errors import CoachError
    from coach.followup.chain import load_chain
    from coach.followup.plan import render_plan
    from coach.session.snapshot import session_script

    try:
        chain = load_chain(store, record, lookup)
    except CoachError as error:  # e.g. a damaged follow-up index: still show the plan
        said = escape_controls(str(error))
        print(f"coach: the plan is shown without its check-ins: {said}", file=sys.stderr)
        chain = None
    return render_plan(record, session_script(record, lookup), chain=chain)


def export(args: argparse.Namespace) -> int:
    from coach.store.backup import export_json

    store = _store(args)
    if args.all:
        return _export_all(store, args.output)
    form = args.format or _format_from_name(args.output)
    if form == "ics":
        from coach.cli.followup import export_ics

        return export_ics(args)
    record = store.get(args.session)
    if form == "json":
        _write(export_json([record], single=True), args.output)
    else:
        _write(_plan_markdown(store, record, _lookup(args)), args.output)
    return 0


def _export_all(store: Store, output: str | None) -> int:
    """Every session as one JSON document; one whose file cannot be read is left out,
    and said so (the backup of all the others is still written)."""
    from coach.store.backup import export_json

    unreadable: list[UnreadableSession] = []
    _write(export_json(store.all_records(unreadable), single=False), output)
    for error in unreadable:
        print(f"coach: left out of the export: {escape_controls(str(error))}", file=sys.stderr)
    return 1 if unreadable else 0


def _format_from_name(output: str | None) -> str:
    return {".json": "json", ".ics": "ics"}.get(Path(output or "").suffix.lower(), "md")


def import_sessions(args: argparse.Namespace) -> int:
    from coach.store.backup import parse_import, read_backup

    records = parse_import(read_backup(Path(args.file)), args.file)
    lookup = _lookup(args)
    for record in records:
        if not record.script_source.strip() and (script := lookup(record.script_id)):
            record.script_source = script.source
    added, skipped = _store(args).import_records(records)
    for session_id in skipped:
        print(
            f"Skipped {escape_controls(session_id)}: a session with this id already exists.",
            file=sys.stderr,
        )
    print(f"Imported {len(added)} session{'s' if len(added) != 1 else ''}.", file=sys.stderr)
    return 0


def scripts(args: argparse.Namespace) -> int:
    entries = _catalog(args)
    if not entries:
        print("No scripts found.", file=sys.stderr)
        return 0
    for entry in entries:
        where = f"{entry.origin}: {entry.path}"
        if entry.overrides is not None:
            where += f" (overrides the {entry.overrides.origin} script {entry.overrides.path})"
        print(f"{escape_controls(entry.id):<14}  {escape_controls(entry.title)}")
        print(f"{'':<14}  {escape_controls(where)}")
        for problem in entry.problems:
            print(f"{'':<14}  problem: {escape_controls(str(problem))}")
    return 0


def validate(args: argparse.Namespace) -> int:
    from coach.scripts.validate import load_script_file

    found = {name: load_script_file(name)[1] for name in args.files}
    if getattr(args, "format", "text") == "json":
        print(json.dumps(validation_report(found), ensure_ascii=True, indent=2))
    else:
        for name, problems in found.items():
            for problem in problems:
                print(escape_controls(str(problem)))
            if not problems:
                print(f"{escape_controls(name)}: ok")
    return 1 if any(found.values()) else 0


def validation_report(found: dict) -> dict:
    """``coach validate --format json``: every file checked and every problem, one
    object each, in the order of the files and then of lines."""
    return {
        "valid": not any(found.values()),
        "files": [{"file": name, "valid": not problems} for name, problems in found.items()],
        "problems": [
            {
                "file": problem.path,
                "line": problem.line,
                "column": problem.column,
                "code": problem.code,
                "message": problem.message,
            }
            for problems in found.values()
            for problem in problems
        ],
    }
