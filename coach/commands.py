"""What each ``coach`` command does. Heavy modules are imported inside the command
that needs them, so ``coach list`` never loads YAML or Textual."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from coach.errors import CoachError
from coach.paths import data_dir, script_folders
from coach.text import escape_controls


def _store(args: argparse.Namespace):
    from coach.store import Store

    return Store(data_dir(getattr(args, "data_dir", None)))


def _catalog(args: argparse.Namespace):
    from coach.catalog import discover

    folders = script_folders(data_dir(getattr(args, "data_dir", None)), getattr(args, "scripts", None))
    return discover(folders)


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


def _when(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp[:16]


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
    store = _store(args)
    rows = store.list_sessions(None if args.all else 20)
    if args.json:
        print(json.dumps([vars(row) for row in rows], ensure_ascii=True, indent=2))
        return 0
    if not rows:
        print("No sessions yet. Start one with: coach start", file=sys.stderr)
        return 0
    lines = [f"{'ID':<8}  {'SCRIPT':<12}  {'STATUS':<11}  {'STARTED':<16}  {'UPDATED':<16}  TITLE"]
    for row in rows:
        status = row.status.replace("_", " ")
        lines.append(
            f"{row.id:<8}  {escape_controls(row.script_id):<12}  {status:<11}  "
            f"{_when(row.started_at):<16}  {_when(row.updated_at):<16}  {escape_controls(row.title)}"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    if not args.all and len(rows) == 20:
        print("(the 20 most recent; coach list --all shows every session)", file=sys.stderr)
    return 0


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
    record = store.get(args.session)
    if (args.format or _format_from_name(args.output)) == "json":
        _write(export_json([record], single=True), args.output)
    else:
        _write(render_plan(record, session_script(record, _lookup(args))), args.output)
    return 0


def _format_from_name(output: str | None) -> str:
    return "json" if output and output.lower().endswith(".json") else "md"


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
