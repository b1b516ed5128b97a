"""The ``coach`` command line.

Only the commands that open the application import Textual; the others
(``list``, ``show``, ``export``, ``import``, ``scripts``, ``validate``,
``--version``) import just what they use, so they start as fast as Python allows.
Every error a user can cause is a ``CoachError``, printed here in plain words.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from coach import __version__
from coach.errors import CoachError
from coach.text import escape_controls

_EPILOG = """\
commands:
  (none)                      open the application on the home screen
  start [SCRIPT]              start a new session of SCRIPT (default: comeback)
  resume [SESSION]            resume SESSION, or the latest unfinished one
  list [--all] [--json]       sessions: id, script, status, started, updated, title
  show SESSION                print the plan as Markdown
  export SESSION [--format md|json|ics] [-o FILE]
  export --all [-o FILE]      every session as one JSON document (a backup)
  import FILE                 add the sessions of a JSON export
  scripts                     available scripts and their problems
  validate FILE... [--format text|json]
                              check prompt scripts; exit 1 when any has a problem
  schema [-o FILE]            the JSON Schema of scripts, for editors
  new-script FILE             write a starter script that validates
  preview FILE                the wizard on FILE, reloaded on every save; saves no session
{followup}
  encrypt [--remember]        encrypt the data folder with a passphrase
  decrypt                     turn encryption off again

SESSION is an id or any unique prefix of one."""


def _epilog() -> str:
    from coach.cli.followup import EPILOG as FOLLOWUP

    return _EPILOG.format(followup=FOLLOWUP)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where sessions live (default: $COACH_HOME or the user data folder)",
    )
    common.add_argument(
        "--scripts",
        metavar="DIR",
        action="append",
        default=argparse.SUPPRESS,
        help="another folder of prompt scripts (repeatable; also $COACH_SCRIPTS)",
    )
    parser = argparse.ArgumentParser(
        prog="coach",
        parents=[common],
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Comeback Coach: turn a setback into a comeback, one question at a time.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], help=help_text, description=help_text)

    command("start", "start a new session").add_argument("script", nargs="?", default="comeback")
    command("resume", "resume a session").add_argument("session", nargs="?")
    listing = command("list", "list sessions, newest first")
    listing.add_argument("--all", action="store_true", help="every session, not just the latest")
    listing.add_argument("--json", action="store_true", help="print JSON")
    command("show", "print a session's plan as Markdown").add_argument("session")
    export = command("export", "export a session or all of them")
    export.add_argument("session", nargs="?")
    export.add_argument("--all", action="store_true", help="every session as one JSON backup")
    export.add_argument("--format", choices=("md", "json", "ics"), default=None)
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    command("import", "import sessions from a JSON export").add_argument("file")
    command("scripts", "list the available prompt scripts")
    validate = command("validate", "check prompt scripts")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="json: for editors and CI"
    )
    schema = command("schema", "print the JSON Schema of script format v1, for editors")
    schema.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    command("new-script", "write a starter prompt script").add_argument("file", metavar="FILE")
    command("preview", "the wizard on a script, reloaded on every save").add_argument(
        "file", metavar="FILE"
    )
    from coach.cli import encryption
    from coach.cli.followup import add_commands

    handlers = add_commands(commands, common)
    handlers.update(encryption.add_commands(commands, common))
    parser.set_defaults(followup_handlers=handlers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "export" and bool(args.all) == bool(args.session):
        parser.error("export needs a SESSION or --all (not both)")
    if args.command == "export" and args.all and args.format in ("md", "ics"):
        parser.error("export --all writes JSON; export one SESSION for Markdown or a calendar")
    from coach.cli.followup import escaping_streams

    escaping_streams()
    try:
        return run(args)
    except CoachError as error:
        print(f"coach: {escape_controls(str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def run(args: argparse.Namespace) -> int:
    from coach.cli import authoring
    from coach.cli import sessions as commands
    from coach.cli.encryption import unlock_for_command

    locked = unlock_for_command(args)
    if locked is not None:
        return locked
    handler = {
        None: commands.open_app,
        "start": commands.open_app,
        "resume": commands.open_app,
        "list": commands.list_sessions,
        "show": commands.show,
        "export": commands.export,
        "import": commands.import_sessions,
        "scripts": commands.scripts,
        "validate": commands.validate,
        "schema": authoring.schema,
        "new-script": authoring.new_script,
        "preview": authoring.preview,
    }.get(args.command) or args.followup_handlers[args.command]
    return handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
