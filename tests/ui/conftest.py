"""Console test fixtures: a temporary database with the sample meetings, a frozen clock, no blinking."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from osgtui.app import ConsoleApp
from osgtui.config import Config
from osgtui.minutes.model import Meeting
from osgtui.store.database import Store
from tests.polling import until
from tests.ui.sample import sample_config, sample_store

DAY = date(2019, 6, 10)
PREVIOUS_DAY = date(2019, 6, 3)


class Clock:
    """A clock the test moves by hand (the console's timers read it)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursors do not blink (snapshots must not depend on when they are taken)."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def config() -> Config:
    """The test configuration (roster, aliases, rotation)."""
    return sample_config()


@pytest.fixture
def db_path(tmp_path: Path, config: Config) -> Path:
    """A database file holding the two sample meetings."""
    path = tmp_path / "osgtui.db"
    sample_store(path, config).close()
    return path


@pytest.fixture
def make_app(db_path: Path, config: Config) -> Callable[..., ConsoleApp]:
    """Factory: a console on the sample database (its own connection), frozen clock."""
    stores: list[Store] = []

    def make(day: date | None = DAY, **kwargs) -> ConsoleApp:  # noqa: ANN003
        store = Store.open(db_path, config)
        stores.append(store)
        kwargs.setdefault("clock", Clock())
        kwargs.setdefault("today", DAY)
        return ConsoleApp(store=store, config=config, day=day, **kwargs)

    yield make
    for store in stores:
        store.close()


async def ready(pilot: Pilot) -> ConsoleApp:
    """Wait until the meeting, the side panes and the earlier action items are loaded."""
    app = pilot.app
    assert isinstance(app, ConsoleApp)
    await until(pilot, lambda: app.session is not None and app.meeting_screen.query("#side-panel"),
                "the meeting and its side panes on screen")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app


@asynccontextmanager
async def console(app: ConsoleApp, size: tuple[int, int] = (120, 40)) -> AsyncIterator[Pilot]:
    """Run ``app`` headless and yield its pilot once the meeting and panes are loaded."""
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        yield pilot


def stored_meeting(db_path: Path, day: date = DAY) -> Meeting:
    """The meeting as the database holds it now (fresh connection)."""
    store = Store.open(db_path)
    try:
        return store.load_meeting(day)
    finally:
        store.close()


def stored(db_path: Path, day: date = DAY) -> str:
    """The meeting as the database holds it, through a fresh connection."""
    from osgtui.minutes.renderer import render_minutes

    return render_minutes(stored_meeting(db_path, day))


async def goto(pilot: Pilot, text: str) -> None:
    """Put the document cursor on the first row whose block text starts with ``text``."""
    from osgtui.minutes.model import Bullet, Heading, Line

    app = pilot.app
    screen = app.meeting_screen  # type: ignore[attr-defined]
    for block in app.session.blocks:  # type: ignore[attr-defined]
        value = block.full_text if isinstance(block, Bullet) else (
            block.title if isinstance(block, Heading) else getattr(block, "text", None) if isinstance(block, Line) else None)
        if value is not None and value.startswith(text):
            screen.document.focus()
            screen.document.move_to(block.uid)
            await pilot.pause()
            return
    raise AssertionError(f"no block starting with {text!r}")


def key_names(*parts: str | list[str]) -> list[str]:
    """Key names: a str is typed character by character, a list holds key names (``["enter"]``)."""
    from textual.keys import _character_to_key

    names: list[str] = []
    for part in parts:
        if isinstance(part, list):
            names.extend(part)
        else:
            names.extend(c if c.isalnum() else _character_to_key(c) for c in part)
    return names


def burst(app: ConsoleApp, *parts: str | list[str]) -> None:
    """Queue keys all at once, with no pause between them (faster than the screen can refresh)."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _get_unicode_name_from_key

    for key in key_names(*parts):
        try:
            char: str | None = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app.post_message(event)


async def keys_done(pilot: Pilot) -> None:
    """Wait until every queued key has been handled and the app is idle."""
    app = pilot.app
    await until(pilot, lambda: (not app.keys.held and not app.keys.requests.pending()  # type: ignore[attr-defined]
                                and app._message_queue.empty() and app.screen._message_queue.empty()),
                "keys handled (and what they asked the screen for)")
    await pilot.pause()
