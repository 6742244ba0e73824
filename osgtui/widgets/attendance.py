"""Attendance pane: the roster as a checklist; last week's attendees are marked as suggestions."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from osgtui.widgets.cells import Pane
from osgtui.widgets.requests import post_request

if TYPE_CHECKING:
    from osgtui.console.session import MeetingSession


class AttendanceList(SelectionList[str]):
    """Space or Enter toggles a name (saved at once); L takes last week's attendees."""

    class AttendanceSet(Message):
        """Who attends is now ``names`` (a name toggled, or L): the meeting screen saves it."""

        def __init__(self, names: list[str]) -> None:
            super().__init__()
            self.names = names

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Toggle", show=False, id="attendance-toggle"),
        Binding("L", "last_week", "Last week's", tooltip="Mark everyone who attended last week",
                id="attendance-last-week"),
    ]

    def action_last_week(self) -> None:
        """Add last week's attendees."""
        pane = self.parent
        last_week = pane.last_week if isinstance(pane, AttendancePane) else []
        names = sorted(set(self.selected) | set(last_week), key=str.casefold)
        post_request(self, self.AttendanceSet(names))


class AttendancePane(Pane):
    """Who attends: roster, this meeting's names and last week's names."""

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.last_week: list[str] = []
        self._last_week_of: object = None
        self._drawing = False

    def compose(self):
        """The checklist and its legend."""
        yield AttendanceList(id="attendance-list")
        yield Static(Content("Space: toggle  ·  L: add everyone marked “last week”"), id="attendance-note")

    def draw(self, session: MeetingSession, cursor_uid: str | None = None) -> None:
        """Rebuild the checklist from the meeting."""
        from osgtui.minutes.extract import attending

        store, meeting = session.store, session.meeting
        if self._last_week_of != meeting.date:
            previous = store.latest_before(meeting.date)
            self.last_week = attending(store.load_meeting(previous)) if previous else []
            self._last_week_of = meeting.date
        here = attending(meeting)
        names = list(dict.fromkeys([*session.config.people.roster, *here, *self.last_week]))
        names.sort(key=str.casefold)
        checklist = self.query_one(AttendanceList)
        highlighted = checklist.highlighted
        self._drawing = True
        checklist.clear_options()
        checklist.add_options([
            Selection(Content(name + ("  · last week" if name in self.last_week else "")), name, name in here)
            for name in names
        ])
        if names:
            checklist.highlighted = min(highlighted or 0, len(names) - 1)
        self._drawing = False

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        """Save the new attendance."""
        event.stop()
        if not self._drawing:
            checklist = self.query_one(AttendanceList)
            post_request(checklist, checklist.AttendanceSet(list(checklist.selected)))
