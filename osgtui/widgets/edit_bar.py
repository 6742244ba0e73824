"""The line editor: a wrapping one-line text field under the document that edits the highlighted block.

It is as wide as the document and wraps a long bullet onto as many rows as it
needs (up to a few; then it scrolls), so the whole line stays in view while it
is typed. It holds one line: Enter is the editor's "done, next bullet", never a
newline, and pasted or restored text has its line breaks turned into spaces.

What is typed shows live in the document row and is saved by the meeting
screen at least every half second, on Enter and on leaving the field. The line
stays on screen but takes the focus only while it edits a line: idle, it cannot
be focused, so no key can go into it by mistake; a click on it starts editing
the highlighted line.

Its keys (Enter, Esc, Tab) call the meeting screen directly, in the key's own
turn, never by a message: see :mod:`osgtui.screens.key_router`.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual import events
from textual.binding import BindingType
from textual.document._document import EditResult
from textual.document._edit import Edit
from textual.widgets import TextArea

from osgtui.widgets.keymap import EDIT_BINDINGS


def one_line(text: str) -> str:
    """``text`` with its line breaks turned into spaces (the editor holds one line)."""
    if "\n" not in text and "\r" not in text:
        return text
    return " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


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

    def line_typed(self) -> None:
        """The editor's text changed (a key, a paste): show it in the document in the same frame."""


class EditBar(TextArea):
    """One-line, soft-wrapping editor of a block's text; Enter saves (and on a new bullet opens the next one)."""

    BINDINGS: ClassVar[list[BindingType]] = EDIT_BINDINGS
    can_focus = False  # focusable only while editing (MeetingScreen.start_edit / close_editor)

    def __init__(self, *, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(id=id, soft_wrap=True, tab_behavior="focus", highlight_cursor_line=False,
                         placeholder=placeholder)
        self.uid: str | None = None
        self.is_new = False
        self.edit_id = 0

    @property
    def owner(self) -> LineOwner:
        """The meeting screen."""
        return self.screen  # type: ignore[return-value]

    @property
    def value(self) -> str:
        """The line being edited."""
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.load_text(one_line(text))

    @property
    def cursor_position(self) -> int:
        """The cursor's offset in the line."""
        return self.cursor_location[1]

    @cursor_position.setter
    def cursor_position(self, offset: int) -> None:
        self.cursor_location = (0, offset)

    def edit(self, edit: Edit) -> EditResult:
        """Every change goes through here: a line break becomes a space, so the editor keeps one line."""
        if "\n" in edit.text or "\r" in edit.text:
            edit = Edit(one_line(edit.text), edit.from_location, edit.to_location, edit.maintain_selection_offset)
        result = super().edit(edit)
        if self.uid is not None:
            self.owner.line_typed()  # in the key's turn: the document row is repainted with the editor
        return result

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":  # never a newline (the router runs the binding first; this is the fallback)
            event.stop()
            event.prevent_default()
            self.action_submit()
            return
        await super()._on_key(event)

    def on_click(self, event: events.Click) -> None:
        """A click on the idle editor edits the highlighted line."""
        if self.uid is None:
            self.owner.start_edit()

    def action_submit(self) -> None:
        """Enter: handled at once by the screen."""
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
