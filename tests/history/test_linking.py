"""Action-item identity across a sequence of imported meetings; aliases; out-of-order imports."""

from __future__ import annotations

from datetime import date

from osgtui.config import Config
from osgtui.history import link_imported
from osgtui.history.importer import import_meetings
from osgtui.history.linking import Item, match_items, text_key
from osgtui.minutes.extract import action_items
from osgtui.store.database import Store

from .conftest import minutes
from .fixtures import MEETING_A, MEETING_B, MEETING_C

A, B, C = date(2024, 1, 9), date(2024, 1, 16), date(2024, 1, 23)


def items(store: Store, day: date) -> dict[str, object]:
    return {a.text: a for a in action_items(store.load_meeting(day))}


def test_items_linked_across_three_meetings(three: Store) -> None:
    a, b, c = items(three, A), items(three, B), items(three, C)
    checker = "package the xcache consistency checker"
    assert b[checker].continues == a[checker].uid and c[checker].continues == b[checker].uid
    assert a[checker].thread == b[checker].thread == c[checker].thread == a[checker].uid
    assert a[checker].continues is None
    # a small edit of the text keeps the identity
    guide = a["write the origin upgrade guide"]
    assert b["write the origin upgrade guide for OSG 23"].thread == guide.thread
    assert c["write the origin upgrade guide for OSG 23"].thread == guide.thread
    # an item raised in B starts its own thread and is continued in C, whatever its status marker
    renewer = b["build the new osg-token-renewer"]
    assert renewer.thread == renewer.uid and renewer.continues is None
    assert c["build the new osg-token-renewer"].continues == renewer.uid


def test_aliases_make_owners_one_person(three: Store) -> None:
    a, b = items(three, A), items(three, B)
    text = "review the gratia probe pull requests"
    assert a[text].owners == ["Brian"] and b[text].owners == ["BrianL"]
    assert b[text].continues == a[text].uid  # Brian = "BrianL" in [people.aliases]


def test_without_aliases_different_owners_do_not_link(plain_store: Store) -> None:
    import_meetings(plain_store, [minutes(MEETING_A, "20240109"), minutes(MEETING_B, "20240116")], config=None)
    assert items(plain_store, B)["review the gratia probe pull requests"].continues is None


def test_meeting_items_and_the_store_rows_agree(three: Store) -> None:
    rows = three.conn.execute(
        "SELECT a.block_uid, a.thread, a.continues, b.thread, b.continues FROM action_items a "
        "JOIN blocks b ON b.meeting_id = a.meeting_id AND b.uid = a.block_uid").fetchall()
    assert rows and all(r[1] == r[3] and r[2] == r[4] for r in rows)


def _item(uid: str, owners: set[str], text: str) -> Item:
    return Item(uid, frozenset(owners), text_key(text), uid)


def test_matching_rules() -> None:
    prev = [
        _item("p1", {"mat"}, "Give IceCube access to the GLOW origin"),
        _item("p2", {"carl", "derek"}, "Malformed classad in history file"),
        _item("p3", {"timt"}, "Send expiration warning emails for OSG CA host certs"),
        _item("p4", {"mat"}, "Give IceCube access to the GLOW origin"),
        _item("p5", {"edgar"}, "Add XRootD multiuser ([SOFTWARE-3359](https://example.org/browse/SOFTWARE-3359))"),
    ]
    new = [
        _item("n1", {"mat"}, "give IceCube access to the  GLOW origin."),  # case, spacing, final dot
        _item("n2", {"carl"}, "Malformed classad in history file"),  # same text, an owner finished
        _item("n3", {"brianl"}, "Send expiration warning emails for OSG CA host certs"),  # reassigned
        _item("n4", {"mat"}, "Give IceCube access to the GLOW origin"),  # the twin takes the other one
        _item("n5", {"edgar"}, "XRootD plugin tests ([SOFTWARE-3359](https://example.org/browse/SOFTWARE-3359))"),
        _item("n6", {"timt"}, "Send expiration"),  # too short a prefix
    ]
    links = {uid: p.uid for uid, p in match_items(prev, new).items()}
    assert links == {"n1": "p1", "n2": "p2", "n4": "p4"}


def test_similar_text_and_extended_text_link() -> None:
    prev = [_item("p1", {"mat"}, "prepare osdf-server for release"),
            _item("p2", {"diego"}, "Build XRootD 5.0.0 RC1 (SOFTWARE-3923)")]
    new = [_item("n1", {"mat"}, "prepare osdf-server for release with Pelican 7.11 and the new origin docs"),
           _item("n2", {"diego"}, "Build XRootD 5.0.0 RC2 (SOFTWARE-3923)")]
    assert {uid: p.uid for uid, p in match_items(prev, new).items()} == {"n1": "p1", "n2": "p2"}


def test_out_of_order_import_relinks_the_following_meeting(store: Store, config: Config) -> None:
    import_meetings(store, [minutes(MEETING_A, "20240109"), minutes(MEETING_C, "20240123")], config=config)
    checker = "package the xcache consistency checker"
    first_thread = items(store, A)[checker].thread
    assert items(store, C)[checker].thread == first_thread  # A and C linked directly for now
    renewer_in_c = items(store, C)["build the new osg-token-renewer"]
    assert renewer_in_c.thread == renewer_in_c.uid
    import_meetings(store, [minutes(MEETING_B, "20240116")], config=config)
    b, c = items(store, B), items(store, C)
    assert c[checker].continues == b[checker].uid and c[checker].thread == first_thread
    assert c["build the new osg-token-renewer"].thread == b["build the new osg-token-renewer"].uid
    assert c["build the new osg-token-renewer"].continues == b["build the new osg-token-renewer"].uid


def test_replacing_a_middle_meeting_keeps_threads_later_on(three: Store, config: Config) -> None:
    renewer = "build the new osg-token-renewer"
    result = import_meetings(three, [minutes(MEETING_B, "20240116")], replace=True, config=config)
    assert not result.failures
    b, c = items(three, B), items(three, C)
    assert c[renewer].thread == b[renewer].thread == b[renewer].uid
    assert c[renewer].continues == b[renewer].uid
    later = three.conn.execute("SELECT count(*) FROM action_items WHERE continues NOT IN "
                               "(SELECT block_uid FROM action_items)").fetchone()[0]
    assert later == 0  # no link points at an item that is gone


def test_link_imported_first_meeting(store: Store, config: Config) -> None:
    meeting = minutes(MEETING_A, "20240109")
    link_imported(store, meeting, config)
    found = action_items(meeting)
    assert found and all(a.thread == a.uid and a.continues is None for a in found)
