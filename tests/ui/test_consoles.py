"""Two consoles on one database, conflicts, opening other meetings, and the console commands."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from osgtui.cli import main
from osgtui.console.editlock import EditorLock
from osgtui.console.session import MeetingSession
from osgtui.screens.meeting_view import MeetingViewModal
from osgtui.store.database import Store
from tests.ui.conftest import DAY, PREVIOUS_DAY, console, goto, ready, stored, stored_meeting, until
from tests.ui.sample import CURRENT


async def test_second_console_opens_read_only_and_follows_the_first(make_app, db_path: Path, config) -> None:
    other = Store.open(db_path, config)
    first_lock = EditorLock(other, DAY)
    assert first_lock.acquire() is None
    app = make_app()
    async with console(app) as pilot:
        screen = app.meeting_screen
        assert app.session.read_only
        assert screen.query_one("#banner").display
        assert "is editing this meeting" in str(screen.query_one("#banner").render())
        await goto(pilot, "Topic two")
        await pilot.press("o", "i", "d", "s", "tab")
        assert not screen.editing and not app.screen.is_modal
        assert stored(db_path) == CURRENT
        first = MeetingSession(other, config, other.load_meeting(DAY))
        first.add_bullet(None, text="typed in the first console")
        app.follow_other_console()
        await pilot.pause()
        assert "typed in the first console" in " ".join(str(o.prompt) for o in screen.document.options)
        await pilot.press("ctrl+t")
        assert app.session.read_only
        first_lock.release()
        await pilot.press("ctrl+t")
        assert not app.session.read_only
        assert not screen.query_one("#banner").display
        await goto(pilot, "Topic two")
        await pilot.press("o", *"now editing here", "escape")
        await pilot.pause()
        text = stored(db_path)
        assert "typed in the first console" in text and "-   now editing here\n" in text
    other.close()


async def test_a_save_made_elsewhere_is_taken_in_and_editing_goes_on(make_app, db_path: Path, config) -> None:
    app = make_app()
    async with console(app) as pilot:
        screen = app.meeting_screen
        other = Store.open(db_path, config)
        MeetingSession(other, config, other.load_meeting(DAY)).add_bullet(None, text="saved elsewhere")
        other.close()
        await goto(pilot, "Topic two")
        await pilot.press("o", *"typed after it", "enter")
        await pilot.pause()
        assert not app.session.read_only and not screen.query_one("#banner").display
        assert any("saved outside this console" in n.message for n in app._notifications)
        text = stored(db_path)
        assert "-   saved elsewhere\n" in text and "-   Topic two\n-   typed after it\n" in text
        assert screen.editing  # Enter opened the next bullet as usual


async def test_import_replace_while_typing_keeps_the_line_open(make_app, db_path: Path, config,
                                                               tmp_path: Path) -> None:
    app = make_app(autosave_seconds=3600.0)  # " and more" is not saved yet when the import replaces the meeting
    async with console(app) as pilot:
        screen = app.meeting_screen
        await goto(pilot, "Topic two")
        await pilot.press("e", *" and more")
        source = tmp_path / "TechArea20190610.md"
        source.write_text(CURRENT.replace("None this week", "Nothing to discuss"), encoding="utf-8")
        assert main(["--db", str(db_path), "import", "--replace", str(source)]) == 0
        app.follow_other_console()
        await pilot.press(*" still typing", "escape")
        await pilot.pause()
        text = stored(db_path)
        assert "-   Topic two and more still typing\n" in text and "Nothing to discuss" in text
        assert not app.session.read_only
        assert screen.status.state == "saved"


async def test_lock_is_released_on_quit(make_app, db_path: Path, config) -> None:
    app = make_app()
    async with console(app) as pilot:
        store = Store.open(db_path, config)
        assert EditorLock(store, DAY).holder() is not None
        await pilot.press("q")
    assert EditorLock(store, DAY).holder() is None
    store.close()


async def test_open_a_past_meeting_from_the_meeting_list(make_app, db_path: Path, config) -> None:
    app = make_app()
    async with console(app) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"2019-06-03")
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MeetingViewModal), "the read-only view")
        assert app.session.meeting.date == DAY  # never replaced without asking
        await pilot.press("e", "y")
        await ready(pilot)
        assert app.session.meeting.date == PREVIOUS_DAY
        assert app.screen is app.meeting_screen
        assert "3 June 2019" in app.meeting_screen.title
        store = Store.open(db_path, config)
        assert EditorLock(store, DAY).holder() is None
        assert EditorLock(store, PREVIOUS_DAY).holder() is not None
        store.close()
        await goto(pilot, "AI (Carl)")
        await pilot.press("s")
        assert "AI (Carl): Fix the gratia probe (SOFTWARE-3877) (in progress)" in stored(db_path, PREVIOUS_DAY)


async def test_person_actions_screen_opens_the_meeting_at_the_item(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        carl = next(b.uid for b in stored_meeting(db_path, PREVIOUS_DAY).blocks
                    if getattr(b, "text", "").startswith("AI (Carl)"))
        app.meeting_screen._open_result((PREVIOUS_DAY, carl))
        await until(pilot, lambda: isinstance(app.screen, MeetingViewModal), "the read-only view")
        await pilot.press("e", "y")
        await ready(pilot)
        assert app.session.meeting.date == PREVIOUS_DAY
        current = app.session.block(app.meeting_screen.document.current_uid)
        assert current.text.startswith("AI (Carl)")


async def test_history_keys_push_the_history_screens(make_app) -> None:
    from osgtui.screens.history import MeetingListScreen, PersonActionsScreen, SearchScreen

    app = make_app()
    async with console(app) as pilot:
        for key, kind in (("m", MeetingListScreen), ("slash", SearchScreen), ("A", PersonActionsScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, kind)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is app.meeting_screen


def test_osgtui_open_date(db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("OSGTUI_EXIT_ON_READY", "loaded")
    assert main(["--db", str(db_path), "open", "2019-06-03"]) == 0
    assert "loaded-ms=" in capsys.readouterr().out
    assert main(["--db", str(db_path), "open", "2001-01-01"]) == 1
    assert "osgtui: error: no meeting on 2001-01-01" in capsys.readouterr().err


def test_console_out_of_the_box_starts_a_draft_from_the_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("OSGTUI_EXIT_ON_READY", "loaded")
    db = tmp_path / "fresh.db"
    assert main(["--db", str(db)]) == 0
    store = Store.open(db)
    days = store.meeting_dates()
    assert len(days) == 1 and days[0] >= date.today()
    assert store.load_meeting(days[0]).title.startswith("OSG Technology Area Meeting")
    store.close()
    assert main(["--db", str(db)]) == 0
    store = Store.open(db)
    assert store.meeting_dates() == days
    store.close()


def test_console_reports_a_bad_config_like_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("OSGTUI_EXIT_ON_READY", "loaded")
    bad = tmp_path / "bad.toml"
    bad.write_text("[meeting]\nweekday = 3\n")
    assert main(["--config", str(bad), "--db", str(tmp_path / "x.db")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("osgtui: error: config") and "Traceback" not in err


async def test_console_warns_about_a_config_readable_by_others(tmp_path: Path) -> None:
    from osgtui.app import ConsoleApp
    from osgtui.context import Context

    cfg = tmp_path / "config.toml"
    cfg.write_text('[jira]\n# token: Zq81xVb7Lm3Kp0RwZq81xVb7Lm3Kp0Rw\nurl = ""\n')
    cfg.chmod(0o644)
    ctx = Context(config_arg=str(cfg), db_arg=str(tmp_path / "w.db"))
    ctx.defer_warnings = True
    app = ConsoleApp(ctx=ctx, today=date(2024, 1, 16), use_lock=False)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.session is None:
            await pilot.pause()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    ctx.close()
    warning = next(m for m in messages if "chmod 600" in m)
    assert str(cfg) in warning and "Zq81xVb7" not in warning


async def test_status_never_says_saved_about_text_that_was_not_saved(make_app, monkeypatch) -> None:
    from osgtui.errors import StoreError

    app = make_app()
    async with console(app) as pilot:
        screen = app.meeting_screen
        await goto(pilot, "Topic two")
        await pilot.press("e")

        def full(meeting, **kwargs):  # noqa: ANN001, ANN003
            raise StoreError("database or disk is full")

        monkeypatch.setattr(app.session.store, "save_meeting", full)
        await pilot.press(*" typed")
        screen.autosave()
        await pilot.pause()
        assert screen.status.state == "NOT SAVED" and screen.editing
        assert any("disk is full" in n.message for n in app._notifications)
        monkeypatch.undo()
        screen.autosave()
        await pilot.pause()
        assert screen.status.state == "saved"
        assert "-   Topic two typed\n" in stored(app.session.store.path)


async def test_a_saved_line_changed_outside_shows_their_text_in_the_open_editor(make_app, db_path: Path,
                                                                             tmp_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        screen = app.meeting_screen
        await goto(pilot, "Topic two")
        await pilot.press("e", *" typed")
        screen.autosave()
        source = tmp_path / "TechArea20190610.md"
        source.write_text(stored(db_path).replace("Topic two typed", "Topic two typed, and theirs"), encoding="utf-8")
        assert main(["--db", str(db_path), "import", "--replace", str(source)]) == 0
        app.follow_other_console()
        await pilot.pause()
        assert screen.editing and screen.editbar.value == "Topic two typed, and theirs"
        assert any("now reads: Topic two typed, and theirs" in n.message for n in app._notifications)
        await pilot.press("end", *" and mine", "escape")
        await pilot.pause()
        assert "-   Topic two typed, and theirs and mine\n" in stored(db_path)
