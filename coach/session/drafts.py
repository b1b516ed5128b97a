"""What was half typed: kept as a draft when the user leaves, given back when the prompt shows.

A prompt input says what it would keep (``PromptInput.draft``); :class:`Drafts`
decides whether it is worth keeping (not when it is just what the input
started with) and keeps it in the store, beside the session's answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coach.scripts.model import Prompt
from coach.scripts.templates import format_value
from coach.session.wizard import Wizard
from coach.store.records import SessionRecord
from coach.store.sessions import Store


class Drafts:
    """The drafts of one session: as the store keeps them, and the store to keep them in."""

    def __init__(self, record: SessionRecord, store: Callable[[], Store]) -> None:
        self.session_id = record.id
        self.kept: dict[str, Any] = dict(record.drafts)
        self._store = store
        self._to_announce = set(record.drafts)
        """Drafts from an earlier visit whose giving back is not said yet."""

    def restores(self, prompt: Prompt) -> bool:
        """Whether the input of ``prompt`` starts from a draft (given back, not answered)."""
        return prompt.answers and prompt.id in self.kept

    def announce(self, prompt: Prompt) -> bool:
        """Whether to say that ``prompt``'s draft was given back: once, and only for a
        draft left on an earlier visit (not one kept a moment ago by going back)."""
        if not self.restores(prompt) or prompt.id not in self._to_announce:
            return False
        self._to_announce.discard(prompt.id)
        return True

    def initial(self, wizard: Wizard, prompt: Prompt) -> Any:
        """What the input of ``prompt`` starts with: its draft, else its answer or default.

        (A prompt that takes no answer, ``info``, shows its text.)
        """
        if not prompt.answers:
            return wizard.render(prompt.text, markdown=True)
        if prompt.id in self.kept:
            return self.kept[prompt.id]
        return wizard.initial_value(prompt)

    def keep(self, wizard: Wizard, prompt: Prompt, draft: Any) -> None:
        """Keep ``draft`` for ``prompt``, unless it is just what its input started with.

        (Then a draft kept before goes: the input is back to the answer.)
        """
        if not prompt.answers:
            return
        store = self._store()
        if same_value(draft, wizard.initial_value(prompt)):
            if prompt.id in self.kept:
                store.clear_draft(self.session_id, prompt.id)
                del self.kept[prompt.id]
            return
        if prompt.id in self.kept and same_value(draft, self.kept[prompt.id]):
            return
        store.save_draft(self.session_id, prompt.id, draft)
        self.kept[prompt.id] = draft

    def answered(self, prompt_id: str) -> None:
        """The prompt's answer is saved: its draft is done with (the store drops it too)."""
        self.kept.pop(prompt_id, None)


def same_value(first: Any, second: Any) -> bool:
    """Whether two raw inputs say the same thing (``None`` and ``""`` alike)."""
    return (
        format_value(first if first is not None else "").strip()
        == format_value(second if second is not None else "").strip()
    )
