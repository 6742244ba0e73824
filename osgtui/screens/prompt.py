"""A one-line prompt dialog: section titles, action items, triage names, counts, export paths.

The dialog calls ``submit(value)`` on Enter and closes only when it returns no
error message, so what was typed is never thrown away by a failed save: the
error shows under the field and the text stays. Enter and Esc act in the key's
own turn (see :mod:`osgtui.screens.key_router`); once the dialog has been
dismissed it ignores every further key, so a second Enter or an Esc right
behind the first cannot close the screen beneath it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static
from textual.widgets.input import Selection

from osgtui.screens.key_router import focus_now

Submit = Callable[[str], "str | None"]


class CompletingInput(Input):
    """An Input where Tab accepts the completion shown after the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "complete", "Complete", tooltip="Accept the suggested completion", id="prompt-complete"),
    ]

    async def action_submit(self) -> None:
        """Enter: the dialog submits at once (replaces Input's Submitted message)."""
        screen = self.screen
        if isinstance(screen, PromptModal):
            screen.submit_value(self.value)

    def action_complete(self) -> None:
        """Accept the suggestion (Tab); without one, do nothing."""
        if self._suggestion and len(self._suggestion) > len(self.value):
            self.value = self._suggestion
            self.cursor_position = len(self.value)


class OwnerSuggester(Suggester):
    """Completes the owner being typed (``AI (Ma`` → ``AI (Mat``) from a list of names."""

    def __init__(self, names: Sequence[str], aliases: dict[str, str] | None = None) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = list(names)
        self.aliases = dict(aliases or {})

    async def get_suggestion(self, value: str) -> str | None:
        """The completed value, or None."""
        from osgtui.minutes.blocktree import complete_owner

        return complete_owner(value, self.names, self.aliases)


class PromptModal(ModalScreen[str | None]):
    """Ask for one line; Enter submits, Escape cancels."""

    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="prompt-cancel"),
    ]

    def __init__(self, title: str, submit: Submit, *, value: str = "", help: str = "", placeholder: str = "",
                 suggester: Suggester | None = None, preview: Callable[[str], str] | None = None,
                 names: Sequence[str] = (), replace_value: bool = False) -> None:
        super().__init__()
        self.prompt_title = title
        self.submit = submit
        self.value = value
        self.help = help
        self.placeholder = placeholder
        self.suggester = suggester
        self.preview = preview
        self.names = list(names)
        self.replace_value = replace_value
        """The first key typed replaces the value shown (a count, a name), as in a spreadsheet cell."""
        self.closed = False
        """Set when the dialog is dismissed: later keys are ignored."""

    def compose(self):
        """Title, field, preview line, error line, help."""
        with Vertical(id="prompt-box"):
            yield Static(Content(self.prompt_title), id="prompt-title")
            yield CompletingInput(self.value, placeholder=self.placeholder, suggester=self.suggester,
                                  id="prompt-input", select_on_focus=False)
            yield Static("", id="prompt-preview", markup=False)
            yield Static("", id="prompt-error", markup=False)
            if self.names:
                yield Static(Content("Names (Tab completes): " + ", ".join(self.names)), id="prompt-names")
            if self.help:
                yield Static(Content(self.help), id="prompt-help")

    def on_mount(self) -> None:
        """Focus the field (at once: typed keys are waiting), cursor at the end or the value selected."""
        field = self.query_one(CompletingInput)
        if self.replace_value and field.value:
            field.selection = Selection(0, len(field.value))
        else:
            field.cursor_position = len(field.value)
        focus_now(field)
        self._show_preview(field.value)

    def _show_preview(self, value: str) -> None:
        if self.preview is None:
            return
        try:
            text = self.preview(value)
        except Exception as err:  # noqa: BLE001 - a preview never breaks typing
            text = str(err)
        self.query_one("#prompt-preview", Static).update(Content(text))

    def on_input_changed(self, event: Input.Changed) -> None:
        """Update the preview; clear the error."""
        self._show_preview(event.value)
        self.query_one("#prompt-error", Static).update("")

    def submit_value(self, value: str) -> None:
        """Enter: submit; close only when it worked (nothing once closed)."""
        if self.closed or self.app.screen is not self:
            return
        error = self.submit(value)
        if error:
            self.query_one("#prompt-error", Static).update(Content(error))
            return
        self.close(value)

    def action_cancel(self) -> None:
        """Escape: close without saving."""
        self.close(None)

    def close(self, value: str | None) -> None:
        """Dismiss once; later calls do nothing."""
        if self.closed or self.app.screen is not self:
            return
        self.closed = True
        self.dismiss(value)
