"""The outline pane: the meeting's sections; Enter jumps the document to one."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from osgtui.minutes.model import Meeting


class Outline(OptionList):
    """Headings of the meeting (the header block first); selecting one moves the document there."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="outline-down"),
        Binding("k", "cursor_up", "Up", show=False, id="outline-up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._uids: list[str] = []
        self._signature: tuple[object, ...] = ()

    def show(self, meeting: Meeting) -> None:
        """List the meeting's headings (rebuilt only when they changed)."""
        from osgtui.minutes.model import Heading

        entries: list[tuple[str, str]] = []
        for block in meeting.blocks:
            if isinstance(block, Heading):
                if block.level == 1:
                    entries.append((block.uid, "Header"))
                else:
                    entries.append((block.uid, "  " * (block.level - 2) + block.title))
        if not entries and meeting.blocks:
            entries.append((meeting.blocks[0].uid, "Header"))
        signature = tuple(entries)
        if signature == self._signature:
            return
        self._signature = signature
        self._uids = [uid for uid, _ in entries]
        highlighted = self.highlighted
        self.set_options([Option(Content(title), uid) for uid, title in entries])
        if highlighted is not None and entries:
            self.highlighted = min(highlighted, len(entries) - 1)

    def follow(self, heading_uid: str | None) -> None:
        """Highlight the entry of the section the document cursor is in (without moving focus)."""
        if heading_uid in self._uids:
            index = self._uids.index(heading_uid)
            if self.highlighted != index:
                with self.prevent(OptionList.OptionHighlighted):
                    self.highlighted = index
