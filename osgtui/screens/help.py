"""The help screen: every key of the console, pane by pane (generated from the bindings)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from osgtui.widgets.keymap import APP_BINDINGS, DOCUMENT_BINDINGS, EDIT_BINDINGS, MEETING_BINDINGS


def binding_groups() -> list[tuple[str, list[BindingType]]]:
    """(pane, bindings) for every part of the console, in the order the help shows them."""
    from osgtui.screens.prompt import CompletingInput
    from osgtui.widgets.action_items import ActionTable
    from osgtui.widgets.attendance import AttendanceList
    from osgtui.widgets.tables import CountTable
    from osgtui.widgets.triage import TriageTable

    return [
        ("Document (the bullets)", DOCUMENT_BINDINGS),
        ("Editing a line (Enter saves; on a new bullet Enter opens the next)", EDIT_BINDINGS),
        ("Anywhere in the meeting", MEETING_BINDINGS),
        ("Triage pane", TriageTable.BINDINGS),
        ("Tables pane", CountTable.BINDINGS),
        ("Actions pane", ActionTable.BINDINGS),
        ("Attendance pane (space toggles)", AttendanceList.BINDINGS),
        ("Action item and other one-line dialogs (Enter saves, Esc cancels)", CompletingInput.BINDINGS),
        ("Console", [*APP_BINDINGS, Binding("ctrl+p", "command_palette", "Commands",
                                            tooltip="Search every command by name")]),
    ]


class HelpScreen(ModalScreen[None]):
    """Keys by pane; Escape, ? or q closes it."""

    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q,f1", "close", "Close", tooltip="Close the help", id="help-close"),
    ]

    def compose(self):
        """One block of lines per pane."""
        with Vertical(id="help-box"):
            yield Static(Content("Keys  (every command is also in the palette: ctrl+p)"), id="help-title")
            with VerticalScroll(id="help-scroll"):
                for title, bindings in binding_groups():
                    yield Static(Content(title), classes="help-group")
                    lines = []
                    for binding in bindings:
                        if not isinstance(binding, Binding):
                            continue
                        keys = ", ".join(self.app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(","))
                        lines.append(f"  {keys:<16} {binding.description:<18} {binding.tooltip}")
                    yield Static(Content("\n".join(lines)), classes="help-lines")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
