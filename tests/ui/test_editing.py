"""Pilot tests of the document: add, edit, indent, outdent, move, delete and undo bullets from the keyboard."""

from __future__ import annotations

from pathlib import Path

from osgtui.minutes.model import Bullet
from tests.ui.conftest import console, goto, stored
from tests.ui.sample import CURRENT


async def test_add_bullets_in_a_row_and_drop_the_empty_one(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        await pilot.press("o", *"New point [RFE]", "enter", *"Second", "enter", "enter")
        await pilot.pause()
        assert "-   Topic two\n-   New point [RFE]\n-   Second\n\n\n### Discussion" in stored(db_path)
        assert not app.meeting_screen.editing
        assert app.meeting_screen.document.current_uid is not None


async def test_j_k_and_section_keys_move_the_cursor(make_app) -> None:
    app = make_app()
    async with console(app) as pilot:
        screen = app.meeting_screen
        await pilot.press("1", "right_square_bracket")
        assert app.session.block(screen.document.current_uid).title == "Announcements"
        await pilot.press("j")
        assert app.session.block(screen.document.current_uid).text == "BrianL OOO Friday"
        await pilot.press("k", "right_square_bracket", "right_square_bracket", "left_square_bracket")
        assert app.session.block(screen.document.current_uid).title == "Triage Duty"


async def test_edit_existing_line_and_escape_saves(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        await pilot.press("e", "backspace", "backspace", "backspace", *"2 [/]", "escape")
        await pilot.pause()
        assert "-   Topic 2 [/]\n" in stored(db_path)
        row = app.meeting_screen.document.get_option(app.meeting_screen.document.current_uid)
        assert "Topic 2 [/]" in str(row.prompt)


async def test_typing_is_saved_by_the_autosave_without_enter(make_app, db_path: Path) -> None:
    app = make_app(autosave_seconds=3600.0)  # the test calls the autosave itself
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        await pilot.press("o", *"half a thought")
        assert "half a thought" not in stored(db_path)
        app.meeting_screen.autosave()
        assert "-   half a thought\n" in stored(db_path)
        assert app.meeting_screen.editing


async def test_indent_outdent_move_delete_undo(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        await pilot.press("tab")
        assert "-   AI (Mat): Give IceCube access to the GLOW origin\n    -   Topic two\n" in stored(db_path)
        await pilot.press("shift+tab")
        assert stored(db_path) == CURRENT
        await goto(pilot, "XCache:")
        await pilot.press("J")
        assert "-   AI (Mat): Give IceCube access to the GLOW origin\n-   XCache:\n" in stored(db_path)
        await pilot.press("ctrl+up")
        assert stored(db_path) == CURRENT
        await pilot.press("d")
        assert "XCache" not in stored(db_path) and "Put together slides" not in stored(db_path)
        await pilot.press("u")
        assert stored(db_path) == CURRENT
        await pilot.press("ctrl+y")
        assert "XCache" not in stored(db_path)
        await pilot.press("ctrl+z")
        assert stored(db_path) == CURRENT


async def test_indent_while_typing(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        await pilot.press("o", *"detail", "tab", "enter", *"more", "shift+tab", "escape")
        await pilot.pause()
        assert "-   Topic two\n    -   detail\n-   more\n" in stored(db_path)


async def test_refused_edit_is_a_warning_not_a_change(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "XCache:")
        await pilot.press("tab", "K")
        assert stored(db_path) == CURRENT
        messages = [n.message for n in app._notifications]
        assert any("nothing to indent under" in m for m in messages)
        assert any("first of its list" in m for m in messages)


async def test_new_section(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        await pilot.press("N", *"DevOps", "enter")
        await pilot.pause()
        assert "\n## DevOps\n\n## OSG Release Team" in stored(db_path)
        outline = app.meeting_screen.query_one("#outline")
        assert any(str(o.prompt).strip() == "DevOps" for o in outline.options)


async def test_status_cycles_on_action_items(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "AI (Mat)")
        await pilot.press("s")
        assert "-   AI (Mat): Give IceCube access to the GLOW origin (in progress)\n" in stored(db_path)
        await pilot.press("s")
        assert "-   AI (Mat): Give IceCube access to the GLOW origin (done)\n" in stored(db_path)
        await pilot.press("s")
        assert stored(db_path) == CURRENT


async def test_user_text_is_shown_literally(make_app) -> None:
    app = make_app()
    async with console(app):
        document = app.meeting_screen.document
        uid = next(b.uid for b in app.session.blocks if isinstance(b, Bullet) and "[RFE]" in b.text)
        assert "Notes on the [RFE] tickets with [/] brackets" in " ".join(str(document.get_option(uid).prompt).split())


async def test_clicking_the_idle_line_editor_edits_the_highlighted_line(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        await pilot.click("#editbar")
        await pilot.pause()
        screen = app.meeting_screen
        assert screen.editing and screen.editbar.value == "Topic two"
        await pilot.press("end", *" (edited)", "enter")
        await pilot.pause()
        assert "-   Topic two (edited)\n" in stored(db_path)
        assert app.focused is screen.document


async def test_double_click_on_a_row_edits_it(make_app) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "BrianL OOO")
        document = app.meeting_screen.document
        line = document._index_to_line[document._uids.index(document.current_uid)]
        await goto(pilot, "Announcements")
        await pilot.click("#document", offset=(4, 1 + line - int(document.scroll_offset.y)), times=2)
        await pilot.pause()
        assert app.meeting_screen.editing and app.meeting_screen.editbar.value == "BrianL OOO Friday"


async def test_the_focus_stays_on_the_document_while_a_line_is_edited(make_app, db_path: Path) -> None:
    """The editor takes the keys without taking the focus; the footer shows its keys, not the document's."""
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        screen = app.meeting_screen
        await pilot.press("o", *"kept")
        await pilot.pause()
        assert app.focused is screen.document and screen.key_target is screen.editbar
        assert screen.editbar.has_focus  # looks focused: cursor and :focus style
        keys = {binding.action for _node, binding, _enabled, _tip in screen.active_bindings.values()}
        assert "finish" in keys and "add" not in keys
        await pilot.press("escape")
        await pilot.pause()
        assert screen.key_target is screen.document and not screen.editbar.has_focus
        assert "-   Topic two\n-   kept\n" in stored(db_path)


async def test_a_click_on_the_document_while_editing_saves_and_closes_the_line(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        screen = app.meeting_screen
        await pilot.press("e", "end", *" (clicked away)")
        await pilot.click("#document", offset=(4, 1))
        await pilot.pause()
        assert not screen.editing
        assert "-   Topic two (clicked away)\n" in stored(db_path)
        await pilot.press("j")  # a command again, not text
        await pilot.pause()
        assert "(clicked away)j" not in stored(db_path)


async def test_a_click_on_another_pane_while_editing_saves_and_the_keys_follow_the_focus(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app, size=(160, 48)) as pilot:  # wide: the outline is shown
        await goto(pilot, "Topic two")
        screen = app.meeting_screen
        await pilot.press("e", "end", *" (outline)")
        await pilot.click("#outline")
        await pilot.press("j")  # moves in the outline, not typed into the line
        await pilot.pause()
        assert app.focused is screen.outline and not screen.editing
        assert "-   Topic two (outline)\n" in stored(db_path)
