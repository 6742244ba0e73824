"""Literal table cells and the pane base class shared by the side panes."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical


PENDING_STYLE = "bold yellow"
"""A number still to fill in (``?`` in the minutes): ``r`` fetches it, Enter types it."""


def cell(value: object, *, style: str = "", right: bool = False) -> Text:
    """A DataTable cell showing ``value`` literally (DataTable parses plain strings as markup)."""
    return Text(str(value), style=style, no_wrap=True, overflow="ellipsis", justify="right" if right else "left")


class Pane(Vertical):
    """A side pane: ``draw(session)`` redraws it, ``focus_main()`` focuses its main widget."""

    def draw(self, session) -> None:  # noqa: ANN001 - MeetingSession, imported lazily
        """Redraw from the session."""
        raise NotImplementedError

    def focus_main(self) -> None:
        """Focus the widget the pane's keys act on."""
        from osgtui.screens.key_router import focus_now

        focus_now(self.query("DataTable, SelectionList, TextArea").first())
