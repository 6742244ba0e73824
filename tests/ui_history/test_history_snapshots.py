"""Snapshots of the history screens at 120x40 with the test meetings (see harness.py)."""

from __future__ import annotations

from osgtui.config import Config
from osgtui.screens.history import MeetingListScreen, PersonActionsScreen, SearchScreen
from osgtui.store.database import Store

from .harness import HostApp, settle

SIZE = (120, 40)


def test_meeting_list(snap_compare, store: Store, config: Config) -> None:
    """The three meetings newest first (2024-01-16 on top, its title literally "[RFE] fix [/] thing, 16 January
    2024"), with attending and action-item counts right-aligned; the filter input is focused and empty; the
    footer shows enter "Open meeting" and esc "Close"."""
    assert snap_compare(HostApp(lambda: MeetingListScreen(store, config)), terminal_size=SIZE, run_before=settle)


def test_meeting_list_no_match(snap_compare, store: Store, config: Config) -> None:
    """The filter holds "zzz"; the status says 0 of 3 meetings match and, instead of the table, a line says
    no meeting matches “zzz” and how to clear the filter; "Open meeting" is greyed out in the footer."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("z", "z", "z")

    assert snap_compare(HostApp(lambda: MeetingListScreen(store, config)), terminal_size=SIZE, run_before=run_before)


def test_meeting_list_empty_database(snap_compare, empty_store: Store, config: Config) -> None:
    """No meetings: instead of a table, a line says none are stored and how to import minutes."""
    assert snap_compare(HostApp(lambda: MeetingListScreen(empty_store, config)), terminal_size=SIZE,
                        run_before=settle)


def test_search_hits(snap_compare, store: Store, config: Config) -> None:
    """The query "xrootd" (as given to the screen, cursor at its end) and 6 hits best first: the 2024-01-09 line
    "XRootD XRootD: ..." on top and highlighted, the word XRootD emphasised in each line, action items marked
    "action"; below the table the full highlighted hit with its date and section."""
    assert snap_compare(HostApp(lambda: SearchScreen(store, config, "xrootd")), terminal_size=SIZE,
                        run_before=settle)


def test_search_malformed_query(snap_compare, store: Store, config: Config) -> None:
    """The query '"unbalanced' and, on the status line in the error colour, the message that it is not valid
    FTS5 syntax (unterminated string) with a hint; no table, a line saying to fix the query; no traceback."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("quotation_mark", *"unbalanced", "enter")

    assert snap_compare(HostApp(lambda: SearchScreen(store, config)), terminal_size=SIZE, run_before=run_before)


def test_search_empty_query(snap_compare, store: Store, config: Config) -> None:
    """An empty query: a hint explains what to type (words, "phrases", prefix*, OR, NOT)."""
    assert snap_compare(HostApp(lambda: SearchScreen(store, config)), terminal_size=SIZE, run_before=settle)


def test_person_actions(snap_compare, store: Store, config: Config) -> None:
    """On the left Everyone 4, BrianL 1, Carl 1, Mat 3 (highlighted), Tim 0; on the right Mat's three open items
    oldest first (the XRootD packages "in progress", "[RFE] fix [/] thing in the CE config" shared with Carl,
    the token auth release), with owners, status, raised, last seen, age in meetings and section; the table is
    focused and the first item's full text is shown below it."""
    assert snap_compare(HostApp(lambda: PersonActionsScreen(store, config, owner="Mat")), terminal_size=SIZE,
                        run_before=settle)


def test_person_actions_nothing_open(snap_compare, store: Store, config: Config) -> None:
    """Tim (0) is highlighted in the focused list of people; the status says "Tim: no open action items" and,
    instead of a table, a line suggests picking someone else or Everyone; the footer greys out enter "Items"."""
    assert snap_compare(HostApp(lambda: PersonActionsScreen(store, config, owner="Tim")), terminal_size=SIZE,
                        run_before=settle)
