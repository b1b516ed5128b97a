"""What each ``coach`` command does. Heavy modules are imported inside the command
that needs them, so ``coach list`` never loads YAML or Textual."""

from __future__ import annotations

import argparse
import json
import sys
from operator import itemgetter
from pathlib import Path

from coach.errors import CoachError
from coach.localtime import local_minutes
from coach.paths import data_dir, script_folders
from coach.text import escape_controls


def _store(args: argparse.Namespace):
    from coach.store import Store

    return Store(data_dir(getattr(args, "data_dir", None)))


def _catalog(args: argparse.Namespace):
    from coach.catalog import discover

    data = data_dir(getattr(args, "data_dir", None))
    return discover(script_folders(data, getattr(args, "scripts", None)))


def _lookup(args: argparse.Namespace):
    entries = {entry.id: entry.script for entry in _catalog(args)}
    return entries.get


def _write(text: str, output: str | None) -> None:
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CoachError(f"Could not write {output}: {error.strerror or error}.") from None
        print(f"Wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def open_app(args: argparse.Namespace) -> int:
    from coach.tui.app import run_app

    return run_app(
        data=data_dir(getattr(args, "data_dir", None)),
        extra_scripts=getattr(args, "scripts", None),
        start=getattr(args, "script", None) if args.command == "start" else None,
        resume=getattr(args, "session", None) if args.command == "resume" else None,
        resume_latest=args.command == "resume",
    )


def list_sessions(args: argparse.Namespace) -> int:
    rows = _store(args).list_rows(None if args.all else 20)
    if args.json:
        fields = ("id", "script_id", "title", "status", "started_at", "updated_at")
        listed = [{name: row[name] for name in fields} for row in rows]
        print(json.dumps(listed, ensure_ascii=True, indent=2))
        return 0
    if not rows:
        print("No sessions yet. Start one with: coach start", file=sys.stderr)
        return 0
    sys.stdout.write(_session_table(rows))
    if not args.all and len(rows) == 20:
        print("(the 20 most recent; coach list --all shows every session)", file=sys.stderr)
    return 0


class _StatusText(dict[str, str]):
    """How a status reads in a list: ``in_progress`` as ``in progress``."""

    def __missing__(self, status: str) -> str:
        return status.replace("_", " ")


_STATUS_TEXT = _StatusText(in_progress="in progress", completed="completed")
_ROW = "%-8s  %-12s  %-11s  %-16s  %-16s  %s"


def _session_table(rows: list[dict[str, str]]) -> str:
    """One line per session; user text with control characters shown escaped.

    Written for lists of thousands: a column at a time, each step a C-level
    ``map`` where it can be, and text escaped only when it holds something
    unprintable.
    """
    count = len(rows)
    stamps = [*map(itemgetter("started_at"), rows), *map(itemgetter("updated_at"), rows)]
    times = local_minutes(stamps)
    columns = (
        map(itemgetter("id"), rows),
        _printable(list(map(itemgetter("script_id"), rows))),
        map(_STATUS_TEXT.__getitem__, map(itemgetter("status"), rows)),
        times[:count],
        times[count:],
        _printable(list(map(itemgetter("title"), rows))),
    )
    header = _ROW % ("ID", "SCRIPT", "STATUS", "STARTED", "UPDATED", "TITLE")
    return "\n".join([header, *map(_ROW.__mod__, zip(*columns, strict=True)), ""])


def _printable(column: list[str]) -> list[str]:
    """The column with control characters escaped (checked in one go: usually none)."""
    if all(map(str.isprintable, column)):
        return column
    return [text if text.isprintable() else escape_controls(text) for text in column]


def show(args: argparse.Namespace) -> int:
    from coach.plan import render_plan, session_script

    record = _store(args).get(args.session)
    sys.stdout.write(render_plan(record, session_script(record, _lookup(args))))
    return 0


def export(args: argparse.Namespace) -> int:
    from coach.plan import export_json, render_plan, session_script

    store = _store(args)
    if args.all:
        _write(export_json(store.all_records(), single=False), args.output)
        return 0
    form = args.format or _format_from_name(args.output)
    if form == "ics":
        from coach.followup_commands import export_ics

        return export_ics(args)
    record = store.get(args.session)
    if form == "json":
        _write(export_json([record], single=True), args.output)
    else:
        _write(render_plan(record, session_script(record, _lookup(args))), args.output)
    return 0


def _format_from_name(output: str | None) -> str:
    return {".json": "json", ".ics": "ics"}.get(Path(output or "").suffix.lower(), "md")


def import_sessions(args: argparse.Namespace) -> int:
    from coach.plan import parse_import

    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CoachError(f"Could not read {args.file}: {error}. Nothing was imported.") from None
    records = parse_import(text, args.file)
    lookup = _lookup(args)
    for record in records:
        if not record.script_source.strip() and (script := lookup(record.script_id)):
            record.script_source = script.source
    added, skipped = _store(args).import_records(records)
    for session_id in skipped:
        print(f"Skipped {session_id}: a session with this id already exists.", file=sys.stderr)
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
        print(f"{entry.id:<14}  {escape_controls(entry.title)}")
        print(f"{'':<14}  {escape_controls(where)}")
        for problem in entry.problems:
            print(f"{'':<14}  problem: {escape_controls(str(problem))}")
    return 0


def validate(args: argparse.Namespace) -> int:
    from coach.validate import load_script_file

    failed = False
    for name in args.files:
        _script, problems = load_script_file(name)
        for problem in problems:
            print(escape_controls(str(problem)))
        if problems:
            failed = True
        else:
            print(f"{name}: ok")
    return 1 if failed else 0
