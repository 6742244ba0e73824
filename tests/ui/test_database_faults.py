"""The console never dies of the database: locked or full, the typing is kept, said, retried and saved."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from osgtui.screens.unsaved_quit import UnsavedQuitModal
from tests.ui.conftest import burst, console, goto, keys_done, stored, until


class WriteLock:
    """Another process holding the database's write lock (as a large `osgtui import` does) until released."""

    SCRIPT = ("import sqlite3, sys\n"
              "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "conn.execute('BEGIN IMMEDIATE')\n"
              "print('locked', flush=True)\n"
              "sys.stdin.read()\n")

    def __init__(self, db_path: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", self.SCRIPT, str(db_path)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None and self.proc.stdout.readline() == "locked\n"

    def release(self) -> None:
        """End the other process (its transaction ends with it)."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def hold_write_lock(db_path: Path) -> WriteLock:
    """Start a process that holds the write lock."""
    return WriteLock(db_path)


async def test_typing_goes_on_while_another_program_locks_the_database(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        screen = app.meeting_screen
        await goto(pilot, "Topic two")
        other = hold_write_lock(db_path)
        burst(app, "o", "typed while locked", ["enter"], "and the next line", ["escape"], "o", "third")
        await keys_done(pilot)
        assert screen.editing and screen.editbar.value == "third"  # 'o' opened the editor: no key ran as a command
        assert app.screen is screen
        assert screen.status.state == "NOT SAVED: database locked, retrying"
        assert any("database locked" in n.message for n in app._notifications)
        assert "typed while locked" not in stored(db_path)
        app.heartbeat()  # the lock heartbeat and the follow timer meet the lock too: no crash
        app.follow_other_console()
        other.release()
        await until(pilot, lambda: screen.status.state in ("saved", "typing…") and app.session.unsaved is None,
                    "the retry saved everything")
        text = stored(db_path)
        assert "-   Topic two\n-   typed while locked\n-   and the next line\n-   third\n" in text


async def test_disk_full_keeps_the_change_and_saves_when_there_is_room(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        screen = app.meeting_screen
        await goto(pilot, "Topic two")
        conn = app.session.store.conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"
        burst(app, "o", "x" * 3000, ["enter"], "after it")
        await keys_done(pilot)
        assert screen.status.state == "NOT SAVED: disk full, retrying"
        assert screen.editing and screen.editbar.value == "after it"
        conn.execute("PRAGMA max_page_count = 1073741823")
        await until(pilot, lambda: app.session.unsaved is None, "saved once there is room")
        assert "-   " + "x" * 3000 + "\n" in stored(db_path)


async def test_quit_while_unsaved_asks_and_writes_a_recovery_file(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        other = hold_write_lock(db_path)
        burst(app, "o", "only in memory", ["escape"], "q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedQuitModal), "the unsaved-quit dialog")
        await pilot.press("q")  # a second q does not quit past the question
        assert isinstance(app.screen, UnsavedQuitModal)
        await pilot.press("w")
        await until(pilot, lambda: app.exit_notes, "the recovery file written")
    other.release()
    [note] = app.exit_notes
    path = Path(note.split("written to ")[1].split(";")[0])
    assert path.name == "TechArea20190610.md" and path.parent.parent == db_path.parent / "osgtui-recovery"
    assert "-   only in memory\n" in path.read_text(encoding="utf-8")
    assert "only in memory" not in stored(db_path)


async def test_a_database_from_a_newer_osgtui_opens_read_only(db_path: Path, make_app) -> None:
    from tests.core.test_store_faults import digest, from_the_future

    from_the_future(db_path)
    before = digest(db_path)
    app = make_app(day=None)  # no draft can be created: the latest meeting is shown
    async with console(app) as pilot:
        assert app.session.read_only and "written by osgtui 9.0" in app.session.read_only_reason
        assert any("upgrade osgtui" in n.message for n in app._notifications)
        await pilot.press("o", *"nothing", "escape")
        assert not app.meeting_screen.editing
        await pilot.press("q")
    assert digest(db_path) == before
