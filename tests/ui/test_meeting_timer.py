"""The meeting timer is kept in SQLite: a restart (or kill -9) goes on counting; a later sitting starts at zero."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from osgtui.console.meeting_timer import RESUME_SECONDS, MeetingTimer
from osgtui.store.database import Store
from tests.ui.conftest import Clock, console, goto

DAY = date(2019, 6, 10)


class Wall(Clock):
    """An epoch clock moved by hand."""


def test_timer_resumes_after_a_restart_and_not_after_a_long_pause() -> None:
    store = Store.memory()
    clock, wall = Clock(50.0), Wall(1_700_000_000.0)
    first = MeetingTimer(store, DAY, clock, wall)
    first.enter("Announcements")
    clock.now += 300
    wall.now += 300
    first.enter("Triage Duty")
    clock.now += 20
    wall.now += 20  # the console dies here: nothing more is written

    wall.now += 40  # restarted 40 s later, in a new process (its own monotonic clock)
    second = MeetingTimer(store, DAY, Clock(7.0), wall)
    assert second.restore()
    assert second.elapsed() == 360 and second.section == "Triage Duty" and second.section_elapsed() == 60
    second.enter("Announcements")
    assert second.totals == {"Announcements": 300, "Triage Duty": 60}

    wall.now += RESUME_SECONDS + 1
    third = MeetingTimer(store, DAY, Clock(7.0), wall)
    assert not third.restore() and third.elapsed() == 0


def test_a_read_only_console_does_not_write_the_timer() -> None:
    store = Store.memory()
    MeetingTimer(store, DAY, Clock(), writes=False).enter("Announcements")
    assert store.conn.execute("SELECT count(*) FROM meeting_timers").fetchone()[0] == 0


async def test_console_shows_the_resumed_meeting_time(make_app, db_path: Path) -> None:
    clock = Clock()
    app = make_app(clock=clock)
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        clock.now += 754
        app.meeting_screen.tick()
        await pilot.press("q")
    again = make_app(clock=Clock(5.0))
    async with console(again) as pilot:
        await pilot.pause()
        assert again.meeting_screen.timer.elapsed() >= 754
        assert "meeting 0:12:3" in str(again.meeting_screen.status.render())
