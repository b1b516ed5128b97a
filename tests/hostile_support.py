"""Helpers for the hostile-input tests: the CLI run in-process and as a new process."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from coach.cli.main import main

HANG_SECONDS = 60
"""A command run as a new process that takes longer than this is taken to hang."""


def run_cli(*argv: str) -> tuple[int, str, str]:
    """``coach ARGV`` in this process: the exit code, stdout and stderr.

    Any exception other than SystemExit reaches the test: a traceback is a failure.
    """
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    err = io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = exit_.code
    out.flush()
    return code, out.buffer.getvalue().decode("utf-8"), err.getvalue()


def run_process(*argv: str) -> subprocess.CompletedProcess[str]:
    """``coach ARGV`` as a new process, stopped (and failing the test) if it hangs."""
    return subprocess.run(
        [sys.executable, "-m", "coach", *argv],
        capture_output=True,
        text=True,
        timeout=HANG_SECONDS,
        check=False,
    )


def folder_state(folder: Path) -> dict[str, bytes] | None:
    """Every file under ``folder`` with a digest of its bytes; None when there is no folder."""
    if not folder.exists():
        return None
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).digest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
