"""Python run in a new process: what a command imports shows only in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys


def last_line_printed(code: str) -> str:
    """The last line that ``code`` prints, run by a new interpreter of this environment."""
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return completed.stdout.strip().splitlines()[-1]
