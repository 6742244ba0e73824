"""Full-text search: ranking, kinds, sections, query syntax, bad queries, index kept in sync."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from osgtui.errors import OsgtuiError
from osgtui.history import search
from osgtui.history.search import fts_query
from osgtui.minutes.model import Bullet
from osgtui.store.database import Store
from osgtui.store.migrations import migrations

from .conftest import minutes
from .fixtures import MEETING_2019, MEETING_B

A, B, C = date(2024, 1, 9), date(2024, 1, 16), date(2024, 1, 23)


def found(store: Store, query: str) -> list[tuple[str, str, str, str]]:
    return [(h.date.isoformat(), h.kind, h.section, h.line) for h in search(store, query)]


def test_hits_give_date_section_line_and_kind(three: Store) -> None:
    assert found(three, "renewer") == [  # the shorter line first (bm25)
        ("2024-01-16", "action", "OSG Software Team", "AI (Carol): build the new osg-token-renewer"),
        ("2024-01-23", "action", "OSG Software Team", "AI (Carol): build the new osg-token-renewer (in progress)"),
    ]
    assert found(three, "accounting") == [
        ("2024-01-09", "bullet", "OSG Software Team > Support Update", "ATLAS (Alice): accounting audit continues")]
    assert found(three, '"Triage duty shifts"')[0][1:] == ("line", "Announcements > Triage Duty",
                                                          "Triage duty shifts Tue-Mon")


def test_a_word_in_more_lines_than_the_window_is_ranked_among_the_newest(three: Store) -> None:
    """bm25 ranks the window of newest matching lines only; the rest of the archive is counted, not ranked."""
    from osgtui.history.search import count_matches, shown_of
    from osgtui.store.search_index import ranked_hits

    every = ranked_hits(three, '"xcache" OR "checker"', limit=50)
    assert len(every) == 6 and every[0].date == B.isoformat()  # the best line is in the middle meeting
    newest = ranked_hits(three, '"xcache" OR "checker"', limit=2, window=2)
    assert {h.date for h in newest} == {C.isoformat()}  # only the last meeting's two lines were ranked
    assert count_matches(three, "xcache OR checker") == 6
    assert shown_of(6, 6) == "" and shown_of(2_500, 50) == "50 of 2,500 matching lines, the best of the newest 2,000"
    assert shown_of(70, 50) == "50 of 70 matching lines"


def test_table_labels_and_continuation_lines_are_indexed(three: Store) -> None:
    hits = found(three, '"Dev Complete"')
    assert [h[0] for h in hits] == ["2024-01-23", "2024-01-16"]
    assert hits[0][1:] == ("table", "Announcements > Jira (as of Monday morning)", "5 | +1 | Dev Complete")
    assert found(three, "password")[0][3].endswith("<https://example.zoom.us/j/1> (password sent separately)")
    assert found(three, "200") == []  # counts and deltas are not labels


def test_best_first(three: Store) -> None:
    ranked = search(three, "xcache OR checker")
    assert [(h.date, h.line) for h in ranked] == [  # both words first, then the shorter line, then newer
        (B, "AI (BrianL): package the xcache consistency checker"),
        (A, "AI (BrianL): package the xcache consistency checker"),
        (C, "AI (BrianL): package the xcache consistency checker (done)"),
        (C, "XCache:"), (B, "XCache:"), (A, "XCache:"),
    ]
    assert all(a.rank <= b.rank for a, b in itertools.pairwise(ranked))
    # among equally good lines, the newest meeting first
    assert [h.date for h in search(three, "blahp")] == [B, A]


def test_the_limit_keeps_the_best_and_among_equals_the_newest(three: Store) -> None:
    ranked = search(three, "xcache OR checker")
    for limit in range(len(ranked) + 1):
        assert search(three, "xcache OR checker", limit=limit) == ranked[:limit]
    assert [h.date for h in search(three, "blahp", limit=1)] == [B]
    # three equally good lines (one a meeting): the limit keeps the two newest
    assert [(h.date, h.line) for h in search(three, "XCache", limit=2)] == [(C, "XCache:"), (B, "XCache:")]


def test_fts5_query_syntax(three: Store) -> None:
    assert len(search(three, "\"osg-token\"*")) == 2
    assert len(search(three, "renew*")) == 2
    assert [h.line for h in search(three, "survey NOT EL9")] == []
    assert len(search(three, "gratia AND probe")) == 2
    assert len(search(three, "NEAR(origin guide, 2)")) == 3
    assert len(search(three, "certificates")) == 1 and len(search(three, "certificate")) == 1  # stemming
    assert len(search(three, "pelican", limit=0)) == 0


@pytest.mark.parametrize("query", ['"unterminated', "AND", "(xcache", "xrootd OR"])
def test_malformed_query_is_a_clear_error(three: Store, query: str) -> None:
    with pytest.raises(OsgtuiError) as info:
        search(three, query)
    message = str(info.value)
    assert message.startswith(f"search query {query!r} is not valid FTS5 syntax (")
    assert "close quotes" in message and "\n" not in message


def test_plain_words_with_punctuation_just_work(three: Store) -> None:
    assert len(search(three, "osg-token")) == len(search(three, '"osg-token"')) > 0
    assert search(three, "foo:bar") == []
    assert fts_query("HTCondor-CE 3.4.31 Let's SOFTWARE-3642 renew*") == \
        '"HTCondor-CE" "3.4.31" "Let\'s" "SOFTWARE-3642" "renew"*'
    assert fts_query('survey NOT EL9') == 'survey NOT EL9'  # FTS5 syntax passes as it is
    with pytest.raises(OsgtuiError, match="no letters or digits"):
        search(three, "* --")


def test_empty_query(three: Store) -> None:
    with pytest.raises(OsgtuiError, match="search query is empty"):
        search(three, "  ")


def test_index_follows_saves_and_deletes(three: Store) -> None:
    meeting = three.load_meeting(C)
    meeting.blocks.append(Bullet(0, "AI (Dave): prototype the quokka dashboard"))
    three.save_meeting(meeting)
    assert found(three, "quokka") == [("2024-01-23", "action", "OSG Release Team > Discussion",
                                       "AI (Dave): prototype the quokka dashboard")]
    meeting.blocks.pop()
    three.save_meeting(meeting)
    assert found(three, "quokka") == []
    three.delete_meeting(A)
    assert found(three, "accounting") == []
    assert three.conn.execute("SELECT count(*) FROM search_index WHERE meeting_id NOT IN "
                              "(SELECT id FROM meetings)").fetchone()[0] == 0


def test_migration_indexes_meetings_already_stored(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m002_search")
    old = Store(db.conn, path)
    old.save_meeting(minutes(MEETING_2019, "20190603"))
    old.save_meeting(minutes(MEETING_B, "20240116"))
    db.conn.close()
    store = Store.open(path)
    assert [h.date for h in search(store, "cctools")] == [date(2019, 6, 3)]
    assert search(store, '"3.4.31"')[0].kind == "table"
    assert [h.line for h in search(store, "renewer")] == ["AI (Carol): build the new osg-token-renewer"]
    store.close()


def test_search_in_an_empty_store(store: Store) -> None:
    assert search(store, "anything") == []
