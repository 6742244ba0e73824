"""The store: versioned saves, conflicts between two writers (import hygiene: test_import_hygiene.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from osgtui.minutes.model import Bullet
from osgtui.minutes.parser import parse_minutes
from osgtui.minutes.renderer import render_minutes
from osgtui.store.database import ConflictError, Store

from .fixtures import MINUTES_2019


def test_save_load_keeps_uids_threads_and_meta(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db")
    meeting = parse_minutes(MINUTES_2019)
    bullet = next(b for b in meeting.blocks if isinstance(b, Bullet))
    bullet.thread, bullet.continues = "t1", "c1"
    store.save_meeting(meeting)
    loaded = store.load_meeting(meeting.date)
    same = loaded.blocks[loaded.find(bullet.uid)]
    assert (same.thread, same.continues) == ("t1", "c1")
    assert render_minutes(loaded) == MINUTES_2019
    assert loaded.version == meeting.version == 1


def test_second_writer_is_refused_not_silently_overwritten(tmp_path: Path) -> None:
    first = Store.open(tmp_path / "s.db")
    first.save_meeting(parse_minutes(MINUTES_2019))
    second = Store.open(tmp_path / "s.db")
    a = first.load_meeting(parse_minutes(MINUTES_2019).date)
    b = second.load_meeting(a.date)
    a.blocks.append(Bullet(0, "from console A"))
    first.save_meeting(a)
    b.blocks.append(Bullet(0, "from console B"))
    with pytest.raises(ConflictError, match="changed by another osgtui"):
        second.save_meeting(b)
    assert "from console A" in render_minutes(second.load_meeting(a.date))


def test_failed_save_leaves_the_previous_meeting(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db")
    meeting = parse_minutes(MINUTES_2019)
    store.save_meeting(meeting)
    meeting.blocks.append(Bullet(0, "x"))
    meeting.blocks.append(meeting.blocks[-1])  # the same uid twice is fine; a non-block is not
    meeting.blocks.append(object())  # type: ignore[arg-type]
    with pytest.raises(AttributeError):  # not a block: it has no uid
        store.save_meeting(meeting)
    assert render_minutes(store.load_meeting(meeting.date)) == MINUTES_2019
