"""Every archived minutes file (and the 2019-06-10 draft) round-trips byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from osgtui.minutes.parser import parse_file
from osgtui.minutes.renderer import render_minutes
from osgtui.store.database import Store
from tests.corpus import archive_files, corpus_files, requires_corpus

FILES = corpus_files()


@requires_corpus
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_import_then_export_gives_the_same_bytes(path: Path, tmp_path: Path) -> None:
    meeting = parse_file(str(path))
    store = Store.open(tmp_path / "rt.db")
    store.save_meeting(meeting)
    again = store.load_meeting(meeting.date)
    assert render_minutes(again).encode("utf-8") == path.read_bytes()
    store.close()


@requires_corpus
def test_titles_that_disagree_with_the_file_name_take_the_file_name() -> None:
    path = next(p for p in FILES if p.name == "TechArea20220118.md")
    meeting = parse_file(str(path))
    assert meeting.date.isoformat() == "2022-01-18"
    assert "11 January 2022" in meeting.title


@requires_corpus
def test_whole_archive_imported_in_one_database_exports_identically(corpus_db: Path) -> None:
    store = Store.open(corpus_db)  # the archive imported in one go (tests/conftest.py: corpus_template)
    archive = archive_files()
    assert store.meeting_dates() == sorted(parse_file(str(p)).date for p in archive)
    for path, day in zip(archive, store.meeting_dates()):
        assert render_minutes(store.load_meeting(day)).encode("utf-8") == path.read_bytes(), path.name
    store.close()
