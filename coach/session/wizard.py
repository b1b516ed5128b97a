"""A session in progress over a script: what to ask next, and what was said.

The ``Wizard`` knows no files and no screen. It is given a script and the
answers so far, and it decides which prompt comes next (skipping those whose
``when`` is false), checks answers, moves back and forth, and renders the
script's texts with the answers filled in. The caller saves what it hands out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from coach.scripts.conditions import parse_condition
from coach.scripts.kind_defaults import LIST_REFERENCE
from coach.scripts.model import Prompt, Script, Step
from coach.scripts.templates import format_value, parse_template
from coach.session.answers import check_answer
from coach.text import escape_markdown

Clock = Callable[[], date]


@dataclass(frozen=True)
class Completion:
    """Prompts answered out of the prompts that apply (``info`` pauses excluded)."""

    done: int
    total: int

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


@dataclass(frozen=True)
class Advance:
    """What ``accept_answer`` did: the value kept, and where the wizard went."""

    value: Any
    next: Prompt | None
    finished_step: Step | None
    """The step this answer completed, if the next prompt is in another step (or the end)."""


class Wizard:
    """The state of one session: its script, its answers and the current prompt."""

    def __init__(
        self,
        script: Script,
        answers: Mapping[str, Any] | None = None,
        position: str | None = None,
        *,
        clock: Clock = date.today,
    ) -> None:
        self.script = script
        self.answers: dict[str, Any] = dict(answers or {})
        self.clock = clock
        self._prompts = script.prompts
        self._limits = {p.id: p.limits for p in self._prompts if p.limits}
        """What ``{id|fits}`` measures against."""
        self._index = self._start_index(position)

    # -- where we are --------------------------------------------------------

    @property
    def current(self) -> Prompt | None:
        """The prompt to show, or None when every prompt that applies is done."""
        if self._index < len(self._prompts):
            return self._prompts[self._index]
        return None

    @property
    def is_finished(self) -> bool:
        return self.current is None

    @property
    def position(self) -> str | None:
        current = self.current
        return current.id if current else None

    @property
    def current_step(self) -> Step:
        current = self.current
        return self.script.step_of(current.id) if current else self.script.steps[-1]

    def applicable(self) -> list[Prompt]:
        """The prompts whose ``when`` holds, given the answers of those before them."""
        shown: list[Prompt] = []
        context: dict[str, Any] = {}
        for prompt in self._prompts:
            if prompt.when is None or parse_condition(prompt.when).evaluate(context):
                shown.append(prompt)
                if prompt.id in self.answers:
                    context[prompt.id] = self.answers[prompt.id]
        return shown

    def applies(self, prompt: Prompt) -> bool:
        return any(p.id == prompt.id for p in self.applicable())

    def values(self) -> dict[str, Any]:
        """The answers that count: those of prompts that apply (skipped ones are unanswered)."""
        return {p.id: self.answers[p.id] for p in self.applicable() if p.id in self.answers}

    def completion(self) -> Completion:
        asked = [p for p in self.applicable() if p.answers]
        return Completion(sum(1 for p in asked if p.id in self.answers), len(asked))

    def is_step_start(self, prompt: Prompt | None = None) -> bool:
        """Whether ``prompt`` (default: the current one) is the first shown of its step."""
        prompt = prompt or self.current
        if prompt is None:
            return False
        step = self.script.step_of(prompt.id)
        firsts = [p for p in self.applicable() if self.script.step_of(p.id) is step]
        return bool(firsts) and firsts[0].id == prompt.id

    def step_states(self) -> list[tuple[Step, str]]:
        """Each step with ``"done"``, ``"current"`` or ``"todo"``, for a step indicator."""
        current = self.current
        here = self.script.steps.index(self.current_step) if current else len(self.script.steps)
        return [
            (step, "done" if i < here else "current" if i == here else "todo")
            for i, step in enumerate(self.script.steps)
        ]

    # -- moving --------------------------------------------------------------

    def accept_answer(self, raw: Any) -> Advance:
        """Check ``raw`` for the current prompt, keep it, and move to the next prompt.

        Raises ``AnswerRefused`` (with a message for the user) when it does not fit.
        """
        prompt = self.current
        if prompt is None:
            raise RuntimeError("the session is finished: there is no prompt to answer")
        value = None
        if prompt.answers:
            value = check_answer(
                prompt,
                raw,
                today=self.clock(),
                options=self.options_for(prompt),
                excluded=self.excluded_for(prompt),
            )
            self.answers[prompt.id] = value
        self._index = self._next_index(self._index)
        step = self.script.step_of(prompt.id)
        following = self.current
        ends_step = following is None or self.script.step_of(following.id) is not step
        return Advance(value, following, step if ends_step else None)

    def back(self) -> Prompt | None:
        """Go to the previous prompt that applies; later answers are kept."""
        shown = {p.id for p in self.applicable()}
        for index in range(self._index - 1, -1, -1):
            if self._prompts[index].id in shown:
                self._index = index
                break
        return self.current

    def go_to(self, prompt_id: str) -> Prompt:
        """Jump to a prompt that applies, e.g. to edit it from a step summary."""
        for index, prompt in enumerate(self._prompts):
            if prompt.id == prompt_id and self.applies(prompt):
                self._index = index
                return prompt
        raise KeyError(prompt_id)

    def _next_index(self, index: int) -> int:
        shown = {p.id for p in self.applicable()}
        for later in range(index + 1, len(self._prompts)):
            if self._prompts[later].id in shown:
                return later
        return len(self._prompts)

    def _start_index(self, position: str | None) -> int:
        ids = [p.id for p in self._prompts]
        if position in ids:
            index = ids.index(position)
            if self.applies(self._prompts[index]):
                return index
            return self._next_index(index)
        if not self.answers:
            return self._next_index(-1)
        for prompt in self.applicable():
            if prompt.answers and prompt.id not in self.answers:
                return ids.index(prompt.id)
        return len(self._prompts)

    # -- what to show --------------------------------------------------------

    def render(self, source: str, *, markdown: bool = False, drop_empty_lines: bool = False) -> str:
        """Fill ``{id}`` references of a script text with the answers that count.

        ``markdown``: the answers are escaped for Markdown. ``drop_empty_lines`` (for
        the texts made of labelled answers: a step's summary, the plan): a line
        whose every answer is empty is left out, so an optional question left
        empty leaves no bare label behind.
        """
        template = parse_template(source)
        return template.render(
            self.values(),
            self.clock(),
            drop_empty_lines=drop_empty_lines,
            escape=escape_markdown if markdown else None,
            limits=self._limits,
        )

    def options_for(self, prompt: Prompt) -> tuple[str, ...]:
        """The options offered: the script's own or an earlier answer's items, less
        those of ``except_from``."""
        options = prompt.options
        if prompt.options_from:
            earlier = self.values().get(prompt.options_from) or []
            options = tuple(str(item) for item in earlier)
        excluded = {item.casefold() for item in self.excluded_for(prompt)}
        return tuple(option for option in options if option.casefold() not in excluded)

    def excluded_for(self, prompt: Prompt) -> tuple[str, ...]:
        """The items of the earlier answer that ``except_from`` names (none without it)."""
        if not prompt.except_from:
            return ()
        earlier = self.values().get(prompt.except_from) or []
        return tuple(str(item) for item in earlier) if isinstance(earlier, list) else ()

    def initial_value(self, prompt: Prompt) -> Any:
        """What the input starts with: the answer given before, else the script's default."""
        if prompt.id in self.answers:
            return self.answers[prompt.id]
        default = prompt.default
        if isinstance(default, list | tuple):
            return self._list_default(list(default))
        if not isinstance(default, str):
            return default
        if prompt.takes_list:
            return self._list_default([default])
        return self.render(default)

    def _list_default(self, items: list[str]) -> list[str] | str:
        """A list default: an item ``"{id}"`` gives that earlier list answer's items; each
        item once. A lone ``"{id}"`` that is not a list answer renders as text."""
        values = self.values()
        found: list[str] = []
        for item in items:
            reference = item.strip()
            if LIST_REFERENCE.match(reference):
                answer = values.get(reference[1:-1])
                if isinstance(answer, list):
                    found += [str(part) for part in answer]
                    continue
                if len(items) == 1:
                    return self.render(item)
                continue
            found.append(item)
        unique: dict[str, str] = {}
        for item in found:
            unique.setdefault(item.casefold(), item)
        return list(unique.values())

    def step_summary(self, step: Step) -> str:
        """The step's summary as Markdown: the script's own, or its questions and answers
        (also when every line of the script's own was left out, its answers all empty)."""
        if step.summary.strip():
            summary = self.render(step.summary, markdown=True, drop_empty_lines=True)
            if summary.strip():
                return summary
        return self.step_answers(step)

    def step_answers(self, step: Step) -> str:
        """The step's questions and the answers given so far, as Markdown."""
        shown = {p.id for p in self.applicable()}
        lines = [f"## {escape_markdown(self.render(step.title))}", ""]
        for prompt in step.prompts:
            if prompt.answers and prompt.id in shown and prompt.id in self.answers:
                lines += [f"**{escape_markdown(self.render(prompt.ask))}**", ""]
                lines += [markdown_answer(self.answers[prompt.id]), ""]
        return "\n".join(lines).rstrip() + "\n"


def markdown_answer(value: Any) -> str:
    """An answer as a Markdown block: a list of two or more as bullets, else its text."""
    if isinstance(value, list | tuple) and len(value) > 1:
        return "\n".join(f"- {escape_markdown(format_value(item))}" for item in value)
    return escape_markdown(format_value(value)) or "(skipped)"
