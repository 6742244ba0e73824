"""History on the real archive (skipped without the corpus, see tests/corpus.py): carry-over, linking, deltas, search."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from osgtui.history import action_history, build_draft, search
from osgtui.history.people import clean_duty_name
from osgtui.minutes.extract import action_items, sections, triage_duty
from osgtui.minutes.parser import parse_file
from osgtui.minutes.renderer import render_minutes
from osgtui.minutes.summary import meeting_summary
from osgtui.store.database import Store
from tests.corpus import CORPUS, SEED_DRAFT, archive_files, copy_database, requires_corpus

pytestmark = requires_corpus


@pytest.fixture(scope="module")
def archive(corpus_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The whole corpus imported into one store (a copy of the session's import, for this module)."""
    store = Store.open(copy_database(corpus_template, tmp_path_factory.mktemp("corpus") / "corpus.db"))
    yield store
    store.close()


def pairs() -> list[tuple[Path, Path]]:
    files = archive_files()
    return list(itertools.pairwise(files))


@pytest.mark.parametrize(("first", "second"), pairs(), ids=[p[1].stem for p in pairs()])
def test_draft_from_a_meeting_has_what_the_next_one_started_from(first: Path, second: Path) -> None:
    previous, following = parse_file(str(first)), parse_file(str(second))
    draft = build_draft(previous, following.date, None)
    assert [s.path for s in sections(draft)] == [s.path for s in sections(previous)]
    next_week = triage_duty(previous)[1]
    if clean_duty_name(next_week):
        assert triage_duty(draft)[0] == clean_duty_name(next_week)
    carried = {a.line for a in action_items(draft)}
    open_before = {a.line for a in action_items(previous) if a.status != "done"}
    assert carried == open_before
    for item in action_items(following):  # what the next meeting kept word for word, the draft has
        if item.line in open_before:
            assert item.line in carried
    assert all(c["count"] is None for c in meeting_summary(draft)["jira"])


def test_the_2019_06_10_draft_against_ours() -> None:
    """Our draft from 28 May 2019 has the sections and the still-open items of the real 10 June draft."""
    real = parse_file(str(SEED_DRAFT))
    previous = parse_file(str(CORPUS / "minutes" / "2019" / "TechArea20190528.md"))
    ours = build_draft(previous, date(2019, 6, 10), None)
    assert [s.path for s in sections(ours)] == [s.path for s in sections(real)]
    assert render_minutes(ours).splitlines()[0] == render_minutes(real).splitlines()[0]
    ours_items = {a.line for a in action_items(ours)}
    kept = {a.line for a in action_items(real)} & {a.line for a in action_items(previous)}
    assert kept and kept <= ours_items


def test_import_links_items_carried_word_for_word(archive: Store) -> None:
    rows = archive.conn.execute(
        """SELECT m.date, a.block_uid, a.owners, a.text, a.continues, a.thread FROM action_items a
           JOIN meetings m ON m.id = a.meeting_id ORDER BY m.date, a.position""").fetchall()
    by_day: dict[str, list[tuple]] = {}
    for row in rows:
        by_day.setdefault(row[0], []).append(row)
    all_days = [d.isoformat() for d in archive.meeting_dates()]
    linked = 0
    for day, items in by_day.items():
        previous_day = all_days[all_days.index(day) - 1] if all_days.index(day) else None
        previous = {r[1]: r for r in by_day.get(previous_day, [])}
        for _, uid, owners, text, continues, thread in items:
            if continues is None:
                assert thread == uid
                assert not any(p[2] == owners and p[3] == text for p in previous.values()), (day, text)
            else:
                linked += 1
                assert continues in previous and thread == previous[continues][5]
    assert linked >= 100


def test_actions_over_the_archive(archive: Store) -> None:
    records = action_history(archive, None)
    assert [r.first_raised for r in records] == sorted(r.first_raised for r in records)
    assert records[0].first_raised >= date(2018, 5, 14)  # no action items before that
    assert {r.status for r in records} == {"open", "done", "dropped"}
    still_open = action_history(archive, None, open_only=True)
    assert still_open and {r.last_seen for r in still_open} == {archive.meeting_dates()[-1]}
    assert max(r.meetings_open for r in records) >= 4


def test_import_computes_a_placeholder_delta(archive: Store) -> None:
    triage = {c["label"]: c for c in meeting_summary(archive.load_meeting(date(2023, 8, 1)))["triage"]["counts"]}
    assert (triage["open FreshDesk tickets"]["count"], triage["open FreshDesk tickets"]["delta"]) == (6, -2)
    assert triage["open FreshDesk tickets"]["delta_computed"]
    assert not triage["open GGUS ticket"]["delta_computed"]


def test_search_over_the_archive(archive: Store) -> None:
    hits = search(archive, '"open GGUS ticket"', limit=500)
    assert len(hits) > 100 and all(h.section.endswith("Triage Duty") for h in hits)
    releases = search(archive, '"3.4.31"')
    assert {h.date for h in releases} >= {date(2019, 5, 28), date(2019, 6, 10)}
    assert any(h.kind == "table" for h in releases)


@pytest.mark.parametrize("typed", ["HTCondor-CE", "3.4.31", "SOFTWARE-3642", "Let's Encrypt"])
def test_search_takes_what_people_type(archive: Store, typed: str) -> None:
    hits = search(archive, typed, limit=500)
    assert hits, typed
    words = [w.casefold() for w in typed.replace("'", " ").split()]
    assert all(all(w.split("-")[0] in h.line.casefold() for w in words) for h in hits[:5])
