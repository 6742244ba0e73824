"""The publish dialog: the repository checked first, the diff publishing would make, then a commit.

When others changed the meeting's file since osgtui last published it, the top
says so (which commit and who, or that the change is uncommitted) and ``y`` is
not offered: ``u`` merges their edits into the meeting, ``f`` overwrites them.
Counts still pending (``?``) are named at the top and ``y`` refuses; ``a``
publishes them as they are.

git runs in thread workers; the database is touched on the UI thread only
(recording what was published, as ``osgtui publish`` does).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel


class PublishModal(ModalScreen[bool | str]):
    """Shows the diff; y/Enter commits (a: even with pending counts), Escape cancels.

    On others' changes, ``u`` dismisses with ``"pull"`` (the meeting screen merges them) and ``f`` forces.
    """

    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "confirm", "Publish", tooltip="Commit the minutes and the nav line", id="publish-confirm"),
        Binding("a", "publish_anyway", "Publish anyway", tooltip="Publish with the pending (?) counts as they are",
                id="publish-anyway"),
        Binding("f", "force", "Overwrite theirs", tooltip="Publish over the changes others made to the file",
                id="publish-force"),
        Binding("u", "pull", "Pull theirs", tooltip="Merge their edits into the meeting, section by section",
                id="publish-pull"),
        Binding("escape,n", "cancel", "Cancel", tooltip="Close without publishing", id="publish-cancel"),
    ]

    def __init__(self, store: Any, config: Any, day: date) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.day = day
        self.markdown = ""
        self.settings: Any = None
        self.ready = False
        self.busy = False
        self.pending = ""
        self.conflict = ""
        self.last: str | None = None

    def compose(self):
        """Title, status line and the diff."""
        with Vertical(id="publish-box"):
            yield Static(Content(f"Publish the minutes of {self.day.isoformat()}"), id="publish-title")
            yield Static(Content("Working out the changes…"), id="publish-status")
            yield TextArea("", id="publish-diff", read_only=True, show_cursor=False, soft_wrap=False)
            yield Static(Content("y / Enter: commit  ·  Esc: cancel"), id="publish-keys")

    def on_mount(self) -> None:
        """Render the meeting and compute the diff (in a worker)."""
        from osgtui.errors import OsgtuiError
        from osgtui.minutes.renderer import render_minutes
        from osgtui.publish.pending import pending_counts, pending_message

        meeting = self.store.load_meeting(self.day)
        self.markdown = render_minutes(meeting)
        names = pending_counts(meeting)
        if names:
            self.pending = pending_message(self.day, names, "press a to publish them as they are")
            self.query_one("#publish-keys", Static).update(Content("a: publish anyway  ·  Esc: cancel"))
            self.refresh_bindings()
        from osgtui.publish import configured_repo

        self.settings = configured_repo(self.config)
        try:
            from osgtui.publish import repo_path

            repo_path(self.settings)
        except OsgtuiError as err:
            self._status(str(err))
            return
        from osgtui.publish import last_synced

        self.last = last_synced(self.store, self.day, self.settings)
        self._preview(self.last)

    def _status(self, text: str) -> None:
        self.query_one("#publish-status", Static).update(Content(text))

    @work(thread=True, exclusive=True, exit_on_error=False, group="publish", description="Publish preview")
    def _preview(self, last: str | None) -> None:
        from osgtui.errors import OsgtuiError
        from osgtui.publish import check_publish

        try:
            check = check_publish(self.settings, self.day, self.markdown, last)
        except OsgtuiError as err:
            self.app.call_from_thread(self._status, str(err))
            return
        self.app.call_from_thread(self._show_check, check)

    def _show_check(self, check: Any) -> None:
        self.ready = True
        if check.conflict is not None:
            self.conflict = f"Others changed this file: {check.conflict}. It was {check.who}."
            self.query_one(TextArea).load_text(check.conflict.diff)
            self.query_one("#publish-keys", Static).update(Content(
                "u: pull their edits into the meeting  ·  f: overwrite their changes  ·  Esc: cancel"))
            self._status(f"{self.conflict}\n{self.pending}" if self.pending else self.conflict)
            self.refresh_bindings()
            return
        diff = check.diff
        self.query_one(TextArea).load_text(diff or "(the repository already holds exactly this)")
        lines = f"{len(diff.splitlines())} diff lines against {self.settings.path}."
        self._status(f"{self.pending}\n{lines}" if self.pending else f"{lines} Publish?")

    def action_confirm(self) -> None:
        """Commit (in a worker); refused while counts are pending or others changed the file."""
        if self.conflict:
            self.notify(self.conflict, title="Not published", severity="warning", markup=False, timeout=10)
            return
        if self.pending:
            self.notify(self.pending, title="Not published", severity="warning", markup=False, timeout=10)
            return
        self._commit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Commit is offered only when it will succeed; "publish anyway" while counts are pending; force on a conflict."""
        if action == "publish_anyway":
            return bool(self.pending) and not self.conflict
        if action in ("force", "pull"):
            return bool(self.conflict)
        if action == "confirm":
            return not self.conflict
        return True

    def action_publish_anyway(self) -> None:
        """Commit with the pending counts as they are."""
        self._commit()

    def action_pull(self) -> None:
        """Close and let the meeting screen merge their edits (as ``osgtui pull``)."""
        if self.conflict and not self.busy:
            self.dismiss("pull")

    def action_force(self) -> None:
        """Commit over the changes others made (as ``osgtui publish --force``)."""
        if self.pending:
            self.notify(self.pending, title="Not published", severity="warning", markup=False, timeout=10)
        elif self.conflict:
            self._commit(force=True)

    def _commit(self, force: bool = False) -> None:
        if not self.ready or self.busy:
            return
        from osgtui.publish import last_synced

        self.busy = True
        self._status("Committing…")
        self._publish(last_synced(self.store, self.day, self.settings), force)

    @work(thread=True, exclusive=True, exit_on_error=False, group="publish", description="Publishing")
    def _publish(self, last: str | None, force: bool = False) -> None:
        from osgtui.errors import OsgtuiError
        from osgtui.publish import PublishConflictError, PushError, publish

        try:
            result = publish(self.settings, self.day, self.markdown, last, force=force)
        except PublishConflictError as err:
            self.app.call_from_thread(self._failed, str(err), err.diff)
            return
        except PushError as err:
            self.app.call_from_thread(self._done, err.result.head, str(err), "warning")
            return
        except OsgtuiError as err:
            self.app.call_from_thread(self._failed, str(err), None)
            return
        self.app.call_from_thread(self._done, result.head, result.summary, "information")

    def _failed(self, message: str, diff: str | None) -> None:
        self.busy = False
        self.ready = False
        self._status(message)
        if diff:
            self.query_one(TextArea).load_text(diff)

    def _done(self, head: str | None, summary: str, severity: SeverityLevel) -> None:
        from osgtui.publish import record_sync

        record_sync(self.store, self.day, self.settings, self.markdown, head)
        self.notify(summary, title="Published", severity=severity, markup=False, timeout=10)
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Close without publishing."""
        if not self.busy:
            self.dismiss(False)
