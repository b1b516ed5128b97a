"""The texts and conditions of a script, and which prompts they may refer to.

While ``coach.scripts.validate`` walks a script, :class:`References` parses each
interpolated text and ``when`` condition (reporting syntax errors at once),
and records where each prompt is (:class:`Place`) and each text or condition
that refers to prompts (:class:`Site`). Once the whole script is read,
:meth:`References.check` reports every reference that is unknown or too early.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.errors import ConditionError, TemplateError
from coach.scripts.conditions import parse_condition
from coach.scripts.kind_rules import article
from coach.scripts.model import LIST_KINDS
from coach.scripts.node_reader import NodeReader, suggestion
from coach.scripts.templates import FITS, TODAY, parse_template
from coach.scripts.yaml_nodes import Node, ScalarNode

EARLIER = "earlier"
"""Only prompts asked before this one (conditions, ask, help, placeholder, text, default)."""
EARLIER_STEPS = "earlier steps"
"""Only prompts of the steps before this one (a step's intro)."""
ANY = "any"
"""Every prompt of the script (a step's summary, the plan)."""


@dataclass(frozen=True)
class Place:
    """Where a prompt is: its rank in the whole script, its step, its line, its kind."""

    order: int
    step: int
    line: int
    kind: str | None


@dataclass(frozen=True)
class Site:
    """A text or condition that refers to prompts, checked once all are known."""

    node: Node
    references: frozenset[str]
    what: str
    """How messages name it: "a condition", "'ask'", "a step's 'intro'"."""
    scope: str
    order: int
    """The rank of its prompt, or the index of its step for ``EARLIER_STEPS``."""
    condition: bool = False
    needs_list: bool = False
    """A list prompt's ``default: "{id}"``, which takes another list answer."""
    filtered: frozenset[tuple[str, str]] = frozenset()
    """``(id, filter)`` of its references with a filter (``{headline|fits}``)."""


class References:
    """Every reference of one script: parsed as they come, checked at the end."""

    def __init__(self, reader: NodeReader) -> None:
        self.reader = reader
        self.places: dict[str, Place] = {}
        self.sites: list[Site] = []
        self.sources: list[tuple[Node, str, int, str]] = []
        """``options_from``, ``except_from``: the node, the id it names, the rank of its
        prompt, the key."""
        self.limited: set[str] = set()
        """Prompts with ``limits``: what ``{id|fits}`` can measure."""

    def add_prompt(self, prompt_id: str, place: Place) -> None:
        self.places.setdefault(prompt_id, place)

    def add_template(
        self, node: Node, text: str, key: str, scope: str, order: int, *, needs_list: bool = False
    ) -> bool:
        """Parse the interpolated text of ``key``; False (after reporting) when malformed."""
        try:
            template = parse_template(text)
        except TemplateError as error:
            message = f"'{key}': {error.message}"
            self.reader.report_in(node, error.column - 1, message, "template-syntax")
            return False
        what = f"a step's '{key}'" if scope == EARLIER_STEPS else f"'{key}'"
        self.sites.append(
            Site(
                node,
                template.references,
                what,
                scope,
                order,
                needs_list=needs_list,
                filtered=template.filtered,
            )
        )
        return True

    def add_condition(self, node: Node, source: str, order: int) -> bool:
        """Parse a ``when`` condition; False (after reporting) when it is malformed."""
        try:
            references = parse_condition(source).references
        except ConditionError as error:
            message = f"'when': {error.message}"
            self.reader.report_in(node, error.column - 1, message, "condition-syntax")
            return False
        self.sites.append(Site(node, references, "a condition", EARLIER, order, condition=True))
        return True

    def add_source(self, node: Node, source: str, order: int, key: str = "options_from") -> None:
        self.sources.append((node, source, order, key))

    def check(self) -> None:
        """Report every reference that names no prompt, or one it may not use."""
        for site in self.sites:
            for reference in sorted(site.references):
                found = self.problem(site, reference)
                if found and isinstance(site.node, ScalarNode):
                    value = site.node.value
                    index = value.find("{" + reference + "}")
                    if index < 0:
                        index = value.find("{" + reference + "|")
                    self.reader.report_in(site.node, max(index, 0), *found)
        for node, source, order, key in self.sources:
            found = self.source_problem(source, order, key)
            if found:
                self.reader.report(node, *found)

    def problem(self, site: Site, reference: str) -> tuple[str, str] | None:
        """The message and code of what is wrong with ``{reference}`` at ``site``."""
        shown = "'{" + reference + "}'"
        if reference == TODAY:
            if site.condition:
                message = f"{shown} is today's date, not an answer: a condition cannot use it"
                return message, "wrong-reference"
            return None
        place = self.places.get(reference)
        if place is None:
            choices = [*self.places, *([] if site.condition else [TODAY])]
            message = f"{shown} is not a prompt of this script{suggestion(reference, choices)}"
            return message, "unknown-reference"
        if place.kind == "info":
            return f"{shown} is an info prompt, which takes no answer", "wrong-reference"
        if site.needs_list and place.kind not in LIST_KINDS:
            kind = article(place.kind or "unknown")
            message = (
                f"a list 'default' can only take another list answer; {shown} is {kind} prompt"
            )
            return message, "wrong-reference"
        if (reference, FITS) in site.filtered and reference not in self.limited:
            message = (
                "'{" + reference + "|fits}' needs a text prompt with 'limits'; "
                f"'{reference}' has none"
            )
            return message, "wrong-reference"
        message = self._order_problem(site, shown, place)
        return (message, "order-reference") if message else None

    def _order_problem(self, site: Site, shown: str, place: Place) -> str | None:
        if site.scope == EARLIER and place.order == site.order:
            return f"{shown} is this prompt's own answer; {site.what} can only use earlier answers"
        if site.scope == EARLIER and place.order > site.order:
            return (
                f"{shown} is asked later (line {place.line}); "
                f"{site.what} can only use earlier answers"
            )
        if site.scope == EARLIER_STEPS and place.step >= site.order:
            where = "in this step" if place.step == site.order else "later"
            return (
                f"{shown} is asked {where} (line {place.line}); "
                f"{site.what} can only use answers from earlier steps"
            )
        return None

    def source_problem(
        self, source: str, order: int, key: str = "options_from"
    ) -> tuple[str, str] | None:
        """What is wrong with ``options_from: source`` (or ``except_from``) on the prompt
        of rank ``order``."""
        place = self.places.get(source)
        if place is None:
            hint = suggestion(source, self.places)
            message = f"'{key}' names '{source}', which is not a prompt of this script{hint}"
            return message, "unknown-reference"
        if place.order == order:
            return f"'{key}' cannot name the prompt itself", "order-reference"
        if place.order > order:
            return (
                f"'{key}' must name an earlier prompt; "
                f"'{source}' is asked later (line {place.line})",
                "order-reference",
            )
        if place.kind not in LIST_KINDS:
            kind = article(place.kind or "unknown")
            return (
                f"'{key}' must name a list or multi_choice prompt; '{source}' is {kind} prompt",
                "wrong-reference",
            )
        return None
