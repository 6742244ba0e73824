"""kill -9 in the middle of the meeting: after a restart the meeting is as it was (≤ 1 s of typing lost).

The console runs as a real process (``python -m osgtui``) in a pseudo-terminal;
keys are written to the terminal, the process is killed with SIGKILL, and the
database is read afresh. The dead console's lock does not block the restart.
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from osgtui.store.database import Store
from tests.polling import until
from tests.ui.conftest import DAY, ready, stored

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

KEYS = {"down": b"\x1b[B", "enter": b"\r", "escape": b"\x1b"}


class Console:
    """``python -m osgtui --db DB open 2019-06-10`` in a pseudo-terminal."""

    def __init__(self, db: Path, home: Path) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40", "HOME": str(home),
               "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share")}
        env.pop("OSGTUI_EXIT_ON_READY", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "osgtui", "--db", str(db), "open", DAY.isoformat()],
            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, start_new_session=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                if not os.read(self.master, 65536):
                    return
            except OSError:
                return

    def type(self, *keys: str) -> None:
        """Write keys (names from KEYS, or literal text) to the terminal at once, as a fast typist would.

        The console holds keys until the meeting is shown and hands them over
        in order (osgtui.screens.key_router), so nothing here waits for it.
        """
        os.write(self.master, b"".join(KEYS.get(key, key.encode()) for key in keys))

    def kill(self) -> None:
        """SIGKILL: no cleanup of any kind runs."""
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        os.close(self.master)


def wait_for(condition, what: str, timeout: float = 60.0) -> None:  # noqa: ANN001
    """Poll ``condition()`` until true (the console runs in a separate process); fail naming ``what``."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"the console never got there: {what}")
        time.sleep(0.02)


def lock_holder(db: Path) -> int | None:
    store = Store.open(db)
    try:
        row = store.conn.execute("SELECT pid FROM editor_locks WHERE date = ?", (DAY.isoformat(),)).fetchone()
        return row[0] if row else None
    finally:
        store.close()


async def test_kill_9_loses_nothing_saved_and_at_most_a_second_of_typing(
        db_path: Path, tmp_path: Path, make_app) -> None:
    console = Console(db_path, tmp_path)
    try:
        wait_for(lambda: lock_holder(db_path) == console.proc.pid, "the meeting opened for editing")
        console.type("]", "]", "]", "]", "o", *"first line [RFE]", "enter", *"second line")
        wait_for(lambda: "second line" in stored(db_path), "the half-typed line autosaved")
        console.type(*" and more")
        wait_for(lambda: "second line and more" in stored(db_path), "the rest autosaved")
    finally:
        console.kill()
    text = stored(db_path)
    assert "-   first line [RFE]\n" in text
    assert "second line and more" in text
    assert lock_holder(db_path) == console.proc.pid  # the dead console's lock is still there...

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert not app.session.read_only  # ...and taken over: its process is gone
        assert "second line and more" in " ".join(str(o.prompt) for o in app.meeting_screen.document.options)
        assert app.session.undo_label() == "add bullet"  # the undo history survived too...
        assert app.meeting_screen.timer.elapsed() > 0  # ...and the meeting timer goes on
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "second line" not in stored(db_path), "undo of the line typed before the kill")
    assert "first line [RFE]" in stored(db_path)


async def test_second_console_process_opens_read_only_then_takes_over(db_path: Path, tmp_path: Path,
                                                                       make_app) -> None:
    first = Console(db_path, tmp_path)
    try:
        wait_for(lambda: lock_holder(db_path) == first.proc.pid, "the first console editing")
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            assert app.session.read_only
            assert f"pid {first.proc.pid}" in app.session.read_only_reason
            first.type("]", "o", *"typed in the first console", "enter")
            wait_for(lambda: "typed in the first console" in stored(db_path), "the first console's line saved")
            app.follow_other_console()
            await pilot.pause()
            rows = " ".join(str(o.prompt) for o in app.meeting_screen.document.options)
            assert "typed in the first console" in rows
            await pilot.press("ctrl+t")
            assert app.session.read_only  # the first console is alive
            first.kill()
            await pilot.press("ctrl+t")
            assert not app.session.read_only
            await pilot.press("right_square_bracket", "o", *"second console now", "escape")
            await pilot.pause()
    finally:
        if first.proc.poll() is None:
            first.kill()
    text = stored(db_path)
    assert "typed in the first console" in text and "-   second console now\n" in text
