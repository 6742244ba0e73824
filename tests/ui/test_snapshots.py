"""Snapshots of every pane and dialog at 120x40, and of the main screen at the laptop sizes.

The meeting screen has three layouts (osgtui.screens.meeting): wide (160x48: outline,
document, side panes), medium (100x30, 120x36, 120x40: document and side panes, the
outline in the side panes' place while focused) and narrow (80x24: one pane at a time).

Fixed data (tests/ui/sample.py), a frozen clock, no blinking cursor, no user
configuration. Regenerate with ``pytest tests/ui/test_snapshots.py --snapshot-update``
and look at the SVGs before committing them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from osgtui.app import ConsoleApp
from osgtui.console.editlock import EditorLock
from osgtui.store.database import Store
from tests.polling import until
from tests.ui.conftest import DAY, burst, goto, keys_done, ready

SIZE = (120, 40)


@pytest.fixture
def make_app(make_app):  # noqa: F811 - the conftest factory, with the autosave out of the picture
    """Snapshots are taken at an arbitrary moment: no autosave timer may change the status line."""

    def make(**kwargs):  # noqa: ANN003, ANN202
        kwargs.setdefault("autosave_seconds", 3600.0)
        return make_app(**kwargs)

    return make


def steps(*keys: str, at: str | None = None, typed: str = "",
          shown: Callable[[ConsoleApp], bool] | None = None):
    """A ``run_before`` that waits for the meeting, puts the cursor on ``at``, presses ``keys``,
    types ``typed`` (all at once, as a fast typist) and then waits until ``shown(app)`` holds
    (polled: no fixed pause)."""

    async def run_before(pilot) -> None:  # noqa: ANN001
        await ready(pilot)
        if at is not None:
            await goto(pilot, at)
        await pilot.press(*keys)
        if typed:
            burst(pilot.app, typed)
        await keys_done(pilot)  # on a busy machine the router may still hold keys when press returns
        if shown is not None:
            await until(pilot, lambda: shown(pilot.app), f"{shown.__name__} after {keys}")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


def preview_drawn(app: ConsoleApp) -> bool:
    """The preview pane is on screen and shows the meeting as exported."""
    from textual.widgets import TextArea

    from osgtui.minutes.renderer import render_minutes

    area = app.meeting_screen.side_panel.pane("preview").query_one(TextArea)
    return area.region.height > 0 and area.text == render_minutes(app.session.meeting)


def test_main_screen(snap_compare, make_app) -> None:
    """Outline on the left, the document with the cursor on the first topic, the Triage tab on the right."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps(at="XCache:"))


def test_main_screen_small_terminal(snap_compare, make_app) -> None:
    """The same at 100x30: every pane still visible, footer keys shortened."""
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=steps(at="XCache:"))


LONG_LINE = ("A long bullet typed during the call: the cache at the site is being moved to the new "
             "hardware next week, and the origin follows once the tests pass")


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (160, 48)], ids=["80x24", "120x36", "160x48"])
def test_main_screen_laptop_sizes(snap_compare, make_app, size) -> None:
    """The meeting at each laptop size: the document whole-width at 80x24, beside the side panes at
    120x36, with the outline too at 160x48; no pane cuts a column off."""
    assert snap_compare(make_app(), terminal_size=size, run_before=steps(at="XCache:"))


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_line_editor_wraps(snap_compare, make_app, size) -> None:
    """A long line being typed wraps in the editor, which is as wide as the document."""
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("o", typed=LONG_LINE, at="Topic two"))


@pytest.mark.parametrize("key", ["g", "2", "4"], ids=["outline", "triage", "actions"])
def test_narrow_switched_pane(snap_compare, make_app, key) -> None:
    """At 80x24 the outline (g) and each side pane (2-6) take the document's place, whole-width."""
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=steps(key))


def test_outline_focused(snap_compare, make_app) -> None:
    """g focuses the outline (highlighted border); the section under the cursor is highlighted."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("g", at="Topic two"))


def test_line_editor(snap_compare, make_app) -> None:
    """o added a bullet under 'Topic two'; the line editor at the bottom holds the typed text with brackets."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("o", *"typed [RFE] text [/]", at="Topic two"))


def test_tables_pane(snap_compare, make_app) -> None:
    """3: the JIRA and release tables; the first count cell has the cursor."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("3"))


def test_actions_pane(snap_compare, make_app) -> None:
    """4: this meeting's two action items, then Carl's item open on 3 June that this meeting drops (× dim)."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("4"))


def test_attendance_pane(snap_compare, make_app) -> None:
    """5: the roster checklist, BrianL and Carl ticked, last week's attendees marked."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("5"))


def test_preview_pane(snap_compare, make_app) -> None:
    """6: the exported Markdown, literally (pipes, **bold** markers, [RFE] brackets)."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("6", shown=preview_drawn))


def test_help_screen(snap_compare, make_app) -> None:
    """?: every key grouped by pane."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("question_mark"))


def test_action_item_dialog(snap_compare, make_app) -> None:
    """i: the action item line with the completion shown, the parsed preview and the names."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("i", *"AI (Mat, Ti", at="XCache:"))


def test_count_dialog(snap_compare, make_app) -> None:
    """Enter on the JIRA 'Open' count: the count dialog prefilled with 150."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("3", "enter"))


def test_triage_dialog(snap_compare, make_app) -> None:
    """Enter on 'Next week' in the triage pane: the name dialog with the rotation."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("2", "down", "enter"))


def test_section_dialog(snap_compare, make_app) -> None:
    """N: the new section dialog."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("N", *"DevOps", at="Topic two"))


def test_export_dialog(snap_compare, make_app) -> None:
    """x: the export dialog prefilled with ./TechArea20190610.md."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("x"))


def test_publish_dialog_without_repository(snap_compare, make_app) -> None:
    """p with no minutes repository configured: the dialog says how to configure one."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("p"))


def test_read_only_console(snap_compare, make_app, db_path: Path, config) -> None:
    """Another console (pid 4242 on otherhost) holds the meeting: banner, READ-ONLY, greyed keys."""
    store = Store.open(db_path, config)
    EditorLock(store, DAY, pid=4242, host="otherhost", clock=lambda: time.time() + 3600).acquire()
    try:
        assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps(at="XCache:"))
    finally:
        store.close()


@pytest.fixture(autouse=True)
def _no_user_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Exports and anything relative land in the test's directory."""
    monkeypatch.chdir(tmp_path)


def test_meeting_view(snap_compare, make_app) -> None:
    """/ gratia, Enter, Enter: the 3 June meeting read-only in a dialog over 10 June, the cursor on
    "AI (Carl): Fix the gratia probe", the keys "Esc: back to 2019-06-10 · e: edit this meeting instead"."""
    assert snap_compare(make_app(), terminal_size=SIZE,
                        run_before=steps("slash", *"gratia", "enter", "enter"))


def test_pull_conflicts(snap_compare, make_app) -> None:
    """A pull's conflicting section, yours (kept) beside theirs."""
    from osgtui.publish.merge import Conflict
    from osgtui.screens.conflicts import ConflictsModal

    conflicts = [Conflict("OSG Software Team / Discussion", "### Discussion\n\n-   Our edit\n",
                          "### Discussion\n\n-   Their edit, with a longer line that wraps in its column\n")]

    async def run_before(pilot) -> None:  # noqa: ANN001
        await ready(pilot)
        await pilot.app.push_screen(ConflictsModal(conflicts, "the repository's file (HEAD 1234abcd)"))
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
