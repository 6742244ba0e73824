"""MeetingSession without Textual: every change is saved, undoable, and shaped like the archive."""

from __future__ import annotations

from datetime import date

import pytest

from osgtui.console.session import EditError, MeetingSession, ReadOnlyError
from osgtui.errors import StoreError
from osgtui.minutes.actions import parse_action
from osgtui.minutes.blocktree import complete_owner, owner_names, parse_ai_entry
from osgtui.minutes.extract import attending, triage_duty
from osgtui.minutes.model import Bullet, Heading
from osgtui.minutes.renderer import render_minutes
from tests.ui.sample import CURRENT, sample_config, sample_store

DAY = date(2019, 6, 10)


@pytest.fixture
def session() -> MeetingSession:
    config = sample_config()
    store = sample_store(config=config)
    return MeetingSession(store, config, store.load_meeting(DAY))


def stored(session: MeetingSession) -> str:
    """The meeting as the database holds it now."""
    return render_minutes(session.store.load_meeting(DAY))


def uid_of(session: MeetingSession, text: str) -> str:
    return next(b.uid for b in session.blocks if isinstance(b, Bullet) and b.text.startswith(text))


def heading_uid(session: MeetingSession, title: str) -> str:
    return next(b.uid for b in session.blocks if isinstance(b, Heading) and b.title == title)


def test_add_bullet_below_is_saved_after_subtree(session: MeetingSession) -> None:
    new = session.add_bullet(uid_of(session, "XCache:"), "below", "Fresh topic")
    text = stored(session)
    assert "    -   Notes on the [RFE] tickets with [/] brackets\n-   Fresh topic\n-   AI (Mat)" in text
    assert session.block(new.uid).text == "Fresh topic"


def test_add_bullet_above_and_child(session: MeetingSession) -> None:
    session.add_bullet(uid_of(session, "Topic two"), "above", "Before two")
    session.add_bullet(uid_of(session, "Topic two"), "child", "Under two")
    assert "-   Before two\n-   Topic two\n    -   Under two\n" in stored(session)


def test_add_bullet_on_heading_opens_section_with_blank_lines(session: MeetingSession) -> None:
    session.add_bullet(heading_uid(session, "Discussion"), "below", "First point")
    assert "### Discussion\n\n-   First point\n\nNone this week\n" in stored(session)


def test_edit_text_with_one_undo_step_per_typing_session(session: MeetingSession) -> None:
    uid = uid_of(session, "Topic two")
    for partial in ("Topic t", "Topic tw", "Topic two [x]"):
        session.edit_text(uid, partial, edit_id=1)
    assert "-   Topic two [x]\n" in stored(session)
    assert session.undo() == "edit text"
    assert stored(session) == CURRENT


def test_indent_outdent_move_the_subtree(session: MeetingSession) -> None:
    topic = uid_of(session, "Topic two")
    session.indent(topic)
    assert "-   AI (Mat): Give IceCube access to the GLOW origin\n    -   Topic two\n" in stored(session)
    session.outdent(topic)
    assert stored(session) == CURRENT
    xcache = uid_of(session, "XCache:")
    session.move(xcache, +1)
    assert (
        "-   AI (Mat): Give IceCube access to the GLOW origin\n-   XCache:\n"
        "    -   AI (BrianL): Put together slides for the XRootD presentation\n"
    ) in stored(session)
    session.move(xcache, -1)
    assert stored(session) == CURRENT


def test_outdent_moves_after_parents_items(session: MeetingSession) -> None:
    session.outdent(uid_of(session, "AI (BrianL)"))
    assert (
        "-   XCache:\n    -   Notes on the [RFE] tickets with [/] brackets\n"
        "-   AI (BrianL): Put together slides for the XRootD presentation\n"
    ) in stored(session)


def test_refused_moves_say_why(session: MeetingSession) -> None:
    with pytest.raises(EditError, match="nothing to indent under"):
        session.indent(uid_of(session, "XCache:"))
    with pytest.raises(EditError, match="outermost"):
        session.outdent(uid_of(session, "XCache:"))
    with pytest.raises(EditError, match="first of its list"):
        session.move(uid_of(session, "XCache:"), -1)
    with pytest.raises(EditError, match="headings"):
        session.delete(heading_uid(session, "Announcements"))
    assert stored(session) == CURRENT


def test_delete_with_subtree_and_undo_restores_exact_blocks(session: MeetingSession) -> None:
    before = [(b.uid, render_minutes(session.meeting)) for b in session.blocks]
    xcache = uid_of(session, "XCache:")
    nxt = session.delete(xcache)
    assert "XCache" not in stored(session) and "Put together slides" not in stored(session)
    assert session.block(nxt).text.startswith("AI (Mat)")
    session.undo()
    assert [(b.uid, render_minutes(session.meeting)) for b in session.blocks] == before
    assert stored(session) == CURRENT
    session.redo()
    assert "XCache" not in stored(session)


def test_undo_without_changes_is_an_error(session: MeetingSession) -> None:
    with pytest.raises(EditError, match="nothing to undo"):
        session.undo()


@pytest.mark.parametrize(
    ("line", "owners", "text"),
    [
        ("AI (Mat, BrianL): review the [RFE] list", ["Mat", "BrianL"], "review the [RFE] list"),
        ("Tim, brian: write the email", ["TimT", "BrianL"], "write the email"),
        ("AI: no owner yet", [], "no owner yet"),
        ("just do it", [], "just do it"),
        ("Note that the build fails: see the log", [], "Note that the build fails: see the log"),
    ],
)
def test_parse_ai_entry(line: str, owners: list[str], text: str) -> None:
    assert parse_ai_entry(line, sample_config().canonical_name)[:2] == (owners, text)


def test_parse_ai_entry_refuses_empty() -> None:
    with pytest.raises(EditError, match="empty"):
        parse_ai_entry("  ")


def test_complete_owner() -> None:
    config = sample_config()
    names, aliases = owner_names(config), config.people.aliases
    assert complete_owner("AI (Ma", names, aliases) == "AI (Mat"
    assert complete_owner("AI (Mat, Br", names, aliases) == "AI (Mat, BrianL"
    assert complete_owner("Carl, ti", names, aliases) == "Carl, TimT"
    assert complete_owner("Carl: text", names, aliases) is None
    assert complete_owner("AI (Zed", names, aliases) is None
    assert complete_owner("AI (Mar", [*names, "Marco Mambelli"]) == "AI (Marco Mambelli"


def test_action_item_under_topic_bullet_and_section(session: MeetingSession) -> None:
    ai = session.add_action_item("Mat, Tim: slides", uid_of(session, "XCache:"))
    assert ai.thread == ai.uid
    assert "    -   Notes on the [RFE] tickets with [/] brackets\n    -   AI (Mat, TimT): slides\n" in stored(session)
    session.add_action_item("AI (Carl): look", heading_uid(session, "Discussion"))
    assert "### Discussion\n\nNone this week\n-   AI (Carl): look\n" not in stored(session)
    assert "### Discussion\n\nNone this week\n\n-   AI (Carl): look\n\n\n## OSG Release Team" in stored(session)


def test_action_item_next_to_action_item_is_a_sibling(session: MeetingSession) -> None:
    session.add_action_item("Carl: second", uid_of(session, "AI (Mat)"))
    assert "-   AI (Mat): Give IceCube access to the GLOW origin\n-   AI (Carl): second\n" in stored(session)


def test_cycle_status(session: MeetingSession) -> None:
    uid = uid_of(session, "AI (Mat)")
    assert session.cycle_status(uid) == "in progress"
    assert parse_action(session.block(uid).text).status == "in progress"
    assert session.cycle_status(uid) == "done"
    assert "-   AI (Mat): Give IceCube access to the GLOW origin (done)\n" in stored(session)
    assert session.cycle_status(uid) == "open"
    assert stored(session) == CURRENT
    with pytest.raises(EditError, match="not an action item"):
        session.cycle_status(uid_of(session, "Topic two"))


def test_cycle_status_keeps_the_marker_style(session: MeetingSession) -> None:
    uid = uid_of(session, "AI (Mat)")
    session.edit_text(uid, "AI (Mat): Give IceCube access to the GLOW origin [IN PROGRESS]")
    assert session.cycle_status(uid) == "done"
    assert "-   AI (Mat): Give IceCube access to the GLOW origin [DONE]\n" in stored(session)
    assert session.cycle_status(uid) == "open"
    assert session.cycle_status(uid) == "in progress"  # no marker here or last week: the default style
    assert "-   AI (Mat): Give IceCube access to the GLOW origin (in progress)\n" in stored(session)


def test_cycle_status_on_a_plain_line_item(session: MeetingSession) -> None:
    from osgtui.minutes.model import Line

    uid = uid_of(session, "AI (Mat)")
    index = session.index(uid)
    session.meeting.blocks.insert(index, Line("AI (Carl): plain line item", "\n"))
    line = session.meeting.blocks[index]
    assert session.cycle_status(line.uid) == "in progress"
    assert "\nAI (Carl): plain line item (in progress)\n" in stored(session)


def test_attendance_keeps_the_line_style(session: MeetingSession) -> None:
    session.set_attendance(["TimT", "carl", "Mat"])
    text = stored(session)
    assert "**Attending:** carl, Mat, TimT\n" in text
    assert attending(session.store.load_meeting(DAY)) == ["carl", "Mat", "TimT"]


def test_triage_duty(session: MeetingSession) -> None:
    session.set_triage("next", "Mat")
    assert triage_duty(session.store.load_meeting(DAY))[:2] == ("TimT", "Mat")


def test_add_section(session: MeetingSession) -> None:
    session.add_section("DevOps", uid_of(session, "Topic two"))
    assert "None this week\n\n\n## DevOps\n\n## OSG Release Team" in stored(session)


def test_read_only_session_refuses_changes() -> None:
    config = sample_config()
    store = sample_store(config=config)
    session = MeetingSession(store, config, store.load_meeting(DAY), read_only=True, read_only_reason="pid 1")
    with pytest.raises(ReadOnlyError, match="pid 1"):
        session.add_bullet(None)


def test_save_after_another_save_applies_the_change_to_the_latest_version(tmp_path) -> None:
    config = sample_config()
    store = sample_store(tmp_path / "x.db", config)
    first = MeetingSession(store, config, store.load_meeting(DAY))
    other_store = type(store).open(tmp_path / "x.db", config)
    second = MeetingSession(other_store, config, other_store.load_meeting(DAY))
    second.add_bullet(None, text="from the second console")
    first.add_bullet(None, text="not lost")
    assert not first.read_only
    text = render_minutes(store.load_meeting(DAY))
    assert "from the second console" in text and "not lost" in text
    assert "version" in first.take_notices()[0] and first.take_notices() == []
    assert not first.can_undo or first.undo_label() == "add bullet"


def test_failed_save_puts_memory_back(session: MeetingSession, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(meeting, **kwargs):
        raise StoreError("disk full")

    monkeypatch.setattr(session.store, "save_meeting", broken)
    with pytest.raises(StoreError):
        session.add_bullet(None, text="x")
    assert render_minutes(session.meeting) == CURRENT
    assert not session.can_undo


def test_bullet_after_a_table_is_kept_apart_from_it(session: MeetingSession) -> None:
    table = next(b.uid for b in session.blocks if b.__class__.__name__ == "Table")
    session.add_bullet(table, "below", "after the table")
    assert "| 30 | -1 | In Progress |\n\n-   after the table\n\n\n## OSG Software Team" in stored(session)


def test_move_a_bullet_to_another_section_with_its_children(session: MeetingSession) -> None:
    from osgtui.minutes.blocktree import section_heading

    uid = uid_of(session, "AI (Mat)")
    heading = next(b for b in session.meeting.blocks if isinstance(b, Heading) and b.title == "Discussion")
    before = stored(session)
    session.move_to_section(uid, heading.uid)
    blocks = session.meeting.blocks
    moved = session.index(uid)
    assert section_heading(blocks, moved) == session.index(heading.uid)
    assert session.block(uid).depth == 0
    assert "AI (Mat): Give IceCube access" in stored(session).split("### Discussion", 1)[1]
    with pytest.raises(EditError, match="already in that section"):
        session.move_to_section(uid, heading.uid)
    session.undo()
    assert stored(session) == before


def test_cut_and_paste_and_copy(session: MeetingSession) -> None:
    uid = uid_of(session, "AI (Mat)")
    thread = session.block(uid).thread
    before = stored(session)
    cut = [clone for clone in session.meeting.blocks[session.index(uid):session.index(uid) + 1]]
    session.delete(uid)
    target = uid_of(session, "Topic two")
    pasted = session.paste(cut, target)
    assert session.block(pasted).thread == thread  # the same item, moved
    assert session.block(pasted).depth == session.block(target).depth
    copied = session.paste([session.block(pasted)], pasted)
    assert session.block(copied).thread == copied and session.block(copied).continues is None
    session.undo()
    session.undo()
    session.undo()
    assert stored(session) == before
    with pytest.raises(EditError, match="nothing to paste"):
        session.paste([], target)


# --- saves written after the repaint (the console's save_soon) --------------------------------


def test_a_deferred_change_is_written_by_save_pending_in_one_transaction(session: MeetingSession) -> None:
    asked: list[int] = []
    session.save_soon = lambda: asked.append(1)
    first = session.add_bullet(None, text="shown first")
    session.edit_text(first.uid, "shown first, then typed")
    assert asked == [1] and session.pending  # asked once for both changes
    assert "shown first" not in stored(session)
    session.save_pending()
    assert not session.pending and "-   shown first, then typed\n" in stored(session)
    assert session.undo() == "edit text" and "then typed" not in render_minutes(session.meeting)
    assert session.pending  # the undo waits for its write too
    assert session.flush() and "then typed" not in stored(session) and "-   shown first\n" in stored(session)


def test_reading_the_stored_meeting_writes_the_pending_change_first(session: MeetingSession) -> None:
    session.save_soon = lambda: None
    session.add_bullet(None, text="not dropped by a reload")
    session.reload()
    assert "not dropped by a reload" in render_minutes(session.meeting) and not session.pending


def test_saved_elsewhere_while_a_change_waits_keeps_both(tmp_path) -> None:
    config = sample_config()
    store = sample_store(tmp_path / "x.db", config)
    first = MeetingSession(store, config, store.load_meeting(DAY))
    first.save_soon = lambda: None
    mine = first.add_bullet(uid_of(first, "Topic two"), "below", "typed in this console")
    other_store = type(store).open(tmp_path / "x.db", config)
    MeetingSession(other_store, config, other_store.load_meeting(DAY)).add_bullet(None, text="saved elsewhere")
    first.save_pending()
    text = render_minutes(store.load_meeting(DAY))
    assert "-   saved elsewhere\n" in text and "-   Topic two\n-   typed in this console\n" in text
    assert first.unsaved is None and first.block(mine.uid).text == "typed in this console"  # the uid is kept
    assert "both are kept" in first.take_notices()[0]


def test_a_deferred_write_refused_is_kept_and_retried(session: MeetingSession, monkeypatch) -> None:
    session.save_soon = lambda: None
    session.add_bullet(None, text="kept in memory")

    def refused(meeting, **kwargs):  # noqa: ANN001, ANN003
        raise StoreError("database x: cannot save: the schema is newer")

    monkeypatch.setattr(session.store, "save_meeting", refused)
    session.save_pending()
    assert session.unsaved is not None and "kept in memory" in render_minutes(session.meeting)
    monkeypatch.undo()
    assert session.flush() and "-   kept in memory\n" in stored(session)
