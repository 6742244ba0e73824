"""Live numbers into a meeting: fetch from the services, then apply to the minutes.

Fetching (:func:`fetch_counts`) is network only and runs in a worker thread
(:func:`fetch_unless_cancelled` lets that worker give up at once, as when the
console quits); applying (:func:`apply_fetch`) changes the meeting in memory on
the caller's thread, which then saves it in one transaction. A failed service changes
nothing; a value typed by hand is kept unless the caller asks to overwrite it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from osgtui.history.deltas import label_key, state_names
from osgtui.minutes.counts import CountRef, count_name, find_counts, format_count_line
from osgtui.minutes.model import Bullet, Heading, Line, Meeting, Table
from osgtui.minutes.release_tables import (
    add_release,
    drop_unfetched,
    is_total_row,
    release_cells,
    release_columns,
    renamed_header,
)
from osgtui.minutes.section_paths import section_of_blocks

if TYPE_CHECKING:
    from osgtui.config import Config, Secrets
    from osgtui.services.fetch import FetchedCount, FetchReport
    from osgtui.services.jira import ReleaseSummary
    from osgtui.store.database import Store


@dataclass
class ApplyResult:
    """What a refresh changed, kept, added, and which services failed."""

    updated: list[str] = field(default_factory=list)
    kept_manual: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    releases: dict[str, ReleaseSummary] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether the meeting needs saving."""
        return bool(self.updated or self.added)


def fetch_counts(config: Config, secrets: Secrets, only: set[str] | None = None) -> FetchReport:
    """Fetch every configured service in parallel (blocking: call from a worker thread)."""
    from osgtui.services.fetch import fetch_all

    return fetch_all(config, secrets, only=only)


CANCEL_POLL = 0.05
"""How often (seconds) :func:`fetch_unless_cancelled` looks at its ``cancelled`` event."""


def fetch_unless_cancelled(
    cancelled: threading.Event, config: Config, secrets: Secrets, only: set[str] | None = None
) -> FetchReport | None:
    """:func:`fetch_counts` in a daemon thread; None as soon as ``cancelled`` is set.

    The caller returns at once when cancelled: the fetch is abandoned (its
    requests end at their deadline) and, all its threads being daemons, never
    keeps the process alive. An exception from the fetch is raised here.
    """
    outcome: list[object] = []
    done = threading.Event()

    def run() -> None:
        try:
            outcome.append(fetch_counts(config, secrets, only))
        except Exception as exc:  # noqa: BLE001 - handed to the waiting thread
            outcome.append(exc)
        finally:
            done.set()

    threading.Thread(target=run, name="osgtui-refresh", daemon=True).start()
    while not done.wait(CANCEL_POLL):
        if cancelled.is_set():
            return None
    result = outcome[0] if outcome else None
    if isinstance(result, Exception):
        raise result
    return result  # type: ignore[return-value]


def _index(meeting: Meeting, states: dict[str, str]) -> dict[tuple[str, str], CountRef]:
    """The meeting's counts by (group, label key), labels compared as across meetings; first one wins."""
    return {(ref.group, label_key(ref.label, states)): ref for ref in reversed(find_counts(meeting))}


def apply_fetch(
    store: Store, meeting: Meeting, report: FetchReport, *, overwrite_manual: bool = False
) -> ApplyResult:
    """Write fetched counts into the meeting (in memory; the caller saves).

    Deltas are computed against the previous meeting. A count whose label is
    not in the minutes yet is added (a triage counter line, a JIRA row, a
    release table), and so are the releases' Ready for Testing / Ready for
    Release packages (one sub-bullet each under the release). Values entered
    by hand are kept unless ``overwrite_manual``.
    """
    from osgtui.history import set_count_value

    states = state_names(store.config)
    result = ApplyResult(errors=[f.message for f in report.errors], releases=dict(report.releases))
    index = _index(meeting, states)
    for fetched in report.counts:
        if fetched.group.startswith("release:"):
            continue  # release tables are counted from the releases' issues: _fill_releases
        name = f"{fetched.group} {fetched.label}"
        key = (fetched.group, label_key(fetched.label, states))
        ref = index.get(key)
        added = ref is None
        if ref is None and _add_place(meeting, fetched):
            index = _index(meeting, states)
            ref = index.get(key)
        if ref is None:
            result.errors.append(f"{name}: no place for it in this meeting's minutes (no such section or table)")
            continue
        meta = meeting.count_meta.get((ref.group, ref.label))
        if meta and meta.source == "manual" and ref.count is not None and not overwrite_manual:
            result.kept_manual.append(name)
            continue
        set_count_value(store, meeting, ref, fetched.count, source="fetched", query=fetched.query,
                        as_of=fetched.as_of.isoformat(timespec="seconds"))
        delta = f" ({ref.delta:+d})" if ref.delta is not None else ""
        (result.added if added else result.updated).append(f"{name}: {fetched.count}{delta}")
    if report.releases:
        from osgtui.minutes.release_lists import add_package_lists

        _fill_releases(store, meeting, report, result, overwrite_manual)
        if store.config is None or store.config.jira.ready_lists:
            result.added += add_package_lists(meeting, report.releases)
    return result


def _fill_releases(store: Store, meeting: Meeting, report: FetchReport, result: ApplyResult,
                   overwrite_manual: bool) -> None:
    """Count every cell of every release table from the fetched releases, in whatever layout.

    A table naming last week's releases moves on to this week's of the same
    series and loses the columns of a release no longer configured; a fetched
    release no table shows joins a one-release table of another series as
    ``A | Both | B | Total``, or gets a table of its own (and the minutes a
    release section, if they have none); a configured status a table lacks
    gets a row. Totals follow from the cells (``update_totals``).
    """
    from osgtui.history import set_count_value

    config = store.config
    fetched = list(report.releases)
    as_of = {c.group.split(":", 1)[1]: c.as_of.isoformat(timespec="seconds")
             for c in report.counts if c.group.startswith("release:")}
    tables = [b for b in meeting.blocks if isinstance(b, Table) and release_columns(b)]
    shown = {v for t in tables for c in release_columns(t) for v in c.versions}
    for table in tables:
        header = renamed_header(table, fetched, shown)
        if header is not None:
            table.header = header
        drop_unfetched(table, fetched)
    for version in fetched:
        if version in shown:
            continue
        if len(tables) == 1 and add_release(tables[0], version):
            result.added.append(f"{version} and Both columns in the release table")
        else:
            tables.append(_release_table(meeting, version, config))
            result.added.append(f"a release table for {version}")
        shown.add(version)
    labels = [config.jira.label_for(s) if config else s for s in (config.jira.states if config else ())]
    status_of = {label.casefold(): status for status, label in state_names(config).items()}
    for table in tables:
        columns = release_columns(table)
        versions = [v for c in columns for v in c.versions]
        if not set(versions) & set(fetched):
            continue
        _add_status_rows(table, labels, status_of)
        cells = release_cells(table, report.releases, status_of)
        for ref in find_counts(meeting):
            if ref.uid != table.uid or (ref.row, ref.count_col) not in cells:
                continue
            value = cells[(ref.row, ref.count_col)]
            meta = meeting.count_meta.get((ref.group, ref.label))
            name = count_name(ref)
            if meta and meta.source == "manual" and ref.count is not None and not overwrite_manual:
                result.kept_manual.append(name)
                continue
            column = next(c for c in columns if c.col == ref.count_col)
            version = next((v for v in (column.versions or versions) if v in report.releases), fetched[0])
            set_count_value(store, meeting, ref, value, source="fetched", query=report.releases[version].jql,
                            as_of=as_of.get(version))
            delta = f" ({ref.delta:+d})" if ref.delta is not None else ""
            result.updated.append(f"{name}: {value}{delta}")


def _add_status_rows(table: Table, labels: list[str], status_of: dict[str, str]) -> None:
    """Give a release table a row for each configured status it lacks, above its Total row."""
    label_col = len(table.header) - 1
    have = {status_of.get(row[label_col].strip().casefold(), row[label_col].strip().casefold())
            for row in table.rows if label_col < len(row)}
    total = next((r for r, row in enumerate(table.rows) if is_total_row(row, label_col)), len(table.rows))
    counted = {i for c in release_columns(table) for i in (c.col, c.col + 1)}
    for label in labels:
        if status_of.get(label.casefold(), label.casefold()) not in have:
            table.rows.insert(total, ["?" if i in counted else "" for i in range(label_col)] + [label])
            total += 1


def _add_place(meeting: Meeting, fetched: FetchedCount) -> bool:
    """Make room in the minutes for a count they do not have yet; False when there is no place."""
    sections = section_of_blocks(meeting)
    if fetched.group == "triage":
        index = _last_in_section(meeting, sections, "triage")
        if index is None:
            return False
        meeting.blocks.insert(index + 1, Bullet(0, format_count_line(None, None, fetched.label)))
    elif fetched.group == "jira":
        table = next((b for b in meeting.blocks if isinstance(b, Table) and b.header and "of tickets" in b.header[0].lower()), None)
        if table is None:
            return False
        table.rows.append(["?", "?", fetched.label])
    else:
        return False
    return True


def _last_in_section(meeting: Meeting, sections: list[str], word: str) -> int | None:
    last = None
    for i, (block, path) in enumerate(zip(meeting.blocks, sections)):
        if word in path.lower() and isinstance(block, Bullet) and block.depth == 0:
            last = i
    return last


def _release_table(meeting: Meeting, version: str, config: Config | None) -> Table:
    """A new single-release table for ``version`` at the top of the Release section (made if missing)."""
    heading = next(
        (i for i, b in enumerate(meeting.blocks) if isinstance(b, Heading) and b.level == 2 and "release" in b.title.lower()),
        None,
    )
    if heading is None:
        heading = _new_release_section(meeting)
    states = config.jira.states if config is not None else ()
    rows = [["?", "?", config.jira.label_for(s)] for s in states] if config is not None else []
    table = Table([version, "&Delta;", "Status"], [*rows, ["?", "?", "Total"]], style="pandoc")
    meeting.blocks[heading + 1:heading + 1] = [Line(""), table]
    return table


def _new_release_section(meeting: Meeting) -> int:
    """Add an ``## OSG Release Team`` section after the Software team's (else at the end); its heading's index."""
    level2 = [i for i, b in enumerate(meeting.blocks) if isinstance(b, Heading) and b.level == 2]
    software = next((i for i in level2 if "software" in meeting.blocks[i].title.lower()), None)  # type: ignore[union-attr]
    after = next((i for i in level2 if software is not None and i > software), len(meeting.blocks))
    meeting.blocks[after:after] = [Heading(2, "OSG Release Team"), Line(""), Line("")]
    return after
