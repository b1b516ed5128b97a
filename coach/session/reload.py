"""Carrying a session in progress over to a new version of its script (``coach preview``).

When an author saves the script being previewed, the answers given so far and
the place reached should survive the new version: an answer whose prompt still
exists keeps its value (as long as it still fits the prompt), the answer of a
removed prompt goes, and the preview stays on the same prompt, or on the next
one that survived when that one was removed. A prompt that the new version
skips by its ``when`` is skipped: the :class:`~coach.session.wizard.Wizard`
built on the result moves past it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coach.errors import AnswerRefused
from coach.scripts.model import Prompt, Script
from coach.session.answers import check_answer


@dataclass(frozen=True)
class Carried:
    """What survives a reload: answers, drafts and the prompt to show."""

    answers: dict[str, Any]
    drafts: dict[str, Any]
    position: str | None
    cleared: list[str] = field(default_factory=list)
    """Prompt ids whose answer no longer fits the prompt (its kind, options or limits changed)."""


def carry_over(
    old: Script,
    new: Script,
    answers: Mapping[str, Any],
    drafts: Mapping[str, Any],
    position: str | None,
    *,
    today: date,
) -> Carried:
    """The answers, drafts and position of a session of ``old``, for ``new``."""
    prompts = {prompt.id: prompt for prompt in new.prompts if prompt.answers}
    kept: dict[str, Any] = {}
    cleared: list[str] = []
    for prompt in new.prompts:  # in order, so options_from sees the answers before it
        if prompt.id not in prompts or prompt.id not in answers:
            continue
        value = answers[prompt.id]
        fitted = _fitted(prompt, value, kept, today)
        if fitted is _MISFIT:
            cleared.append(prompt.id)
        else:
            kept[prompt.id] = fitted
    old_kinds = {prompt.id: prompt.kind for prompt in old.prompts}
    kept_drafts = {
        prompt_id: draft
        for prompt_id, draft in drafts.items()
        if prompt_id in prompts and prompts[prompt_id].kind == old_kinds.get(prompt_id)
    }
    return Carried(kept, kept_drafts, carry_position(old, new, position), cleared)


def carry_position(old: Script, new: Script, position: str | None) -> str | None:
    """The prompt to show in ``new``: the same one, else the next one of ``old`` that
    survived, else the last one before it that did (None: the end, or the start)."""
    if position is None:
        return None
    ids = [prompt.id for prompt in old.prompts]
    surviving = {prompt.id for prompt in new.prompts}
    if position in surviving or position not in ids:
        return position if position in surviving else None
    here = ids.index(position)
    for prompt_id in [*ids[here + 1 :], *reversed(ids[:here])]:
        if prompt_id in surviving:
            return prompt_id
    return None


_MISFIT = object()


def _fitted(prompt: Prompt, value: Any, earlier: Mapping[str, Any], today: date) -> Any:
    """``value`` as an answer to ``prompt`` now, or ``_MISFIT`` when it no longer fits."""
    if value is None:
        return None
    options = prompt.options
    if prompt.options_from:
        options = tuple(str(item) for item in earlier.get(prompt.options_from) or ())
    try:
        return check_answer(prompt, value, today=today, options=options)
    except (AnswerRefused, TypeError, ValueError):
        return _MISFIT
