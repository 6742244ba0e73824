"""The line editor: an Input under the document that edits the highlighted block's text.

What is typed shows live in the document row and is saved by the meeting
screen at least every half second, on Enter and on leaving the field. The line
stays on screen (so opening it changes no layout) but takes the focus only
while it edits a line: idle, it cannot be focused, so no key can go into it
by mistake; a click on it starts editing the highlighted line.

Its keys (Enter, Esc, Tab) call the meeting screen directly, in the key's own
turn, never by a message: see :mod:`osgtui.screens.key_router`.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Input

EDIT_BINDINGS: list[BindingType] = [
    Binding("escape", "finish", "Done", tooltip="Save the line and stop editing", id="edit-done"),
    Binding("tab", "indent", "Indent", tooltip="Nest the bullet being edited", id="edit-indent"),
    Binding("shift+tab", "outdent", "Outdent", tooltip="Move the bullet being edited one level out",
            id="edit-outdent"),
]


class LineOwner(Protocol):
    """What the line editor calls (the meeting screen)."""

    def submit_line(self) -> None:
        """Enter: save, and on a new bullet open the next one."""

    def finish_edit(self) -> None:
        """Esc: save and close the editor."""

    def structure(self, op: str, *args: object) -> None:
        """Tab / Shift+Tab: indent or outdent the bullet being edited."""

    def start_edit(self, uid: str | None = None, *, new: bool = False) -> None:
        """Open the editor on a block (default: the highlighted one)."""


class EditBar(Input):
    """One-line editor of a block's text; Enter saves (and on a new bullet opens the next one)."""

    BINDINGS: ClassVar[list[BindingType]] = EDIT_BINDINGS
    can_focus = False  # focusable only while editing (MeetingScreen.start_edit / close_editor)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, placeholder="e: edit this line · o: new bullet · i: action item",
                         select_on_focus=False)
        self.uid: str | None = None
        self.is_new = False
        self.edit_id = 0

    @property
    def owner(self) -> LineOwner:
        """The meeting screen."""
        return self.screen  # type: ignore[return-value]

    def on_click(self, event: events.Click) -> None:
        """A click on the idle editor edits the highlighted line."""
        if self.uid is None:
            self.owner.start_edit()

    def action_submit(self) -> None:
        """Enter: handled at once by the screen (replaces Input's Submitted message)."""
        self.owner.submit_line()

    def action_finish(self) -> None:
        """Save and close the editor."""
        self.owner.finish_edit()

    def action_indent(self) -> None:
        """Indent the bullet being edited."""
        self.owner.structure("indent")

    def action_outdent(self) -> None:
        """Outdent the bullet being edited."""
        self.owner.structure("outdent")
