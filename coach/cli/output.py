"""What the commands print and write: user text on one line, escaped; files as asked.

Every field a command prints goes through :func:`one_line` (control characters
shown escaped, never sent to the terminal). :func:`write_file` is how a
command writes what the person asked for with ``-o``: into a pipe or device,
or atomically into a file, with a reminder when the data folder is encrypted
and the file is not.
"""

from __future__ import annotations

import sys
from pathlib import Path

from coach.text import escape_controls


def one_line(text: str) -> str:
    """User text for one line of output: as typed, control characters escaped."""
    return " ".join(escape_controls(text).splitlines())


def write_file(output: str, payload: bytes) -> None:
    """Write ``payload`` where the person asked (``-o``), and say so on stderr."""
    from coach.files import write_export
    from coach.vault import export_note

    write_export(Path(output), payload)
    print(f"Wrote {one_line(output)}", file=sys.stderr)
    note = export_note(output)
    if note:
        print(f"coach: {note}", file=sys.stderr)
