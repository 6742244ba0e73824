"""The line editor: an Input under the document that edits the highlighted block's text.

What is typed shows live in the document row and is saved by the meeting
screen at least every half second, on Enter and on leaving the field. The line
stays on screen (so opening it changes no layout); focusing it while idle
(a click, Tab from another pane) starts editing the highlighted line.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

EDIT_BINDINGS: list[BindingType] = [
    Binding("escape", "finish", "Done", tooltip="Save the line and stop editing", id="edit-done"),
    Binding("tab", "indent", "Indent", tooltip="Nest the bullet being edited", id="edit-indent"),
    Binding("shift+tab", "outdent", "Outdent", tooltip="Move the bullet being edited one level out",
            id="edit-outdent"),
]


class EditBar(Input):
    """One-line editor of a block's text; Enter saves (and on a new bullet opens the next one)."""

    BINDINGS: ClassVar[list[BindingType]] = EDIT_BINDINGS

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, placeholder="e: edit this line · o: new bullet · i: action item",
                         select_on_focus=False)
        self.uid: str | None = None
        self.is_new = False
        self.edit_id = 0

    def on_focus(self) -> None:
        """Focused while idle: edit the highlighted line (or give the focus back when that is not possible)."""
        if self.uid is None:
            self.call_after_refresh(self._start_idle)

    def _start_idle(self) -> None:
        screen = self.screen
        if self.uid is None and self.has_focus:
            screen.start_edit()  # type: ignore[attr-defined]
            if self.uid is None:
                screen.document.focus()  # type: ignore[attr-defined]

    def action_finish(self) -> None:
        """Save and close the editor."""
        self.screen.finish_edit()  # type: ignore[attr-defined]

    def action_indent(self) -> None:
        """Indent the bullet being edited."""
        self.screen.structure("indent")  # type: ignore[attr-defined]

    def action_outdent(self) -> None:
        """Outdent the bullet being edited."""
        self.screen.structure("outdent")  # type: ignore[attr-defined]
