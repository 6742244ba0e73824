"""The sections a pull could not merge, shown side by side: the note-taker's text (kept) and theirs.

Opened by the console's pull (``p``, then ``u``) when both sides changed the
same section. Nothing here changes the meeting: the note-taker's version is
already what the meeting holds; the view shows what the other side wrote so it
can be combined by hand (theirs can be copied with ``c``), then ``p`` and ``f``
publish over theirs.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

ABSENT = "(no such section on this side)"


class ConflictsModal(ModalScreen[None]):
    """Each conflicting section with both versions in two columns; Esc closes."""

    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", tooltip="Back to the meeting (your text is kept)", id="conflicts-close"),
        Binding("c", "copy_theirs", "Copy theirs", tooltip="Copy their versions of the sections to the clipboard",
                id="conflicts-copy"),
    ]

    def __init__(self, conflicts: list[Any], where: str) -> None:
        super().__init__()
        self.conflicts = conflicts
        self.where = where

    def compose(self):
        """A title, then per section: its name, yours | theirs."""
        count = len(self.conflicts)
        with Vertical(id="conflicts-box"):
            yield Static(Content(f"{count} section{'s' if count != 1 else ''} changed on both sides: "
                                 f"your text is kept; theirs is {self.where}"), id="conflicts-title")
            with VerticalScroll(id="conflicts-list"):
                for conflict in self.conflicts:
                    yield Static(Content(conflict.section), classes="conflict-section")
                    with Horizontal(classes="conflict-pair"):
                        yield Static(Content("yours (kept)\n" + (conflict.ours or ABSENT).rstrip("\n")),
                                     classes="conflict-ours")
                        yield Static(Content("theirs\n" + (conflict.theirs or ABSENT).rstrip("\n")),
                                     classes="conflict-theirs")
            yield Static("Esc: back to the meeting · c: copy theirs · combine by hand, then p and f publish "
                         "over theirs", id="conflicts-keys", markup=False)

    def on_mount(self) -> None:
        """Scroll with the keys."""
        self.query_one("#conflicts-list").focus()

    def action_close(self) -> None:
        """Back to the meeting."""
        self.dismiss(None)

    def action_copy_theirs(self) -> None:
        """Their versions of the conflicting sections, to the clipboard."""
        text = "\n".join(c.theirs for c in self.conflicts if c.theirs)
        self.app.copy_to_clipboard(text)
        self.notify("their versions copied", markup=False, timeout=3)
