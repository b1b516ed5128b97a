"""The follow-up commands: ``actions``, ``done``, ``progress``, ``due``, ``serve``, and
``export --format ics``.

They read ``followup.json`` (see ``coach.followup.index``), which builds itself from
the sessions when it is missing. This module is imported when the parser is
built, so it imports only the standard library and small coach modules at the
top; ``coach due`` in a shell start-up file loads no YAML and no Textual.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from coach.cli.output import one_line, write_file
from coach.errors import CoachError
from coach.paths import data_dir, script_folders
from coach.text import escape_controls

if TYPE_CHECKING:
    from datetime import date

    from coach.followup.facts import SessionFacts
    from coach.followup.report import ActionRow, DueItem, ProgressReport
    from coach.store.sessions import Store

Handler = Callable[[argparse.Namespace], int]

EPILOG = """\
  actions [--all] [--json]    open action items across plans, overdue first
  done ACTION [--undo]        tick an action item by id or unique prefix
  reschedule ACTION DATE      give an action item its own due date (2026-12-24, +3d, +1w)
  progress [SESSION]          how a plan is going: actions, check-ins, tracked metrics
  due                         what is due or overdue today (nothing when nothing is)
  serve [--host H] [--port P] [--preview FILE]
                              the app (or a script's preview) in a browser, behind a token"""

DUE_LINES = 5
"""``coach due`` stays this short; more is summed up in one line."""


def today() -> date:
    from datetime import date

    return date.today()


# -- shared ----------------------------------------------------------------------


def _store(args: argparse.Namespace) -> Store:
    from coach.store.sessions import Store

    return Store(data_dir(getattr(args, "data_dir", None)))


def _lookup(args: argparse.Namespace) -> Callable[[str], Any]:
    """Finds installed scripts by id; the folders are read only if it is ever asked."""
    found: dict[str, Any] = {}

    def lookup(script_id: str) -> Any:
        if "entries" not in found:
            from coach.scripts.catalog import discover

            folders = script_folders(
                data_dir(getattr(args, "data_dir", None)), getattr(args, "scripts", None)
            )
            found["entries"] = {entry.id: entry.script for entry in discover(folders)}
        return found["entries"].get(script_id)

    return lookup


def _facts(args: argparse.Namespace, *, say_skipped: bool = True) -> list[SessionFacts]:
    """The facts of every finished plan; one whose file cannot be read is left out, and
    (with ``say_skipped``) said so in one line on stderr, as ``export --all`` does."""
    from coach.followup.index import load_facts

    unreadable: list[Any] = []
    facts = load_facts(_store(args), _lookup(args), unreadable)
    for error in unreadable if say_skipped else ():
        print(
            f"coach: skipped a session that cannot be read: {one_line(str(error))}", file=sys.stderr
        )
    return facts


def escaping_streams() -> None:
    """Text that is not Unicode (a lone surrogate in a damaged file) is printed escaped,
    like a control character, instead of ending the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(text: str, width: int) -> str:
    """``text`` cut and padded to ``width`` terminal columns."""
    text = one_line(text)
    if _width(text) > width:
        while _width(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - _width(text))


# -- coach actions ---------------------------------------------------------------------


def actions(args: argparse.Namespace) -> int:
    from coach.followup.report import all_actions, open_actions

    day = today()
    facts = _facts(args)
    rows = all_actions(facts, day) if args.all else open_actions(facts, day)
    if args.json:
        import json

        print(json.dumps([_action_json(row, day) for row in rows], ensure_ascii=True, indent=2))
        return 0
    if not rows:
        hint = "No action items yet." if args.all else "No open action items."
        print(f"{hint} They come from the plans you finish: coach start", file=sys.stderr)
        return 0
    mark = {True: "[x] ", False: "[ ] "}
    head = "    " if args.all else ""
    lines = [f"{head}{'ID':<8}  {'DUE':<11}  {_cell('PLAN', 20)}  TEXT"]
    for row in rows:
        due = (row.action.due or "-") + ("!" if row.overdue(day) else "")
        lines.append(
            f"{mark[row.action.done] if args.all else ''}{one_line(row.action.id):<8}  "
            f"{one_line(due):<11}  "
            f"{_cell(row.plan_title, 20)}  {one_line(row.action.text)}"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    if any(row.overdue(day) for row in rows):
        print("(! overdue; tick one with: coach done ID)", file=sys.stderr)
    return 0


def _action_json(row: ActionRow, day: date) -> dict[str, Any]:
    return {
        "id": row.action.id,
        "text": row.action.text,
        "done": row.action.done,
        "due": row.action.due,
        "overdue": row.overdue(day),
        "session_id": row.session_id,
        "plan_id": row.plan_id,
        "plan": row.plan_title,
    }


# -- coach done ------------------------------------------------------------------------


def done(args: argparse.Namespace) -> int:
    from coach.followup.followthrough import tick_action
    from coach.followup.index import FollowUp

    store = _store(args)
    row, changed = tick_action(
        store, FollowUp(store.data_dir), args.action, done=not args.undo, lookup=_lookup(args)
    )
    what = f"{one_line(row.action.id)}: {one_line(row.action.text)} ({one_line(row.plan_title)})"
    if changed:
        print(("Unticked " if args.undo else "Ticked ") + what)
    else:
        print(("Not ticked, nothing to undo: " if args.undo else "Already done: ") + what)
    return 0


# -- coach reschedule ------------------------------------------------------------------


def reschedule(args: argparse.Namespace) -> int:
    """Give one action item a due date of its own."""
    from coach.followup.followthrough import reschedule_action
    from coach.followup.index import FollowUp
    from coach.session.answers import resolve_due_date

    day = resolve_due_date(args.date, today())
    store = _store(args)
    row, changed = reschedule_action(
        store, FollowUp(store.data_dir), args.action, day, lookup=_lookup(args)
    )
    what = f"{row.action.id}: {one_line(row.action.text)} ({one_line(row.plan_title)})"
    print(("Now due on " if changed else "Already due on ") + f"{day.isoformat()}: {what}")
    return 0


# -- coach progress --------------------------------------------------------------------


def progress(args: argparse.Namespace) -> int:
    from coach.errors import UnknownSession
    from coach.followup.report import progress_report

    store = _store(args)
    facts = _facts(args)
    try:
        report = progress_report(facts, args.session, today())
    except UnknownSession:
        store.resolve(args.session)  # says what is wrong with the id, if anything is
        raise CoachError(
            f"Session '{one_line(args.session)}' is not finished yet: "
            "progress follows finished plans."
        ) from None
    if report is None:
        print("No finished plan yet. Make one with: coach start", file=sys.stderr)
        return 0
    sys.stdout.write("\n".join(progress_lines(report, today())) + "\n")
    return 0


def progress_lines(report: ProgressReport, today: date) -> list[str]:
    """``coach progress`` as lines of text (also a plain-text glance for anything else)."""
    from coach.followup.report import format_number, sparkline
    from coach.followup.streak import streak_words

    plan = report.plan
    lines = [one_line(plan.title or plan.script_id), f"  plan {one_line(plan.session_id)}", ""]
    if report.days_since_setback is not None:
        lines.append(f"Days since the setback: {report.days_since_setback}")
    lines.append(f"Action items done: {report.actions_done} of {report.actions_total}")
    streak = streak_words(report.checkins, today)
    streak = f"streak {streak}" if report.streak_weeks > 1 else streak
    checkins = f"Check-ins: {len(report.checkins)}, {streak}"
    if report.next_checkin is not None:
        checkins += f"; next on {report.next_checkin.isoformat()}"
    lines.append(checkins)
    width = max((len(one_line(series.name)) for series in report.metrics), default=0)
    spark = max((len(series.points) for series in report.metrics), default=0)
    for series in report.metrics:
        values = series.values
        change = format_number(values[0])
        if len(values) > 1:
            change += f" → {format_number(values[-1])}"
        name = one_line(series.name)
        lines.append(f"{name:<{width}}  {sparkline(values):<{spark}}  {change}")
    return lines


# -- coach due ---------------------------------------------------------------------------


def due(args: argparse.Namespace) -> int:
    """What is due or overdue today; nothing at all when nothing is (or no data yet)."""
    from coach.followup.report import due_today

    day = today()
    items = due_today(_facts(args, say_skipped=False), day)  # quiet: a shell start-up line
    lines = [_due_line(item, day) for item in items]
    if len(lines) > DUE_LINES:
        rest = len(lines) - (DUE_LINES - 1)
        lines = [*lines[: DUE_LINES - 1], f"…and {rest} more: coach actions"]
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _due_line(item: DueItem, day: date) -> str:
    when = "due today" if item.day == day else f"overdue since {item.day.isoformat()}"
    if item.kind == "checkin":
        return f"Check-in {when}: {one_line(item.plan_title)}"
    text = f"{one_line(item.text)} ({one_line(item.plan_title)}) [{one_line(item.action_id)}]"
    return f"{when[0].upper()}{when[1:]}: {text}"


# -- coach serve -------------------------------------------------------------------------


def serve(args: argparse.Namespace) -> int:
    """``coach serve``: see ``coach.cli.serve`` (imported only for this command)."""
    from coach.cli.serve import serve as serve_app

    return serve_app(args)


# -- coach export --format ics ------------------------------------------------------------


def export_ics(args: argparse.Namespace) -> int:
    """``coach export SESSION --format ics [-o FILE]``."""
    from coach.followup.calendar import export_ics_text

    payload = export_ics_text(_store(args), args.session, _lookup(args))
    output = getattr(args, "output", None)
    if not output:
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return 0
    write_file(output, payload)
    return 0


# -- the parser -------------------------------------------------------------------------------


def add_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> dict[str, Handler]:
    """Add the follow-up subcommands to ``coach``'s parser; returns name -> handler."""

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], help=help_text, description=help_text)

    listing = command("actions", "list action items across plans, overdue first")
    listing.add_argument("--all", action="store_true", help="done ones too")
    listing.add_argument("--json", action="store_true", help="print JSON")
    ticking = command("done", "tick an action item by id or unique prefix")
    ticking.add_argument("action", metavar="ACTION")
    ticking.add_argument("--undo", action="store_true", help="untick it")
    moving = command("reschedule", "give an action item a due date of its own")
    moving.add_argument(
        "action", metavar="ACTION", help="its id as coach actions shows it (a unique start will do)"
    )
    moving.add_argument("date", metavar="DATE", help="YYYY-MM-DD, today, tomorrow, +3d, +2w")
    command("progress", "how a plan is going (default: the latest)").add_argument(
        "session", nargs="?", metavar="SESSION"
    )
    command("due", "what is due or overdue today; prints nothing when nothing is")
    serving = command("serve", "serve the app in a web browser")
    serving.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1 (this machine)")
    serving.add_argument("--port", type=int, default=8000, help="default: 8000")
    serving.add_argument(
        "--public-url",
        metavar="URL",
        default=None,
        help="the address browsers use, when behind a proxy or on 0.0.0.0",
    )
    serving.add_argument(
        "--no-browser", action="store_true", help="print the address but open no browser"
    )
    serving.add_argument(
        "--preview",
        metavar="FILE",
        default=None,
        help="serve the preview of this script (coach preview FILE) instead of the app",
    )
    return {
        "actions": actions,
        "done": done,
        "reschedule": reschedule,
        "progress": progress,
        "due": due,
        "serve": serve,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """These commands on their own: ``python -m coach.cli.followup due``."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS)
    common.add_argument("--scripts", metavar="DIR", action="append", default=argparse.SUPPRESS)
    parser = argparse.ArgumentParser(prog="coach", parents=[common])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    handlers = add_commands(commands, common)
    args = parser.parse_args(argv)
    escaping_streams()
    try:
        from coach.cli.encryption import unlock_for_command

        locked = unlock_for_command(args)
        return handlers[args.command](args) if locked is None else locked
    except CoachError as error:
        print(f"coach: {escape_controls(str(error))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
