"""The help screen: every key of the console, pane by pane (generated from the bindings)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from osgtui.screens.keymap import binding_groups


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
