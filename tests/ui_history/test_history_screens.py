"""Pilot tests of the history screens: what they list, what they are dismissed with, literal text."""

from __future__ import annotations

from datetime import date

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, OptionList, Static

from osgtui.config import Config
from osgtui.history import action_history, search
from osgtui.screens.history import MeetingListScreen, PersonActionsScreen, SearchScreen
from osgtui.store.database import Store
from tests.polling import until

from .harness import MARKUP, HostApp, opened


def keys(app: HostApp) -> list[str]:
    """The row keys of the screen's results table, top to bottom (none while it is hidden)."""
    table = app.screen.query_one("#history-table", DataTable)
    if not table.display:
        return []
    return [table.coordinate_to_cell_key((row, 0)).row_key.value for row in range(table.row_count)]


def column(app: HostApp, key: str) -> list[str]:
    """The plain text of one column of the results table, top to bottom."""
    table = app.screen.query_one("#history-table", DataTable)
    cells = table.get_column(key)
    return [cell.plain if isinstance(cell, Text) else str(cell) for cell in cells]


def shown(app: HostApp, selector: str) -> str:
    """The text a Static shows ('' while it is hidden)."""
    widget = app.screen.query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


def table_lines(app: HostApp) -> str:
    """What the results table draws on screen, line by line."""
    table = app.screen.query_one("#history-table", DataTable)
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


async def type_text(pilot, text: str) -> None:
    """Type ``text`` into the focused widget, key by key."""
    await pilot.press(*[{" ": "space", '"': "quotation_mark"}.get(ch, ch) for ch in text])


# -- meeting list --------------------------------------------------------------------------------


async def test_meeting_list_is_newest_first_with_literal_titles(store: Store, config: Config) -> None:
    async with opened(lambda: MeetingListScreen(store, config)) as pilot:
        app = pilot.app
        assert keys(app) == ["2024-01-16", "2024-01-09", "2024-01-02"]
        assert column(app, "title")[0] == f"{MARKUP}, 16 January 2024"
        assert column(app, "attending") == ["2", "4", "3"]
        assert column(app, "action_items") == ["4", "4", "3"]
        assert f"{MARKUP}, 16 January 2024" in table_lines(app)
        assert shown(app, "#history-status") == "3 meetings, newest first"


async def test_meeting_list_filter_then_enter_returns_the_date(store: Store, config: Config) -> None:
    async with opened(lambda: MeetingListScreen(store, config)) as pilot:
        app = pilot.app
        await type_text(pilot, "9 jan")
        await pilot.pause()
        assert keys(app) == ["2024-01-09"]
        assert shown(app, "#history-status") == "1 of 3 meetings match"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [date(2024, 1, 9)]


async def test_meeting_list_arrows_move_from_the_filter(store: Store, config: Config) -> None:
    async with opened(lambda: MeetingListScreen(store, config)) as pilot:
        app = pilot.app
        await type_text(pilot, "2024-01-")
        await pilot.press("down", "down")
        assert isinstance(app.focused, Input)
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [date(2024, 1, 2)]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("[/]", ["2024-01-16"]),  # literal markup in a title
        ("2024-01-0", ["2024-01-09", "2024-01-02"]),
        ("TUESDAY 2024", ["2024-01-16", "2024-01-09", "2024-01-02"]),  # weekday, any case, every word
        ("january 16", ["2024-01-16"]),
    ],
)
async def test_meeting_list_filter_words(store: Store, config: Config, words: str, expected: list[str]) -> None:
    async with opened(lambda: MeetingListScreen(store, config)) as pilot:
        await type_text(pilot, words)
        await pilot.pause()
        assert keys(pilot.app) == expected


async def test_meeting_list_no_match_explains_and_enter_does_nothing(store: Store, config: Config) -> None:
    async with opened(lambda: MeetingListScreen(store, config)) as pilot:
        app = pilot.app
        await type_text(pilot, "zzz")
        await pilot.pause()
        assert keys(app) == []
        assert "No meeting matches “zzz”" in shown(app, "#history-empty")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingListScreen)
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert len(keys(app)) == 3
    assert app.results == []


async def test_meeting_list_escape_returns_none(store: Store, config: Config) -> None:
    async with opened(lambda: MeetingListScreen(store, config)) as pilot:
        app = pilot.app
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_meeting_list_empty_database(empty_store: Store, config: Config) -> None:
    async with opened(lambda: MeetingListScreen(empty_store, config)) as pilot:
        app = pilot.app
        assert keys(app) == []
        assert "osgtui import" in shown(app, "#history-empty")


async def test_meeting_list_click_on_highlighted_row_opens(store: Store, config: Config) -> None:
    async with opened(lambda: MeetingListScreen(store, config)) as pilot:
        app = pilot.app
        table = app.screen.query_one("#history-table", DataTable)
        await pilot.click(table, offset=(3, 1))
        await pilot.pause()
    assert app.results == [date(2024, 1, 16)]


# -- search --------------------------------------------------------------------------------------


async def test_search_enter_shows_hits_best_first_then_opens(store: Store, config: Config) -> None:
    expected = search(store, "xrootd")
    async with opened(lambda: SearchScreen(store, config)) as pilot:
        app = pilot.app
        assert "Type words to search" in shown(app, "#history-empty")
        await type_text(pilot, "xrootd")
        await pilot.press("enter")
        await pilot.pause()
        assert column(app, "line") == [hit.line for hit in expected]
        assert column(app, "line")[0] == "XRootD XRootD: the XRootD 5.6 plugin crash is fixed upstream"
        assert [hit.rank for hit in expected] == sorted(hit.rank for hit in expected)
        assert column(app, "kind")[2] == "action"
        assert shown(app, "#history-status") == f"{len(expected)} hits for “xrootd”, best first"
        assert "XRootD XRootD: the XRootD 5.6 plugin" in shown(app, "#history-detail")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [(expected[0].date, expected[0].uid)]
    assert expected[0].uid is not None  # the screen can jump to the matching line


async def test_search_runs_while_typing(store: Store, config: Config) -> None:
    async with opened(lambda: SearchScreen(store, config)) as pilot:
        app = pilot.app
        await type_text(pilot, "glideinwms")
        screen = app.screen
        # the query runs after a pause in typing; wait for it, however slow the machine
        await until(pilot, lambda: screen.searched == "glideinwms", "the search ran")
        await pilot.pause()
        assert column(app, "line") == ["AI (Carl): Review the GlideinWMS release notes"]
        assert shown(app, "#history-status") == "1 hit for “glideinwms”, best first"


async def test_search_initial_query_runs_at_once(store: Store, config: Config) -> None:
    async with opened(lambda: SearchScreen(store, config, "EL9")) as pilot:
        app = pilot.app
        assert column(app, "line") == ["The xrootd-standalone container moves to EL9"]


async def test_search_arrows_from_the_query_pick_a_hit(store: Store, config: Config) -> None:
    expected = search(store, "xrootd")
    async with opened(lambda: SearchScreen(store, config, "xrootd")) as pilot:
        app = pilot.app
        await pilot.press("down", "down")
        assert isinstance(app.focused, Input)
        await pilot.press("enter")  # into the hits, the highlighted one kept
        await pilot.pause()
        assert isinstance(app.focused, DataTable) and app.results == []
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [(expected[2].date, expected[2].uid)]


async def test_search_changed_query_enter_searches_before_opening(store: Store, config: Config) -> None:
    async with opened(lambda: SearchScreen(store, config, "xrootd")) as pilot:
        app = pilot.app
        await pilot.press("ctrl+u")
        await type_text(pilot, "glideinwms")
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == []
        assert column(app, "line") == ["AI (Carl): Review the GlideinWMS release notes"]
        await pilot.press("enter")
        await pilot.pause()
    hit = search(store, "glideinwms")[0]
    assert app.results == [(date(2024, 1, 9), hit.uid)]


async def test_search_malformed_query_shows_the_error_inline(store: Store, config: Config) -> None:
    async with opened(lambda: SearchScreen(store, config)) as pilot:
        app = pilot.app
        for bad in ('"unbalanced', "AND"):
            await pilot.press("ctrl+u")
            await type_text(pilot, bad)
            await pilot.press("enter")
            await pilot.pause()
            status = app.screen.query_one("#history-status", Static)
            assert status.has_class("-error")
            assert "is not valid FTS5 syntax" in shown(app, "#history-status")
            assert keys(app) == []
            assert "until the query is fixed" in shown(app, "#history-empty")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("ctrl+u")
        await type_text(pilot, "EL9")
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.query_one("#history-status", Static).has_class("-error")
        assert len(keys(app)) == 1
    assert app.results == []


async def test_search_new_query_starts_at_the_best_hit(store: Store, config: Config) -> None:
    async with opened(lambda: SearchScreen(store, config, "xrootd")) as pilot:
        app = pilot.app
        await pilot.press("down", "down", "down")
        assert app.screen.query_one("#history-table", DataTable).cursor_row == 3
        await pilot.press("ctrl+u", *"token", "enter")
        await pilot.pause()
        assert app.screen.query_one("#history-table", DataTable).cursor_row == 0


async def test_search_no_hits_explains(store: Store, config: Config) -> None:
    async with opened(lambda: SearchScreen(store, config, "kubernetes")) as pilot:
        app = pilot.app
        assert keys(app) == []
        assert "No line matches “kubernetes”" in shown(app, "#history-empty")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_search_shows_markup_literally(store: Store, config: Config) -> None:
    async with opened(lambda: SearchScreen(store, config, "RFE")) as pilot:
        app = pilot.app
        assert column(app, "line")[0] == f"AI (Carl, Mat): {MARKUP} in the CE config"
        assert MARKUP in table_lines(app)
        assert MARKUP in shown(app, "#history-detail")


async def test_search_escape_returns_none(store: Store, config: Config) -> None:
    async with opened(lambda: SearchScreen(store, config, "xrootd")) as pilot:
        app = pilot.app
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


# -- a person's open action items -----------------------------------------------------------------


def people(app: HostApp) -> list[str]:
    """The people listed on the left, as "name count"."""
    options = app.screen.query_one("#people", OptionList)
    return [" ".join(str(options.get_option_at_index(i).prompt).split()) for i in range(options.option_count)]


async def test_person_actions_lists_roster_with_open_counts(store: Store, config: Config) -> None:
    async with opened(lambda: PersonActionsScreen(store, config)) as pilot:
        app = pilot.app
        assert people(app) == ["Everyone 4", "BrianL 1", "Carl 1", "Mat 3", "Tim 0"]
        assert isinstance(app.focused, OptionList)
        assert column(app, "text") == [
            "Build the XRootD 5.6 packages",
            f"{MARKUP} in the CE config",
            "Check the OSDF monitoring dashboard",
            "Tag the token auth release",
        ]
        assert column(app, "owners") == ["Mat", "Carl, Mat", "BrianL", "Mat"]


async def test_person_actions_alias_resolves_to_roster_name(store: Store, config: Config) -> None:
    uid = next(r.last_uid for r in action_history(store, config) if r.text.startswith("Check the OSDF"))
    async with opened(lambda: PersonActionsScreen(store, config, owner="brian")) as pilot:
        app = pilot.app
        assert shown(app, "#history-status") == "BrianL: 1 open action item, oldest first"
        assert column(app, "text") == ["Check the OSDF monitoring dashboard"]
        assert "owners" not in [c.value for c in app.screen.query_one("#history-table", DataTable).columns]
        assert isinstance(app.focused, DataTable)
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [(date(2024, 1, 16), uid)]


async def test_person_actions_only_open_items_oldest_first(store: Store, config: Config) -> None:
    async with opened(lambda: PersonActionsScreen(store, config, owner="Mat")) as pilot:
        app = pilot.app
        assert column(app, "text") == [
            "Build the XRootD 5.6 packages",
            f"{MARKUP} in the CE config",
            "Tag the token auth release",
        ]
        assert column(app, "status") == ["in progress", "open", "open"]
        assert column(app, "first_raised") == ["2024-01-02", "2024-01-02", "2024-01-16"]
        assert "last seen 2024-01-16" in shown(app, "#history-detail")
        assert column(app, "age") == ["3", "3", "1"]
        assert column(app, "owners") == ["Mat", "Carl, Mat", "Mat"]
        assert MARKUP in table_lines(app)


async def test_person_actions_pick_with_arrows_then_open(store: Store, config: Config) -> None:
    carl = next(r for r in action_history(store, config, owner="Carl", open_only=True))
    async with opened(lambda: PersonActionsScreen(store, config)) as pilot:
        app = pilot.app
        await pilot.press("down", "down")
        await pilot.pause()
        assert shown(app, "#history-status") == "Carl: 1 open action item, oldest first"
        assert column(app, "text") == [f"{MARKUP} in the CE config"]
        await pilot.press("enter")
        assert isinstance(app.focused, DataTable)
        await pilot.press("left")
        assert isinstance(app.focused, OptionList)
        await pilot.press("enter", "enter")
        await pilot.pause()
    assert app.results == [(carl.last_seen, carl.last_uid)]


async def test_person_actions_switching_person_keeps_a_shared_item(store: Store, config: Config) -> None:
    async with opened(lambda: PersonActionsScreen(store, config)) as pilot:
        app = pilot.app
        await pilot.press("enter", "down")  # Everyone's second item: the one Carl and Mat share
        assert column(app, "text")[1] == f"{MARKUP} in the CE config"
        await pilot.press("left", "down", "down")  # Carl
        await pilot.pause()
        assert column(app, "text") == [f"{MARKUP} in the CE config"]
        await pilot.press("down")  # Mat: the shared item stays under the cursor
        await pilot.pause()
        assert app.screen.query_one("#history-table", DataTable).cursor_row == 1
        assert f"{MARKUP} in the CE config" in shown(app, "#history-detail")


async def test_person_actions_nobody_open_explains(store: Store, config: Config) -> None:
    async with opened(lambda: PersonActionsScreen(store, config, owner="Tim")) as pilot:
        app = pilot.app
        assert keys(app) == []
        assert "Tim has no open action items" in shown(app, "#history-empty")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonActionsScreen)


async def test_person_actions_unknown_owner_is_listed_and_empty(store: Store, config: Config) -> None:
    async with opened(lambda: PersonActionsScreen(store, config, owner="[b]Zed[/]")) as pilot:
        app = pilot.app
        assert "[b]Zed[/] 0" in people(app)
        assert "[b]Zed[/] has no open action items" in shown(app, "#history-empty")


async def test_person_actions_empty_database(empty_store: Store, config: Config) -> None:
    async with opened(lambda: PersonActionsScreen(empty_store, config)) as pilot:
        app = pilot.app
        assert people(app)[0] == "Everyone 0"
        assert "No action items are recorded yet" in shown(app, "#history-empty")


async def test_person_actions_escape_returns_none(store: Store, config: Config) -> None:
    async with opened(lambda: PersonActionsScreen(store, config, owner="Mat")) as pilot:
        app = pilot.app
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


# -- shared behaviour ----------------------------------------------------------------------------


async def test_slash_in_the_table_goes_back_to_the_query(store: Store, config: Config) -> None:
    for make in (lambda: MeetingListScreen(store, config), lambda: SearchScreen(store, config, "xrootd")):
        async with opened(make) as pilot:
            app = pilot.app
            await pilot.press("tab")
            assert isinstance(app.focused, DataTable)
            await pilot.press("slash")
            assert isinstance(app.focused, Input)
            assert app.focused.value in ("", "xrootd")


async def test_resize_refits_the_flexible_column(store: Store, config: Config) -> None:
    async with opened(lambda: PersonActionsScreen(store, config, owner="Mat"), size=(80, 30)) as pilot:
        app = pilot.app
        table = app.screen.query_one("#history-table", DataTable)
        narrow = table.columns["text"].width
        await pilot.press("down")
        kept = app.screen.highlighted_key()
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        await pilot.pause()
        assert table.columns["text"].width > narrow
        assert table.columns["text"].width == len(f"{MARKUP} in the CE config")
        assert (app.screen.highlighted_key(), table.cursor_row) == (kept, 1)


async def test_unreadable_database_is_reported_not_raised(store: Store, config: Config) -> None:
    store.close()
    for make in (lambda: MeetingListScreen(store, config), lambda: PersonActionsScreen(store, config),
                 lambda: SearchScreen(store, config, "xrootd")):
        async with opened(make) as pilot:
            app = pilot.app
            assert "cannot read the database" in shown(app, "#history-status")
            assert keys(app) == []
            await pilot.press("escape")
            await pilot.pause()
        assert app.results == [None]


async def test_typing_in_the_table_goes_on_in_the_query(store: Store, config: Config) -> None:
    async with opened(lambda: MeetingListScreen(store, config)) as pilot:
        app = pilot.app
        await type_text(pilot, "2024")
        await pilot.press("tab")
        assert isinstance(app.focused, DataTable)
        await type_text(pilot, "-01-1")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        assert app.focused.value == "2024-01-1"
        assert keys(app) == ["2024-01-16"]
