"""Action items across meetings: statuses, dates, meetings open, owners, filters, order."""

from __future__ import annotations

from datetime import date

from osgtui.config import Config
from osgtui.history import action_history, create_draft
from osgtui.history.importer import import_meetings
from osgtui.store.database import Store

from .conftest import minutes
from .fixtures import MEETING_A, MEETING_B

A, B, C = date(2024, 1, 9), date(2024, 1, 16), date(2024, 1, 23)


def table(records) -> list[tuple]:
    return [(r.text, r.owners, r.status, r.first_raised, r.last_seen, r.meetings_open) for r in records]


def test_history_of_three_meetings(three: Store, config: Config) -> None:
    assert table(action_history(three, config)) == [
        ("package the xcache consistency checker", ["BrianL"], "done", A, C, 2),
        ("write the origin upgrade guide for OSG 23", ["Alice", "Carol"], "open", A, C, 3),
        ("review the gratia probe pull requests", ["BrianL"], "dropped", A, B, 2),
        ("rotate the CA certificates", ["Carol"], "done", A, A, 0),
        ("send the EL9 migration survey", ["Dave"], "dropped", A, A, 1),
        ("build the new osg-token-renewer", ["Carol"], "in progress", B, C, 2),
    ]


def test_record_fields(three: Store, config: Config) -> None:
    records = action_history(three, config)
    guide = records[1]
    assert guide.section == "OSG Software Team"
    assert guide.thread and guide.last_uid != guide.thread
    assert records[4].section == "OSG Software Team > Discussion"
    assert guide.to_json()["first_raised"] == "2024-01-09"


def test_open_only_and_owner_filters(three: Store, config: Config) -> None:
    assert [r.text for r in action_history(three, config, open_only=True)] == [
        "write the origin upgrade guide for OSG 23", "build the new osg-token-renewer"]
    assert [r.text for r in action_history(three, config, owner="brian")] == [
        "package the xcache consistency checker", "review the gratia probe pull requests"]
    assert [r.text for r in action_history(three, config, owner="Carol", open_only=True)] == [
        "write the origin upgrade guide for OSG 23", "build the new osg-token-renewer"]
    assert action_history(three, config, owner="Nobody") == []


def test_before_considers_only_earlier_meetings(three: Store, config: Config) -> None:
    records = action_history(three, config, before=C, open_only=True)
    assert [(r.text, r.last_seen) for r in records] == [
        ("package the xcache consistency checker", B),
        ("write the origin upgrade guide for OSG 23", B),
        ("review the gratia probe pull requests", B),
        ("build the new osg-token-renewer", B),
    ]
    assert action_history(three, config, before=A) == []


def test_owners_without_aliases_are_separate_people(plain_store: Store) -> None:
    import_meetings(plain_store, [minutes(MEETING_A, "20240109"), minutes(MEETING_B, "20240116")])
    review = [r for r in action_history(plain_store, None) if r.text == "review the gratia probe pull requests"]
    assert [(r.owners, r.status) for r in review] == [(["Brian"], "dropped"), (["BrianL"], "in progress")]


def test_a_draft_keeps_open_items_open(three: Store, config: Config) -> None:
    create_draft(three, config)
    records = action_history(three, config, open_only=True)
    assert [(r.text, r.last_seen, r.meetings_open) for r in records] == [
        ("write the origin upgrade guide for OSG 23", date(2024, 1, 30), 4),
        ("build the new osg-token-renewer", date(2024, 1, 30), 3),
    ]


def test_empty_store(plain_store: Store) -> None:
    assert action_history(plain_store, None) == []
