"""The line editor: a wrapping one-line text field under the document that edits the highlighted block.

It is as wide as the document and wraps a long bullet onto as many rows as it
needs (up to a few; then it scrolls), so the whole line stays in view while it
is typed. It holds one line: Enter is the editor's "done, next bullet", never a
newline, and pasted or restored text has its line breaks turned into spaces.

What is typed shows live in the document row and is saved by the meeting
screen at least every half second, on Enter and on leaving the field. The line
stays on screen but takes keys only while it edits a line: idle, no key can go
into it by mistake; a click on it starts editing the highlighted line.

It never takes Textual's focus: the focus stays on the document while a line is
edited, and the key router sends the keys to the editor
(:attr:`EditBar.takes_keys`, the meeting screen's ``key_target``). A focus
move restyles the widget it leaves and the one it enters; the document's
restyle (its border, its cursor bar, its scrollbars, fourteen component
styles) would repaint all of it on every ``o`` and every Enter. While it edits,
the editor shows itself as focused (``has_focus``: the ``:focus`` style, the
blinking cursor), which costs its own three rows.

Its keys (Enter, Esc, Tab, Shift+Tab) and a click on it post the messages
below, handled by the meeting screen; the keys behind wait until it has (see
:func:`osgtui.widgets.requests.post_request`).

One call goes up directly instead: each change of the text (a typed
character, a paste) calls its ``typing`` listener's ``line_typed`` (a
:class:`TypingListener`, the meeting screen) from :meth:`EditBar.edit`, in the
key's own turn. The document row then changes in the same turn as the editor
and both are repainted in one frame. A message would be handled turns later,
after bubbling through the editor's containers: the screen may paint the
editor's new text with the row's old one first (a frame more per key), and in
a burst the App types every queued character before any of them reaches the
row. Nothing reorders there (typing posts nothing the next key depends on),
but the row lags; the typing benchmark's last-line-on-screen time measures
that path.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual import events
from textual.binding import BindingType
from textual.document._document import EditResult
from textual.document._edit import Edit
from textual.message import Message
from textual.widgets import TextArea

from osgtui.widgets.keymap import EDIT_BINDINGS
from osgtui.widgets.requests import post_request


def one_line(text: str) -> str:
    """``text`` with its line breaks turned into spaces (the editor holds one line)."""
    if "\n" not in text and "\r" not in text:
        return text
    return " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


class TypingListener(Protocol):
    """Told of every change of the line editor's text, in the key's turn (the meeting screen; see the module)."""

    def line_typed(self) -> None:
        """The editor's text changed (a key, a paste): show it in the document in the same frame."""


class EditBar(TextArea):
    """One-line, soft-wrapping editor of a block's text; Enter saves (and on a new bullet opens the next one)."""

    class Submitted(Message):
        """Enter: save the line; on a new bullet, open the next one below."""

    class Finished(Message):
        """Esc: save the line and close the editor."""

    class Restructure(Message):
        """Tab / Shift+Tab: ``op`` (``indent`` or ``outdent``) the bullet being edited."""

        def __init__(self, op: str) -> None:
            super().__init__()
            self.op = op

    class EditHighlighted(Message):
        """A click on the idle editor: edit the document's highlighted line."""

    BINDINGS: ClassVar[list[BindingType]] = EDIT_BINDINGS
    can_focus = False  # never focused: it takes the keys while it edits (see the module docstring)

    def __init__(self, typing: TypingListener, *, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(id=id, soft_wrap=True, tab_behavior="focus", highlight_cursor_line=False,
                         placeholder=placeholder)
        self.typing = typing
        """Told of each change of the text, in the key's turn."""
        self.uid: str | None = None
        self.is_new = False
        self.edit_id = 0

    @property
    def takes_keys(self) -> bool:
        """Whether it edits a line now: the keys go into it (the focus stays on the document)."""
        return self.uid is not None

    def take_keys(self, on: bool) -> None:
        """Start (``on``) or stop taking the keys: look and act focused (cursor, blink, ``:focus``) or idle."""
        self.has_focus = on  # Textual's own state of a focused widget, without the focus move

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
            self.typing.line_typed()  # in the key's turn: the document row is repainted with the editor
        return result

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":  # never a newline (the router runs the binding first; this is the fallback)
            event.stop()
            event.prevent_default()
            self.action_submit()
            return
        await super()._on_key(event)

    def on_hide(self, event: events.Hide) -> None:
        """Hidden while it edits (the zoomed document, ``z``, shows the line being typed): it keeps the keys.

        Textual blurs a widget that is hidden and looks focused (``Widget._on_hide``),
        which would move the focus off the document in the middle of a line
        (``z`` then ``o`` in one burst). Idle, it is never focused.
        """
        if self.uid is not None:
            event.prevent_default()  # the base classes' Hide handlers (the blur) do not run

    def on_click(self, event: events.Click) -> None:
        """A click on the idle editor edits the highlighted line."""
        if self.uid is None:
            post_request(self, self.EditHighlighted())

    def action_submit(self) -> None:
        """Enter: save (the keys behind go into the next bullet)."""
        post_request(self, self.Submitted())

    def action_finish(self) -> None:
        """Save and close the editor."""
        post_request(self, self.Finished())

    def action_indent(self) -> None:
        """Indent the bullet being edited."""
        post_request(self, self.Restructure("indent"))

    def action_outdent(self) -> None:
        """Outdent the bullet being edited."""
        post_request(self, self.Restructure("outdent"))
