"""Commands for people who write prompt scripts: ``schema``, ``new-script``, ``preview``.

``schema`` and ``new-script`` only write text and never import Textual; ``preview``
opens the application, imported only then.
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


SCHEMA_NAME = "coach-script.schema.json"
"""The schema file ``new-script`` puts beside a new script, for the editor line."""
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_NAME}\n"


def starter_text(path: Path) -> str:
    """The starter script, with an id and title taken from the file's name."""
    import re

    from coach.scripts.model import SCRIPT_ID

    text = (Path(__file__).resolve().parent.parent / "scripts" / "starter.yaml").read_text(
        encoding="utf-8"
    )
    script_id = re.sub(r"[^a-z0-9-]+", "-", path.stem.lower()).strip("-")
    if SCRIPT_ID.match(script_id):
        text = re.sub(r"(?m)^id: my-script *", f"id: {script_id} ".ljust(26), text, count=1)
    title = re.sub(r"[-_\s]+", " ", path.stem).strip()
    if title:
        title = title[0].upper() + title[1:]
        shown = title if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ]*", title) else json.dumps(title)
        text = re.sub(r"(?m)^title: My script *", f"title: {shown} ".ljust(26), text, count=1)
    return SCHEMA_LINE + text


def new_script(args: argparse.Namespace) -> int:
    from coach.errors import CoachError

    path = Path(args.file)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(starter_text(path))
    except FileExistsError:
        raise CoachError(
            f"{path} already exists: nothing was written. Choose another name."
        ) from None
    except OSError as error:
        raise CoachError(f"Could not write {path}: {error.strerror or error}.") from None
    print(f"Wrote {path}. Try it with: coach preview {_shell(path)}", file=sys.stderr)
    schema_path = path.parent / SCHEMA_NAME
    try:
        with schema_path.open("x", encoding="utf-8") as handle:
            handle.write(schema_text())
        print(
            f"Wrote {schema_path}, for editors that check YAML against a schema.", file=sys.stderr
        )
    except OSError:
        pass  # one is there already (or the folder refuses it): the script is what counts
    return 0


def preview(args: argparse.Namespace) -> int:
    from coach.errors import CoachError

    path = Path(args.file)
    if not path.is_file():
        raise CoachError(
            f"{path} is not a file. Start a script with: coach new-script {_shell(path)}"
        )
    from coach.tui.preview import run_preview

    return run_preview(path, theme=_theme(args))


def _theme(args: argparse.Namespace) -> str | None:
    """The theme picked in the app last time (read only: the preview saves nothing)."""
    from coach.errors import CoachError
    from coach.paths import data_dir
    from coach.store.sessions import Store

    store = Store(data_dir(getattr(args, "data_dir", None)))
    if not store.settings_path.is_file():
        return None
    try:
        theme = store.get_setting("theme", None)
    except (CoachError, OSError):
        return None
    return theme if isinstance(theme, str) else None


def _shell(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
