"""Pilot tests of the laptop layouts: one pane at a time at 80x24, the wrapping line editor."""

from __future__ import annotations

from pathlib import Path

from textual import events

from tests.polling import until
from tests.ui.conftest import burst, console, goto, keys_done, stored

LONG = ("A long bullet typed during the call: the cache at the site is being moved to the new hardware "
        "next week, and the origin follows once the tests pass")


def shown(app, selector: str) -> bool:  # noqa: ANN001
    """Whether the pane ``selector`` is laid out on screen (displayed, with a size)."""
    widget = app.meeting_screen.query_one(selector)
    return widget.display and widget.region.width > 0


async def test_narrow_screen_shows_one_pane_at_a_time(make_app) -> None:
    app = make_app()
    async with console(app, size=(80, 24)) as pilot:
        screen = app.meeting_screen
        assert screen.has_class("-narrow")
        await until(pilot, lambda: screen.side_panel is not None, "the side panes mounted")
        assert shown(app, "#document") and not shown(app, "#side") and not shown(app, "#outline")
        assert screen.document.region.width == 80  # the whole width

        await pilot.press("4")
        await pilot.pause()
        assert shown(app, "#side") and not shown(app, "#center")
        assert screen.query_one("#side").region.width == 80
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app, "#document") and not shown(app, "#side")
        assert screen.focused is screen.document

        await pilot.press("g")
        await pilot.pause()
        assert shown(app, "#outline") and not shown(app, "#center")
        await pilot.press("down", "enter")  # Enter jumps to the section: the document is back
        await pilot.pause()
        assert shown(app, "#document") and not shown(app, "#outline")
        assert app.session.block(screen.document.current_uid).title == "Announcements"

        await pilot.press("2", "1")  # 1 goes back from a side pane too
        await pilot.pause()
        assert shown(app, "#document") and screen.focused is screen.document


async def test_medium_screen_shows_the_outline_in_the_side_panes_place(make_app) -> None:
    app = make_app()
    async with console(app, size=(120, 36)) as pilot:
        screen = app.meeting_screen
        assert screen.has_class("-medium")
        await until(pilot, lambda: screen.side_panel is not None, "the side panes mounted")
        assert shown(app, "#document") and shown(app, "#side") and not shown(app, "#outline")
        await pilot.press("g")
        await pilot.pause()
        assert shown(app, "#outline") and shown(app, "#document") and not shown(app, "#side")
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app, "#side") and not shown(app, "#outline")


async def test_wide_screen_shows_every_pane_and_the_widest_document(make_app) -> None:
    app = make_app()
    async with console(app, size=(160, 48)) as pilot:
        screen = app.meeting_screen
        await until(pilot, lambda: screen.side_panel is not None, "the side panes mounted")
        assert shown(app, "#outline") and shown(app, "#document") and shown(app, "#side")
        assert screen.document.region.width > screen.query_one("#side").region.width
        assert screen.editbar.region.width == screen.query_one("#document").outer_size.width


async def test_long_line_wraps_in_the_editor_and_is_saved_as_one_line(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app, size=(80, 24)) as pilot:
        screen = app.meeting_screen
        await goto(pilot, "Topic two")
        await pilot.press("o")
        burst(app, LONG)  # at typing speed, not one Pilot round trip per key
        await keys_done(pilot)
        assert screen.editbar.value == LONG
        assert screen.editbar.wrapped_document.height >= 2  # wrapped onto rows, not scrolled sideways
        assert screen.editbar.size.height >= 2
        await pilot.press("enter")
        await until(pilot, lambda: f"-   {LONG}\n" in stored(db_path), "the long line saved")
        assert screen.editing and screen.editbar.value == ""  # the next bullet is open


async def test_pasted_lines_become_one_line(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        screen = app.meeting_screen
        await goto(pilot, "Topic two")
        await pilot.press("o", *"pasted: ")
        app.post_message(events.Paste("first line\nsecond line"))
        await until(pilot, lambda: screen.editbar.value == "pasted: first line", "the paste typed")
        screen.editbar.insert("a\nb")  # any other way in: a line break becomes a space
        assert "\n" not in screen.editbar.value and screen.editbar.value.endswith("a b")
        await pilot.press("escape")
        await until(pilot, lambda: "-   pasted: first linea b\n" in stored(db_path), "saved as one line")
