"""Action items written as plain lines (``AI (Edgar): …`` outside a list), as in 2019-01-22 and 2024-05-21."""

from __future__ import annotations

from datetime import date

from osgtui.history import action_history
from osgtui.history.draft import build_draft
from osgtui.history.importer import import_meetings
from osgtui.minutes.extract import action_items
from osgtui.minutes.parser import parse_minutes
from osgtui.minutes.renderer import render_minutes
from osgtui.store.database import Store


def minutes(day: str, item: str) -> str:
    return (f"# OSG Technology Area Meeting, {day}\n\n## OSG Software Team\n\n-   Work\n\n### Discussion\n\n"
            f"Discussed the origin.\n\n{item}\n")


ITEM = "AI (Edgar): Coordinate with BrianL and Mat for k8s-ization of StashCache origin  "


def test_a_plain_line_item_is_an_action_item_written_back_byte_for_byte() -> None:
    text = minutes("22 January 2019", ITEM)
    meeting = parse_minutes(text, "TechArea20190122.md")
    items = action_items(meeting)
    assert [(i.owners, i.text, i.status, i.section, i.parent) for i in items] == [
        (["Edgar"], "Coordinate with BrianL and Mat for k8s-ization of StashCache origin", "open",
         "Discussion", None)]
    assert render_minutes(meeting) == text
    store = Store.memory()
    store.save_meeting(meeting)
    assert render_minutes(store.load_meeting(date(2019, 1, 22))) == text


def test_plain_line_items_are_carried_linked_and_dropped_when_done() -> None:
    store = Store.memory()
    first = parse_minutes(minutes("22 January 2019", ITEM), "TechArea20190122.md")
    second = parse_minutes(minutes("28 January 2019", ITEM), "TechArea20190128.md")
    assert not import_meetings(store, [first, second]).failures
    records = action_history(store, None)
    assert len(records) == 1 and records[0].first_raised == date(2019, 1, 22) and records[0].meetings_open == 2
    draft = build_draft(store.load_meeting(date(2019, 1, 28)), date(2019, 2, 4), store.config, store=store)
    carried = action_items(draft)
    assert len(carried) == 1 and carried[0].continues == action_items(store.load_meeting(date(2019, 1, 28)))[0].uid
    done = parse_minutes(minutes("4 February 2019", ITEM.rstrip() + " (done)"), "TechArea20190204.md")
    assert not import_meetings(store, [done]).failures
    draft = build_draft(store.load_meeting(date(2019, 2, 4)), date(2019, 2, 11), store.config, store=store)
    assert action_items(draft) == []
