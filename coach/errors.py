"""Errors a user can cause, each with a message written for them.

They are raised deep inside the domain and caught once, at the edge (the
command line or a screen), where the message is shown as it is.
"""

from __future__ import annotations


class CoachError(Exception):
    """Base of every error whose message is meant for the user."""


class ScriptError(CoachError):
    """A prompt script could not be loaded; ``problems`` lists why."""

    def __init__(self, problems: list) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class AnswerRefused(CoachError):
    """An answer does not fit its prompt; the message says how to fix it."""


class ConditionError(CoachError):
    """A ``when`` condition is not valid; ``column`` is 1-based within it."""

    def __init__(self, message: str, column: int) -> None:
        self.message = message
        self.column = column
        super().__init__(f"column {column}: {message}")


class TemplateError(CoachError):
    """A text with ``{id}`` references is malformed; ``column`` is 1-based."""

    def __init__(self, message: str, column: int) -> None:
        self.message = message
        self.column = column
        super().__init__(f"column {column}: {message}")


class StoreError(CoachError):
    """The data folder cannot be used safely; the message says how to go on."""


class UnknownSession(CoachError):
    """No session (or more than one) matches the id or prefix given."""


class CouldNotSave(StoreError):
    """A write the system refused (read-only folder, full disk): nothing is damaged,
    the last saved state is kept, and the action can be tried again."""
