"""Quitting while the database cannot take the meeting: retry, write a recovery file, or quit anyway."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class UnsavedQuitModal(ModalScreen[str | None]):
    """Says what is not saved and why; returns ``retry``, ``recover``, ``discard`` or None (back)."""

    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('retry')", "Retry", tooltip="Try the database again", id="unsaved-retry"),
        Binding("w", "choose('recover')", "Write file", tooltip="Write a recovery file, then quit",
                id="unsaved-recover"),
        Binding("Q", "choose('discard')", "Quit anyway", tooltip="Quit and lose the unsaved changes",
                id="unsaved-discard"),
        Binding("escape", "choose(None)", "Back", tooltip="Back to the meeting", id="unsaved-back"),
    ]

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
        self.closed = False

    def compose(self):
        """The reason and the choices."""
        with Vertical(id="prompt-box"):
            yield Static(Content("Not saved"), id="prompt-title")
            yield Static(Content(f"The database cannot take the latest changes: {self.reason}."), id="prompt-error")
            yield Static(Content("r  try again now\n"
                                 "w  write the meeting to a recovery file, then quit\n"
                                 "Q  quit and lose the unsaved changes\n"
                                 "Esc  back to the meeting"), id="prompt-help")

    def action_choose(self, choice: str | None) -> None:
        """Close once with the choice."""
        if self.closed or self.app.screen is not self:
            return
        self.closed = True
        self.dismiss(choice)
