"""Release tables of every archive layout, filled from fetched releases and totalled from their cells."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from osgtui.config import Config, JiraConfig
from osgtui.history import set_count_value
from osgtui.minutes.counts import find_counts
from osgtui.minutes.model import Table
from osgtui.minutes.parser import parse_minutes
from osgtui.minutes.renderer import render_minutes
from osgtui.refresh import apply_fetch
from osgtui.services.fetch import FetchedCount, FetchReport
from osgtui.services.jira import Issue, ReleaseSummary
from osgtui.store.database import Store

STATES = ("Open", "In Progress", "Ready for Testing", "Ready for Release")
AS_OF = datetime(2019, 6, 10, 14, 0, tzinfo=UTC)


def minutes(day: str, release_section: str) -> str:
    return (f"# OSG Technology Area Meeting, {day}\n\n## Announcements\n\n-   Nothing\n\n"
            f"## OSG Software Team\n\n-   Work\n\n{release_section}"
            "## OSG Investigations Team\n\n-   Nothing\n")


BOTH_TABLE = """## OSG Release Team

| 3.3.30 | &Delta; | Both | &Delta; | 3.4.5 | &Delta; | Total | &Delta; | Status |
| ------ | ------- | ---- | ------- | ----- | ------- | ----- | ------- | ------ |
| 1      | +0      | 1    | +0      | 1     | +0      | 3     | +0      | Open |
| 1      | +0      | 1    | +0      | 1     | +0      | 3     | +0      | In Progress |
| 0      | +0      | 0    | +0      | 0     | +0      | 0     | +0      | Closed |
| 2      | +0      | 2    | +0      | 2     | +0      | 6     | +0      | Total |

"""


def summary(version: str, issues: dict[str, list[str]]) -> ReleaseSummary:
    by_status = {status.casefold(): [Issue(k, f"summary of {k}") for k in keys] for status, keys in issues.items()}
    counts = {s: len(by_status.get(s.casefold(), [])) for s in STATES}
    return ReleaseSummary(version, counts, sum(len(v) for v in by_status.values()), jql=f"labels = {version}",
                          by_status=by_status)


def report(*summaries: ReleaseSummary) -> FetchReport:
    counts = [FetchedCount("jira", "Total", f"release:{s.version}", s.total, s.jql, AS_OF) for s in summaries]
    return FetchReport(counts=counts, releases={s.version: s for s in summaries})


def store_with(tmp_path: Path, previous: str, draft: str, releases: tuple[str, ...]) -> tuple[Store, object]:
    config = Config(jira=JiraConfig(states=STATES, releases=releases))
    store = Store.open(tmp_path / "osgtui.db", config)
    store.save_meeting(parse_minutes(previous, "TechArea20190603.md"))
    store.save_meeting(parse_minutes(draft, "TechArea20190610.md"))
    return store, store.load_meeting(date(2019, 6, 10))


def cells(meeting, version_prefix: str = "") -> dict[tuple[str, str], int | None]:  # noqa: ANN001
    return {(r.group.removeprefix("release:"), r.label): r.count for r in find_counts(meeting)
            if r.group.startswith("release:" + version_prefix)}


def test_a_both_table_counts_each_release_alone_the_shared_issues_and_the_totals(tmp_path: Path) -> None:
    store, meeting = store_with(tmp_path, minutes("3 June 2019", BOTH_TABLE),
                                minutes("10 June 2019", BOTH_TABLE.replace("| 1      | +0      | 1 ", "| ?      | ?       | 1 ")),
                                ("3.3.30", "3.4.5"))
    old = summary("3.3.30", {"Open": ["S-1", "S-2", "S-9"], "In Progress": ["S-3"], "Closed": ["S-4", "S-5"]})
    new = summary("3.4.5", {"Open": ["S-1", "S-6"], "In Progress": ["S-3", "S-7", "S-8"], "Closed": ["S-5"]})
    result = apply_fetch(store, meeting, report(old, new))
    got = cells(meeting)
    assert [got[("3.3.30", s)] for s in ("Open", "In Progress", "Closed", "Total")] == [2, 0, 1, 3]
    assert [got[("3.3.30/3.4.5 Both", s)] for s in ("Open", "In Progress", "Closed", "Total")] == [1, 1, 1, 3]
    assert [got[("3.4.5", s)] for s in ("Open", "In Progress", "Closed", "Total")] == [1, 2, 0, 3]
    assert [got[("3.3.30/3.4.5 Total", s)] for s in ("Open", "In Progress", "Closed", "Total")] == [4, 3, 2, 9]
    # the configured statuses the table lacked are rows of full width, above Total
    table = next(b for b in meeting.blocks if isinstance(b, Table))
    assert [row[-1] for row in table.rows] == ["Open", "In Progress", "Closed", "Ready for Testing",
                                                "Ready for Release", "Total"]
    assert all(len(row) == 9 for row in table.rows)
    assert got[("3.3.30", "Ready for Testing")] == 0
    assert not result.errors and "3.3.30/3.4.5 Both Open: 1 (+0)" in result.updated
    assert meeting.count_meta[("release:3.3.30", "Open")].source == "fetched"
    assert meeting.count_meta[("release:3.3.30/3.4.5 Total", "Open")].source == "computed"


def test_typed_cells_total_up_too(tmp_path: Path) -> None:
    pending = BOTH_TABLE.replace("| 1      | +0      | 1    | +0      | 1     | +0      | 3     | +0      | Open |",
                                 "| ?      | ?       | ?    | ?       | ?     | ?       | ?     | ?       | Open |")
    pending = pending.replace("| 2      | +0      | 2    | +0      | 2     | +0      | 6     | +0      | Total |",
                              "| ?      | ?       | ?    | ?       | ?     | ?       | ?     | ?       | Total |")
    store, meeting = store_with(tmp_path, minutes("3 June 2019", BOTH_TABLE), minutes("10 June 2019", pending), ())
    refs = {(r.group, r.label): r for r in find_counts(meeting)}
    for group, value in (("release:3.3.30", 4), ("release:3.3.30/3.4.5 Both", 0)):
        set_count_value(store, meeting, refs[(group, "Open")], value)
    assert cells(meeting)[("3.3.30/3.4.5 Total", "Open")] is None  # 3.4.5 is still ?
    set_count_value(store, meeting, refs[("release:3.4.5", "Open")], 2)
    got = cells(meeting)
    assert got[("3.3.30/3.4.5 Total", "Open")] == 6 and got[("3.3.30/3.4.5 Total", "Total")] == 9
    assert got[("3.3.30", "Total")] == 5  # 4 + 1 + 0
    total = next(r for r in find_counts(meeting) if (r.group, r.label) == ("release:3.3.30/3.4.5 Total", "Open"))
    assert total.delta == 3  # 6 against last week's 3


def test_a_combined_column_counts_both_releases(tmp_path: Path) -> None:
    section = ("## OSG Release Team\n\n| 3.4.9/3.3.33 | &Delta; | Status |\n|---|---|---|\n"
               "| ? | ? | Open |\n| ? | ? | Ready for Testing |\n| ? | ? | Total |\n\n")
    store, meeting = store_with(tmp_path, minutes("3 June 2019", section), minutes("10 June 2019", section),
                                ("3.4.9", "3.3.33"))
    apply_fetch(store, meeting, report(summary("3.4.9", {"Open": ["S-1", "S-2"], "Ready for Testing": ["S-3"]}),
                                       summary("3.3.33", {"Open": ["S-2", "S-4"]})))
    got = cells(meeting)
    assert got[("3.4.9/3.3.33", "Open")] == 3 and got[("3.4.9/3.3.33", "Ready for Testing")] == 1
    assert got[("3.4.9/3.3.33", "Total")] == 4
    assert sum(1 for b in meeting.blocks if isinstance(b, Table)) == 1  # no duplicate tables


def test_last_week_s_releases_move_on_to_this_week_s(tmp_path: Path) -> None:
    store, meeting = store_with(tmp_path, minutes("3 June 2019", BOTH_TABLE), minutes("10 June 2019", BOTH_TABLE),
                                ("3.3.31", "3.4.6"))
    apply_fetch(store, meeting, report(summary("3.3.31", {"Open": ["S-1"]}), summary("3.4.6", {"Open": ["S-2"]})))
    tables = [b for b in meeting.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and tables[0].header[:5] == ["3.3.31", "&Delta;", "Both", "&Delta;", "3.4.6"]
    assert cells(meeting)[("3.3.31", "Open")] == 1 and cells(meeting)[("3.3.31/3.4.6 Both", "Open")] == 0


def test_minutes_without_a_release_section_get_one(tmp_path: Path) -> None:
    store, meeting = store_with(tmp_path, minutes("3 June 2019", ""), minutes("10 June 2019", ""), ("3.4.31",))
    result = apply_fetch(store, meeting, report(summary("3.4.31", {"Open": ["S-1", "S-2"], "Closed": ["S-3"]})))
    assert not result.errors and "a release table for 3.4.31" in result.added
    text = render_minutes(meeting)
    assert text.index("## OSG Software Team") < text.index("## OSG Release Team") < text.index("## OSG Investigations")
    got = cells(meeting)
    assert got[("3.4.31", "Open")] == 2 and got[("3.4.31", "Total")] == 2  # the rows shown (Closed is not)


def test_an_indented_table_is_a_table_and_is_filled(tmp_path: Path) -> None:
    section = ("## OSG Release Team\n\n-   The release\n\n    | 3.4.31 | &Delta; | Status |\n    |---|---|---|\n"
               "    | 5 | +0 | Open |\n    | 5 | +0 | Total |\n\n")
    store, meeting = store_with(tmp_path, minutes("3 June 2019", section), minutes("10 June 2019", section),
                                ("3.4.31",))
    text = minutes("10 June 2019", section)
    assert render_minutes(parse_minutes(text)) == text
    apply_fetch(store, meeting, report(summary("3.4.31", {"Open": ["S-1"]})))
    assert cells(meeting)[("3.4.31", "Open")] == 1
    assert "\n    | 1 " in render_minutes(meeting)


def test_a_release_no_longer_configured_leaves_the_table(tmp_path: Path) -> None:
    store, meeting = store_with(tmp_path, minutes("3 June 2019", BOTH_TABLE), minutes("10 June 2019", BOTH_TABLE),
                                ("3.4.6",))
    apply_fetch(store, meeting, report(summary("3.4.6", {"Open": ["S-1", "S-2"], "In Progress": ["S-3"]})))
    table = next(b for b in meeting.blocks if isinstance(b, Table))
    assert table.header == ["3.4.6", "&Delta;", "Status"]
    assert [row[0] for row in table.rows] == ["2", "1", "0", "0", "0", "3"]


def test_a_second_series_joins_a_one_release_table_as_both(tmp_path: Path) -> None:
    section = ("## OSG Release Team\n\n| 3.4.36 | &Delta; | Status |\n|---|---|---|\n"
               "| 3 | +0 | Open |\n| 3 | +0 | Total |\n\n")
    store, meeting = store_with(tmp_path, minutes("3 June 2019", section), minutes("10 June 2019", section),
                                ("3.5.2", "3.4.37"))
    result = apply_fetch(store, meeting, report(summary("3.4.37", {"Open": ["S-1", "S-2"]}),
                                                summary("3.5.2", {"Open": ["S-2", "S-3", "S-4"]})))
    tables = [b for b in meeting.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert tables[0].header == ["3.4.37", "&Delta;", "Both", "&Delta;", "3.5.2", "&Delta;", "Total", "&Delta;",
                                "Status"]
    got = cells(meeting)
    assert (got[("3.4.37", "Open")], got[("3.4.37/3.5.2 Both", "Open")], got[("3.5.2", "Open")]) == (1, 1, 2)
    assert got[("3.4.37/3.5.2 Total", "Total")] == 4
    assert "3.5.2 and Both columns in the release table" in result.added


def with_lists(version: str, testing: list[str], release: list[str]) -> ReleaseSummary:
    fetched = summary(version, {"Ready for Testing": testing, "Ready for Release": release})
    return ReleaseSummary(fetched.version, fetched.counts, fetched.total,
                          fetched.by_status["ready for testing"], fetched.by_status["ready for release"],
                          fetched.jql, fetched.by_status)


def test_ready_packages_are_listed_under_the_release(tmp_path: Path) -> None:
    section = ("## OSG Release Team\n\n| 3.4.31 | &Delta; | Status |\n|---|---|---|\n| ? | ? | Total |\n\n"
               "-   OSG 3.4.31 - This Week\n    -   Ready for Testing\n        -   summary of S-1 (typed by hand)\n"
               "    -   Ready for Release\n        -   Nothing\n-   Data\n    -   Nothing\n\n")
    store, meeting = store_with(tmp_path, minutes("3 June 2019", section), minutes("10 June 2019", section),
                                ("3.4.31",))
    result = apply_fetch(store, meeting, report(with_lists("3.4.31", ["S-1", "S-2"], ["S-3"])))
    text = render_minutes(meeting)
    assert ("-   OSG 3.4.31 - This Week\n    -   Ready for Testing\n        -   summary of S-1 (typed by hand)\n"
            "        -   summary of S-2\n    -   Ready for Release\n        -   summary of S-3\n-   Data\n"
            "    -   Nothing\n") in text
    assert "3.4.31 Ready for Testing: summary of S-2" in result.added
    assert "3.4.31 Ready for Testing: summary of S-1" not in result.added


def test_a_release_without_a_bullet_gets_one_after_its_table(tmp_path: Path) -> None:
    store, meeting = store_with(tmp_path, minutes("3 June 2019", ""), minutes("10 June 2019", ""), ("3.5.2",))
    apply_fetch(store, meeting, report(with_lists("3.5.2", ["S-7"], [])))
    text = render_minutes(meeting)
    assert "| Total             |\n\n-   OSG 3.5.2\n    -   Ready for Testing\n        -   summary of S-7\n" in text
    assert "Ready for Release" not in text.split("-   OSG 3.5.2", 1)[1].split("##", 1)[0]
