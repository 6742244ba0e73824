"""Keys queued faster than the screen refreshes land where they were aimed (osgtui.screens.key_router).

Every test queues its keys at once (``burst``: no pause between them), as a
fast typist on a loaded machine does, then waits for them to be handled.
"""

from __future__ import annotations

from pathlib import Path

from osgtui.screens.prompt import PromptModal
from tests.ui.conftest import burst, console, goto, keys_done, stored, until

LINE_1 = "Ask Tim: update the AI list, then dump export and publish x86 (pull request #42)"
LINE_2 = "AI (BrianL, Mat): Open JIRA tickets for the uid/gid mapping, quick review: T A i u d"
LINE_3 = "VO Package v93 released: osg-ca-certs, igtf 1.117 [RFE] and more"


async def test_lines_typed_straight_after_o_and_enter_land_whole(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        screen = app.meeting_screen
        started = screen.timer.started
        burst(app, "o", LINE_1, ["enter"], LINE_2, ["enter"], LINE_3, ["escape"])
        await keys_done(pilot)
        text = stored(db_path)
        assert f"-   Topic two\n-   {LINE_1}\n-   {LINE_2}\n-   {LINE_3}\n" in text
        assert not screen.editing
        assert app.screen is screen  # no dialog or history screen was opened by a typed letter
        assert screen.timer.started == started  # 'T' did not restart the timer


async def test_enter_keeps_the_keys_behind_it_for_the_next_bullet(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        burst(app, "o", "first", ["enter"], "second", ["ctrl+u"], "VO Package v93", ["enter", "escape"])
        await keys_done(pilot)
        assert "-   Topic two\n-   first\n-   VO Package v93\n\n" in stored(db_path)


async def test_action_item_dialog_takes_every_key_typed_after_i(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        burst(app, "i", "Derek: Q5 AI check the ticket", ["enter"], "o", "after the item", ["escape"])
        await keys_done(pilot)
        text = stored(db_path)
        assert text.count("AI (Derek): Q5 AI check the ticket") == 1
        assert "after the item" in text
        assert app.screen is app.meeting_screen


async def test_double_enter_and_enter_escape_in_a_dialog_do_not_crash(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        burst(app, "i", "Mat: one", ["enter", "enter", "escape"], "i", "Mat: two", ["enter", "escape", "escape"])
        await keys_done(pilot)
        text = stored(db_path)
        assert text.count("AI (Mat): one") == 1 and text.count("AI (Mat): two") == 1
        assert app.is_running and app.screen is app.meeting_screen
        assert len(app.screen_stack) == 1


async def test_a_dismissed_dialog_ignores_input(make_app) -> None:
    app = make_app()
    async with console(app) as pilot:
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, PromptModal), "dialog open")
        modal = app.screen
        await pilot.press("escape")
        assert modal.closed
        modal.submit_value("Mat: late")  # a key that reached it after the dismissal
        modal.action_cancel()
        assert len(app.screen_stack) == 1
        assert "late" not in "".join(b.full_text for b in app.session.blocks if hasattr(b, "full_text"))


async def test_escape_in_the_zoomed_view_leaves_the_editor(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        screen = app.meeting_screen
        burst(app, "z", "o", "zoomed line", ["escape"], "j")
        await keys_done(pilot)
        assert not screen.editing
        assert screen.maximized is None
        assert "-   zoomed line\n" in stored(db_path)
        assert "j" not in stored(db_path).split("zoomed line")[1][:3]


async def test_count_dialog_replaces_the_value_with_the_first_digit(make_app) -> None:
    app = make_app()
    async with console(app) as pilot:
        burst(app, "3", ["enter"], "42", ["enter"])
        await keys_done(pilot)
        assert app.session.count_ref("jira", "Open").count == 42
        burst(app, ["enter", "backspace"], "7", ["enter"])
        await keys_done(pilot)
        assert app.session.count_ref("jira", "Open").count == 7


async def test_undo_of_a_freshly_typed_line_removes_the_whole_line(make_app, db_path: Path) -> None:
    app = make_app(autosave_seconds=3600.0)
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        before = stored(db_path)
        await pilot.press("o", *"Blahp unification: CHTC g")
        app.meeting_screen.autosave()  # a half-typed autosave
        await pilot.press(*"oes first", "escape")
        assert "Blahp unification: CHTC goes first" in stored(db_path)
        await pilot.press("u")
        assert stored(db_path) == before


async def test_keys_typed_before_the_meeting_is_shown_wait_for_it(make_app, db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, ["G"], "o", "typed at start", ["escape"])  # 'G': unbound, passed on harmlessly
        await until(pilot, lambda: app.session is not None, "meeting loaded")
        await keys_done(pilot)
        assert "typed at start" in stored(db_path)


async def test_keys_arriving_during_a_save_wait_their_turn(make_app, db_path: Path) -> None:
    """Esc and the next line arrive while the line is being saved: the save finishes first, then they act."""
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        store = app.session.store
        save = store.save_meeting
        arrived: list[int] = []

        def slow_save(meeting, **kwargs):  # noqa: ANN001, ANN003
            if not arrived:
                arrived.append(1)
                burst(app, ["escape"], "o", "typed during the save", ["escape"])
            save(meeting, **kwargs)

        store.save_meeting = slow_save
        burst(app, "o", "the line being saved", ["enter", "escape"])
        await keys_done(pilot)
        await until(pilot, lambda: not app.meeting_screen.editing, "the editor closed")
        text = stored(db_path)
        assert "-   Topic two\n-   the line being saved\n-   typed during the save\n" in text
        assert text.count("the line being saved") == 1 and "-   \n" not in text
