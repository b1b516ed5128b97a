"""Running the ``coach`` command line in-process, as a test sees it."""

from __future__ import annotations

from coach.cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``coach ARGV...``: its exit code, what it printed, what it said on stderr."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err
