"""Commands for people who write prompt scripts: ``schema`` and ``new-script``.

``coach preview`` opens the application, so it lives with the commands that do
(``coach.cli.sessions``); these two only write text and never import Textual.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def schema_text() -> str:
    from coach.scripts.schema import script_schema

    return json.dumps(script_schema(), indent=2, ensure_ascii=True) + "\n"


def schema(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.output:
        from coach.files import write_atomically

        write_atomically(Path(args.output), text.encode("utf-8"))
        print(f"Wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
