"""A read-only view of another meeting, opened from search or the history lists.

The meeting being taken stays open underneath: Esc goes back to it, ``e``
switches to editing the viewed meeting only after ``y`` confirms. The view
shows the meeting as it is published (its Markdown), the found line under
the cursor.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea


def block_line(meeting: Any, uid: str | None) -> int:
    """The line number (0-based) where the block ``uid`` starts in the rendered meeting (0 when absent)."""
    from osgtui.minutes.renderer import render_minutes

    index = next((i for i, b in enumerate(meeting.blocks) if b.uid == uid), None)
    if index is None:
        return 0
    return render_minutes(dataclasses.replace(meeting, blocks=meeting.blocks[:index])).count("\n")


class MeetingViewModal(ModalScreen[date | None]):
    """Another meeting, read-only; dismisses with its date when the note-taker chose to edit it."""

    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,b", "back", "Back", tooltip="Back to the meeting being taken", id="view-back"),
        Binding("e", "edit", "Edit this meeting", tooltip="Leave the meeting being taken and edit this one (asks)",
                id="view-edit"),
        Binding("y", "confirm", "Yes, switch", show=False, id="view-confirm"),
    ]

    def __init__(self, meeting: Any, current: date | None, focus: str | None = None) -> None:
        super().__init__()
        self.meeting = meeting
        self.current = current
        self.focus_uid = focus
        self.asking = False

    def compose(self):
        """Title, the meeting's text (read-only), the keys."""
        with Vertical(id="view-box"):
            yield Static(Content(f"{self.meeting.date.isoformat()} (read-only): {self.meeting.title}"),
                         id="view-title")
            yield TextArea("", id="view-text", read_only=True, soft_wrap=True)
            yield Static("", id="view-keys")

    def on_mount(self) -> None:
        """Show the text with the cursor on the found line."""
        from osgtui.minutes.renderer import render_minutes

        area = self.query_one(TextArea)
        area.load_text(render_minutes(self.meeting))
        line = block_line(self.meeting, self.focus_uid)
        area.move_cursor((line, 0), center=True)
        area.focus()
        self._keys()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``y`` only answers the switch question."""
        return self.asking if action == "confirm" else True

    def action_back(self) -> None:
        """Close the view (a pending question is dropped)."""
        if self.asking:
            self.asking = False
            self._keys()
            self.refresh_bindings()
            return
        self.dismiss(None)

    def action_edit(self) -> None:
        """Ask before the meeting being taken is replaced."""
        if self.current is None or self.current == self.meeting.date:
            self.dismiss(self.meeting.date)
            return
        self.asking = True
        self.query_one("#view-keys", Static).update(Content(
            f"Leave {self.current.isoformat()} (it is saved) and edit {self.meeting.date.isoformat()}?  "
            "y: yes  ·  Esc: no"))
        self.refresh_bindings()

    def action_confirm(self) -> None:
        """Yes: edit the viewed meeting."""
        if self.asking:
            self.dismiss(self.meeting.date)

    def _keys(self) -> None:
        back = f"Esc: back to {self.current.isoformat()}" if self.current else "Esc: back"
        self.query_one("#view-keys", Static).update(Content(f"{back}  ·  e: edit this meeting instead"))
