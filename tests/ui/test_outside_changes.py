"""The session takes in versions saved outside the console (pull, import --replace) and loses no typing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from osgtui.console.session import MeetingSession
from osgtui.history.importer import import_meetings
from osgtui.minutes.model import Bullet, Line
from osgtui.minutes.parser import parse_minutes
from osgtui.minutes.rebase import adopt_uids
from osgtui.minutes.renderer import render_minutes
from osgtui.store.database import Store
from tests.ui.sample import CURRENT, sample_config, sample_store

DAY = date(2019, 6, 10)


def replace_from_file(path: Path, text: str) -> None:
    """What `osgtui import --replace` does: the meeting written anew from Markdown (new uids)."""
    config = sample_config()
    store = Store.open(path, config)
    result = import_meetings(store, [parse_minutes(text, "TechArea20190610.md")], replace=True, config=config)
    assert not result.failures
    store.close()


def uid_of(session: MeetingSession, text: str) -> str:
    return next(b.uid for b in session.blocks if isinstance(b, Bullet) and b.text.startswith(text))


def editing_topic_two(tmp_path: Path) -> tuple[Store, MeetingSession, str]:
    """A session on a file database, and the uid of the "Topic two" bullet."""
    store = sample_store(tmp_path / "x.db", sample_config())
    session = MeetingSession(store, store.config, store.load_meeting(DAY))
    return store, session, uid_of(session, "Topic two")


def test_adopt_uids_keeps_identities_of_matching_and_changed_lines() -> None:
    base = parse_minutes(CURRENT, "TechArea20190610.md").blocks
    changed = CURRENT.replace("-   Topic two\n", "-   Topic two, revised\n").replace("-   BrianL OOO Friday\n", "")
    latest = parse_minutes(changed, "TechArea20190610.md").blocks
    adoption = adopt_uids(base, latest)
    by_uid = {b.uid: b for b in base}
    kept = [b for b in latest if b.uid in by_uid]
    assert len(kept) == len(latest)  # every line of the new version is one the console knew, or its change
    topic = next(b for b in latest if isinstance(b, Bullet) and b.text.startswith("Topic two"))
    assert by_uid[topic.uid].text == "Topic two"
    [(_gone, (block, survivor))] = adoption.removed.items()
    assert isinstance(block, Bullet) and block.text == "BrianL OOO Friday"
    assert isinstance(by_uid[survivor], Line) and by_uid[survivor].text == ""  # the blank line before it


def test_adopt_uids_keeps_uids_another_console_kept() -> None:
    base = parse_minutes(CURRENT, "TechArea20190610.md").blocks
    latest = [b for b in base[::-1]]  # same uids in another order: nothing is renamed, nothing removed
    uids = [b.uid for b in latest]
    assert adopt_uids(base, latest).removed == {}
    assert [b.uid for b in latest] == uids


def test_typing_goes_on_after_an_import_replace(tmp_path: Path) -> None:
    store, session, uid = editing_topic_two(tmp_path)
    session.edit_text(uid, "Topic two and", edit_id=1, expected="Topic two")
    replace_from_file(tmp_path / "x.db", render_minutes(store.load_meeting(DAY)).replace(
        "-   BrianL OOO Friday", "-   BrianL OOO Friday and Monday"))
    session.edit_text(uid, "Topic two and a half", edit_id=1, expected="Topic two and")
    text = render_minutes(store.load_meeting(DAY))
    assert "-   Topic two and a half\n" in text and "-   BrianL OOO Friday and Monday\n" in text
    assert not session.read_only and session.outside_loads == 1
    [notice] = session.take_notices()
    assert "saved outside this console" in notice


def test_line_changed_on_both_sides_keeps_the_typed_text_and_says_so(tmp_path: Path) -> None:
    store, session, uid = editing_topic_two(tmp_path)
    replace_from_file(tmp_path / "x.db", CURRENT.replace("-   Topic two\n", "-   Topic 2 (theirs)\n"))
    session.edit_text(uid, "Topic two (mine)", edit_id=1, expected="Topic two")
    text = render_minutes(store.load_meeting(DAY))
    assert "-   Topic two (mine)\n" in text and "theirs" not in text
    notices = session.take_notices()
    assert any("your text is kept" in n and "Topic 2 (theirs)" in n for n in notices)


def test_line_deleted_outside_is_put_back_with_the_typed_text(tmp_path: Path) -> None:
    store, session, uid = editing_topic_two(tmp_path)
    replace_from_file(tmp_path / "x.db", CURRENT.replace("-   Topic two\n", ""))
    session.edit_text(uid, "Topic two, still wanted", edit_id=1, expected="Topic two")
    text = render_minutes(store.load_meeting(DAY))
    assert "-   AI (Mat): Give IceCube access to the GLOW origin\n-   Topic two, still wanted\n" in text
    assert any("deleted outside the console" in n for n in session.take_notices())
    session.undo()  # the put-back line is one step: undo takes it away again
    assert "still wanted" not in render_minutes(store.load_meeting(DAY))


def test_a_structural_change_after_an_outside_save_applies_to_the_new_version(tmp_path: Path) -> None:
    store, session, uid = editing_topic_two(tmp_path)
    replace_from_file(tmp_path / "x.db", CURRENT.replace("None this week", "Nothing to discuss"))
    session.indent(uid)  # conflict in the save: taken in, then the change is made on that version
    text = render_minutes(store.load_meeting(DAY))
    assert "    -   Topic two\n" in text and "Nothing to discuss" in text
