"""Literal table cells and the pane base class shared by the side panes."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import Vertical

if TYPE_CHECKING:
    from osgtui.console.session import MeetingSession

PENDING_STYLE = "bold yellow"
"""A number still to fill in (``?`` in the minutes): ``r`` fetches it, Enter types it."""


def as_of_text(meeting, refs, now: datetime | None = None) -> str:  # noqa: ANN001 - Meeting, CountRef list
    """``as of 14:05`` (local time; with the date when not today) of the latest fetched count among ``refs``.

    '' when none of them was fetched.
    """
    stamps = []
    for ref in refs:
        meta = meeting.count_meta.get((ref.group, ref.label))
        if meta is not None and meta.source in ("fetched", "computed") and meta.as_of:
            try:
                stamps.append(datetime.fromisoformat(meta.as_of).astimezone())
            except ValueError:
                continue
    if not stamps:
        return ""
    latest = max(stamps)
    today = (now or datetime.now().astimezone()).date()
    return f"as of {latest:%H:%M}" if latest.date() == today else f"as of {latest:%Y-%m-%d %H:%M}"


def cell(value: object, *, style: str = "", right: bool = False) -> Text:
    """A DataTable cell showing ``value`` literally (DataTable parses plain strings as markup)."""
    return Text(str(value), style=style, no_wrap=True, overflow="ellipsis", justify="right" if right else "left")


class Pane(Vertical):
    """A side pane: ``draw(session, cursor_uid)`` redraws it, ``focus_main()`` focuses its main widget."""

    def draw(self, session: MeetingSession, cursor_uid: str | None = None) -> None:
        """Redraw from the session; ``cursor_uid`` is the block under the document cursor."""
        raise NotImplementedError

    def focus_main(self) -> None:
        """Focus the widget the pane's keys act on."""
        # set_focus, not focus(): focus() only schedules it, and keys already queued would miss it.
        self.screen.set_focus(self.query("DataTable, SelectionList, TextArea").first())
