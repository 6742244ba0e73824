"""Every key of the console in one place: the tables that the panes, the footer, the help screen and
the command palette all read.

Each pane's widget takes its ``BINDINGS`` from here (the side panes' tables keep
theirs beside their code); :func:`osgtui.screens.help.binding_groups` lists them
pane by pane for the help screen. Only ``textual.binding`` is imported, so any module can read
the keys without importing the screens.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

SIDE_PANES: tuple[tuple[str, str, str, str], ...] = (
    # (name, tab title, key's label, what the key does)
    ("triage", "Triage", "Triage", "Show triage duty and counters"),
    ("tables", "Tables", "Tables", "Show the JIRA and release tables"),
    ("actions", "AIs", "Actions", "Show the action items"),
    ("attendance", "Attend", "Attendance", "Show the attendance checklist"),
    ("preview", "Preview", "Preview", "Show the Markdown preview"),
)
"""The side panes in tab order, the one list of them: keys 2-6 show them (:data:`MEETING_BINDINGS`),
and the side panel builds its tabs from it (``osgtui.widgets.side``)."""

APP_BINDINGS: list[BindingType] = [
    Binding("question_mark,f1", "help", "Help", tooltip="Every key, by pane", id="help"),
    Binding("q,ctrl+q", "quit", "Quit", tooltip="Quit (everything is already saved)", id="quit"),
]


MEETING_BINDINGS: list[BindingType] = [
    Binding("i", "new_action_item", "AI", tooltip="Add an action item: owners, a colon, the text", id="new-action-item"),
    Binding("u,ctrl+z", "undo", "Undo", tooltip="Undo the last change", id="undo"),
    Binding("U,ctrl+y", "redo", "Redo", show=False, tooltip="Redo the last undone change", id="redo"),
    Binding("x", "export", "Export", tooltip="Write the minutes' Markdown to a file", id="export"),
    Binding("r", "refresh_numbers", "Refresh", show=False, tooltip="Fetch Jira, Freshdesk and GGUS counts",
            id="refresh-numbers"),
    Binding("p", "publish", "Publish", show=False, tooltip="Commit the minutes to the minutes repository",
            id="publish"),
    Binding("m", "meetings", "Meetings", show=False, tooltip="List the meetings and open one", id="meetings"),
    Binding("slash", "search", "Search", show=False, tooltip="Search every meeting", id="search"),
    Binding("A", "people_actions", "People's AIs", show=False, tooltip="Open action items per person",
            id="people-actions"),
    Binding("g", "focus_pane('outline')", "Outline", tooltip="Jump to a section", id="focus-outline"),
    Binding("1", "focus_pane('document')", "Document", show=False, tooltip="Focus the document",
            id="focus-document"),
    *(Binding(key, f"focus_pane('{name}')", label, show=False, tooltip=tip, id=f"focus-{name}")
      for key, (name, _tab, label, tip) in zip("23456", SIDE_PANES)),
    Binding("escape", "focus_pane('document')", "Document", show=False,
            tooltip="Back to the document (from the outline or a side pane)", id="back-to-document"),
    Binding("z", "zoom", "Zoom", show=False, tooltip="Maximize the focused pane (again: restore)", id="zoom"),
    Binding("T", "restart_timer", "Restart timer", show=False, tooltip="The meeting starts now: timer to zero",
            id="restart-timer"),
    Binding("ctrl+r", "reload", "Reload", show=False, tooltip="Load the meeting again from the database",
            id="reload"),
    Binding("ctrl+n", "add_to_roster", "Add to roster", show=False,
            tooltip="Add the new owner of the last action item to [people] roster", id="add-to-roster"),
    Binding("ctrl+t", "take_over", "Take over", show=False,
            tooltip="Edit here once the other console has closed", id="take-over"),
]


DOCUMENT_BINDINGS: list[BindingType] = [
    Binding("o,a", "add('below')", "Add", tooltip="Add a bullet below (after nested bullets)", id="add-below"),
    Binding("O", "add('above')", "Add above", show=False, tooltip="Add a bullet above", id="add-above"),
    Binding("enter,e", "edit", "Edit", tooltip="Edit the line under the cursor", id="edit"),
    Binding("tab", "indent", "Indent", tooltip="Nest the bullet under the one above", id="indent"),
    Binding("shift+tab", "outdent", "Outdent", show=False, tooltip="Move the bullet one level out", id="outdent"),
    Binding("ctrl+up,K", "move(-1)", "Move up", show=False, tooltip="Swap with the bullet above", id="move-up"),
    Binding("ctrl+down,J", "move(1)", "Move down", show=False, tooltip="Swap with the bullet below", id="move-down"),
    Binding("d,delete", "delete", "Delete", tooltip="Delete the bullet and its nested bullets (undo: u)",
            id="delete"),
    Binding("s", "cycle_status", "Status", tooltip="Action item status: open → in progress → done",
            id="cycle-status"),
    Binding("N", "add_section", "New section", show=False, tooltip="Add a section heading", id="add-section"),
    Binding("M", "move_to_section", "Move to section", show=False,
            tooltip="Move the bullet (with its nested bullets) to another section", id="move-to-section"),
    Binding("X", "cut", "Cut", show=False, tooltip="Cut the bullet and its nested bullets (paste: P)", id="cut"),
    Binding("C", "copy", "Copy", show=False, tooltip="Copy the bullet and its nested bullets (paste: P)", id="copy"),
    Binding("P", "paste", "Paste", show=False, tooltip="Paste what was cut or copied below the bullet", id="paste"),
    Binding("j", "cursor_down", "Down", show=False, id="cursor-down"),
    Binding("k", "cursor_up", "Up", show=False, id="cursor-up"),
    Binding("]", "section(1)", "Next section", show=False, tooltip="Jump to the next heading", id="next-section"),
    Binding("[", "section(-1)", "Previous section", show=False, tooltip="Jump to the previous heading",
            id="previous-section"),
]


EDIT_BINDINGS: list[BindingType] = [
    Binding("enter", "submit", "Save", show=False, tooltip="Save the line (on a new bullet: open the next one)",
            id="edit-submit"),
    Binding("escape", "finish", "Done", tooltip="Save the line and stop editing", id="edit-done"),
    Binding("tab", "indent", "Indent", tooltip="Nest the bullet being edited", id="edit-indent"),
    Binding("shift+tab", "outdent", "Outdent", tooltip="Move the bullet being edited one level out",
            id="edit-outdent"),
    # The meeting's undo, as outside the editor (the line is saved, then the last change undone).
    Binding("ctrl+z,super+z", "screen.undo", "Undo", show=False, tooltip="Save the line, then undo the last change",
            id="edit-undo"),
    Binding("ctrl+y,super+y", "screen.redo", "Redo", show=False, tooltip="Redo the last undone change",
            id="edit-redo"),
]

