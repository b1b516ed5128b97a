"""Loading a prompt script from YAML, with every problem located in the file.

The YAML is composed into nodes (which know their line and column) and walked
here, so that all problems are reported at once, sorted, each as
``path:line:column: message``. A :class:`~coach.scripts.model.Script` comes back
only when there are none.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import yaml

from coach.errors import ScriptError
from coach.scripts.kind_defaults import LIST_REFERENCE
from coach.scripts.kind_rules import ASK_OPTIONAL, article, read_kind_fields
from coach.scripts.model import (
    COMMON_KEYS,
    FORMAT_VERSION,
    ITEM_ID,
    KIND_KEYS,
    KINDS,
    LIST_KINDS,
    RESERVED_IDS,
    SCRIPT_ID,
    Problem,
    Prompt,
    Script,
    Step,
)
from coach.scripts.node_reader import INT_TAG, NULL_TAG, Entry, NodeReader, suggestion
from coach.scripts.references import ANY, EARLIER, EARLIER_STEPS, Place, References
from coach.scripts.yaml_limits import MAX_SCRIPT_CHARS, refused, too_long
from coach.scripts.yaml_nodes import (
    NESTED_TOO_DEEPLY,
    Node,
    ScalarNode,
    compose,
    yaml_error_problem,
)

__all__ = ["load_script", "load_script_file", "load_script_text"]

TOP_KEYS = ("coach-script", "id", "title", "summary", "minutes", "steps", "plan")
STEP_KEYS = ("id", "title", "intro", "prompts", "summary")
PROMPT_KEYS = COMMON_KEYS + tuple(dict.fromkeys(k for keys in KIND_KEYS.values() for k in keys))
PROMPT_TEXTS = ("ask", "help", "placeholder")
"""Prompt keys whose text is interpolated (besides a string ``default``)."""

ID_RULE = {
    "script": "use only lowercase letters, digits and '-'",
    "step": "start with a lowercase letter and use only lowercase letters, digits, '_' and '-'",
    "prompt": "start with a lowercase letter and use only lowercase letters, digits, '_' and '-'",
}


def load_script_text(text: str, path: str = "<script>") -> tuple[Script | None, list[Problem]]:
    """The script in ``text`` and its problems; the script only when there are none."""
    if problems := refused(text, path):
        return None, problems  # too long, or aliases: nothing is composed or walked
    try:
        node, loader = compose(text)
    except yaml.YAMLError as error:
        found = yaml_error_problem(error, text)
        return None, [Problem(path, found.line, found.column, found.message, "yaml-syntax")]
    except RecursionError:
        return None, [Problem(path, 1, 1, NESTED_TOO_DEEPLY, "yaml-syntax")]
    if node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG and not node.value):
        message = "this script is empty: start it with 'coach-script: 1'"
        return None, [Problem(path, 1, 1, message, "empty-script")]
    builder = _ScriptBuilder(path, text, loader)
    script = builder.build(node)
    problems = sorted(builder.problems, key=lambda p: (p.line, p.column))
    return (script if not problems else None), problems


def load_script_file(path: str | Path) -> tuple[Script | None, list[Problem]]:
    """Like :func:`load_script_text` for a file; an unreadable file is a problem too."""
    name = str(path)
    try:
        data = _read_script_bytes(Path(path))
    except OSError as error:
        message = f"cannot read this file: {error.strerror or error}"
        return None, [Problem(name, 1, 1, message, "unreadable-file")]
    except ValueError as error:
        return None, [Problem(name, 1, 1, str(error), "unreadable-file")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"this file is not UTF-8 text (a bad byte on line {line}); save it as UTF-8"
        return None, [Problem(name, 1, 1, message, "unreadable-file")]
    return load_script_text(text.removeprefix("\ufeff"), name)


def _read_script_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_SCRIPT_CHARS`` * 4 bytes.

    Opened without blocking, so that a FIFO or a device named like a script
    never hangs a listing; raises ValueError, with the reason, for anything else.
    """
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(handle, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise ValueError("this is not a regular file, so it cannot be a script")
        limit = MAX_SCRIPT_CHARS * 4  # UTF-8 takes at most four bytes a character
        data = file.read(limit + 1)
    if len(data) > limit:
        raise ValueError(too_long(status.st_size, "bytes"))
    return data


def load_script(path: str | Path) -> Script:
    """The script at ``path``; raise :class:`ScriptError` listing every problem."""
    script, problems = load_script_file(path)
    if script is None:
        raise ScriptError(problems)
    return script


class _ScriptBuilder(NodeReader):
    """One walk over the nodes of a script, building it and noting every problem."""

    def __init__(self, path: str, text: str, loader: yaml.SafeLoader) -> None:
        super().__init__(path, text, loader)
        self.references = References(self)
        self.id_nodes: dict[tuple[str, str], Node] = {}
        self.prompt_count = 0

    def build(self, node: Node) -> Script | None:
        message = "a script should be keys like 'coach-script: 1', 'id', 'title' and 'steps'"
        entries = self.mapping(node, message)
        if entries is None or not self._version(entries, node):
            return None
        self.check_keys(entries, TOP_KEYS, {})
        script_id = self._id(entries, node, "script")
        title = self._text(entries, "title", node)
        summary = self._text(entries, "summary")
        minutes = (
            self.whole(entries["minutes"].value, "'minutes'", 1) if "minutes" in entries else None
        )
        steps = self._steps(entries, node)
        plan = self._template(entries, "plan", ANY, 0)
        self.references.check()
        if self.problems or script_id is None or title is None or steps is None:
            return None
        return Script(
            id=script_id,
            title=title,
            steps=steps,
            summary=summary or "",
            minutes=minutes,
            plan=plan or "",
            source=self.source,
            path=self.path,
        )

    def _version(self, entries: dict[str, Entry], owner: Node) -> bool:
        """Check ``coach-script``; False when the script is for a newer format."""
        if "coach-script" not in entries:
            message = "'coach-script' is missing: add 'coach-script: 1' at the top"
            self.report(owner, message, "format-version")
            return True
        node = entries["coach-script"].value
        if not (isinstance(node, ScalarNode) and node.tag == INT_TAG):
            message = "'coach-script' should be the format version: coach-script: 1"
            self.report(node, message, "format-version")
            return True
        version = self.integer(node, "'coach-script'")
        if version is None:
            return False
        if version > FORMAT_VERSION:
            self.report(
                node,
                f"this script needs coach-script format {version}; this Comeback Coach reads "
                f"format {FORMAT_VERSION}: update Comeback Coach",
                "format-version",
            )
            return False
        if version < 1:
            self.report(node, f"'coach-script' should be {FORMAT_VERSION}", "format-version")
        return True

    # --- steps ---------------------------------------------------------------

    def _steps(self, entries: dict[str, Entry], owner: Node) -> tuple[Step, ...] | None:
        if not self.require(entries, "steps", owner):
            return None
        nodes = self.sequence(entries["steps"].value, "'steps'")
        if nodes is None:
            return None
        if not nodes:
            self.report(
                entries["steps"].value,
                "'steps' is empty: a script needs at least one step",
                "empty-value",
            )
            return None
        steps = [self._step(node, index) for index, node in enumerate(nodes)]
        return tuple(steps) if all(steps) else None

    def _step(self, node: Node, index: int) -> Step | None:
        entries = self.mapping(node, "a step should be keys like 'id', 'title' and 'prompts'")
        if entries is None:
            return None
        self.check_keys(entries, STEP_KEYS, {})
        step_id = self._id(entries, node, "step")
        title = None
        if self.require(entries, "title", node):
            title = self._template(entries, "title", EARLIER_STEPS, index)
        intro = self._template(entries, "intro", EARLIER_STEPS, index)
        prompts = self._prompts(entries, node, index)
        summary = self._template(entries, "summary", ANY, 0)
        if step_id is None or title is None or prompts is None:
            return None
        return Step(step_id, title, prompts, intro or "", summary or "")

    def _prompts(self, entries: dict[str, Entry], owner: Node, step: int) -> tuple | None:
        if not self.require(entries, "prompts", owner):
            return None
        nodes = self.sequence(entries["prompts"].value, "'prompts'")
        if nodes is None:
            return None
        if not nodes:
            message = "'prompts' is empty: a step needs at least one"
            self.report(entries["prompts"].value, message, "empty-value")
            return None
        prompts = [self._prompt(node, step) for node in nodes]
        return tuple(prompts) if all(prompts) else None

    # --- prompts ---------------------------------------------------------------

    def _prompt(self, node: Node, step: int) -> Prompt | None:
        order, self.prompt_count = self.prompt_count, self.prompt_count + 1
        entries = self.mapping(node, "a prompt should be keys like 'id', 'kind' and 'ask'")
        if entries is None:
            return None
        kind = self._kind(entries, node)
        self._check_prompt_keys(entries, kind)
        prompt_id = self._id(entries, node, "prompt")
        if prompt_id is not None:
            self.references.add_prompt(
                prompt_id, Place(order, step, node.start_mark.line + 1, kind)
            )
        fields = self._common_fields(entries, node, kind, order)
        if kind is None or prompt_id is None:
            return None
        fields.update(read_kind_fields(self, kind, entries, node))
        if fields.get("limits"):
            self.references.limited.add(prompt_id)
        self._default_references(entries, fields, kind, order)
        return Prompt(id=prompt_id, kind=kind, **fields)

    def _kind(self, entries: dict[str, Entry], owner: Node) -> str | None:
        if not self.require(
            entries, "kind", owner, f"'kind' is missing: one of {', '.join(KINDS)}"
        ):
            return None
        node = entries["kind"].value
        kind = self.text(node, "'kind'")
        if kind is None or kind in KINDS:
            return kind
        hint = suggestion(kind, KINDS) or f"; the kinds are {', '.join(KINDS)}"
        self.report(node, f"unknown kind '{kind}'{hint}", "unknown-kind")
        return None

    def _check_prompt_keys(self, entries: dict[str, Entry], kind: str | None) -> None:
        if kind is None:
            self.check_keys(entries, PROMPT_KEYS, {})
            return
        valid = COMMON_KEYS + KIND_KEYS[kind]
        misplaced = {
            key: f"'{key}' does not apply to {article(kind)} prompt"
            for key in PROMPT_KEYS
            if key not in valid
        }
        self.check_keys(entries, valid, misplaced)

    def _common_fields(
        self, entries: dict[str, Entry], node: Node, kind: str | None, order: int
    ) -> dict:
        fields: dict = {}
        if kind not in ASK_OPTIONAL:
            self.require(entries, "ask", node, "'ask' is missing: write the question to ask")
        for key in PROMPT_TEXTS:
            if key in entries:
                fields[key] = self._template(entries, key, EARLIER, order)
        if "text" in entries and kind == "info":
            fields["text"] = self._template(entries, "text", EARLIER, order)
        if "required" in entries:
            fields["required"] = self.boolean(entries["required"].value, "'required'")
        if "when" in entries:
            fields["when"] = self._condition(entries["when"].value, order)
        return {key: value for key, value in fields.items() if value is not None}

    def _condition(self, node: Node, order: int) -> str | None:
        source = self.text(node, "'when'")
        if source is None or not self.references.add_condition(node, source, order):
            return None
        return source

    def _default_references(
        self, entries: dict[str, Entry], fields: dict, kind: str, order: int
    ) -> None:
        if isinstance(fields.get("default"), str):
            node, needs_list = entries["default"].value, kind in LIST_KINDS
            self.references.add_template(
                node, fields["default"], "default", EARLIER, order, needs_list=needs_list
            )
        if isinstance(fields.get("default"), tuple) and kind in LIST_KINDS:
            for node in entries["default"].value.value:
                if isinstance(node.value, str) and LIST_REFERENCE.match(node.value):
                    self.references.add_template(
                        node, node.value, "default", EARLIER, order, needs_list=True
                    )
        for key in ("options_from", "except_from"):
            if isinstance(fields.get(key), str):
                self.references.add_source(entries[key].value, fields[key], order, key)

    # --- values shared by scripts, steps and prompts ----------------------------

    def _id(self, entries: dict[str, Entry], owner: Node, what: str) -> str | None:
        """The id of a script, step or prompt; step and prompt ids are unique."""
        if not self.require(entries, "id", owner):
            return None
        node = entries["id"].value
        value = self.text(node, "'id'")
        if value is None:
            return None
        pattern = SCRIPT_ID if what == "script" else ITEM_ID
        first = self.id_nodes.setdefault((what, value), node)
        if what != "script" and value in RESERVED_IDS:
            message = f"'{value}' is reserved (it means today's date); choose another id"
            self.report(node, message, "bad-id")
        elif not pattern.match(value):
            self.report(node, f"{what} id '{value}' should {ID_RULE[what]}", "bad-id")
        elif first is not node:
            line = first.start_mark.line + 1
            self.report(node, f"{what} id '{value}' is used twice (first at line {line})", "bad-id")
        return value

    def _text(self, entries: dict[str, Entry], key: str, owner: Node | None = None) -> str | None:
        """A text value; required (and not empty) when ``owner`` is given."""
        if key not in entries:
            if owner is not None:
                self.require(entries, key, owner)
            return None
        return self.text(entries[key].value, f"'{key}'", empty=owner is None)

    def _template(self, entries: dict[str, Entry], key: str, scope: str, order: int) -> str | None:
        """An interpolated text: its syntax checked now, its references at the end."""
        if key not in entries:
            return None
        node = entries[key].value
        value = self.text(node, f"'{key}'", empty=key not in ("ask", "text", "title"))
        if value is not None:
            self.references.add_template(node, value, key, scope, order)
        return value
