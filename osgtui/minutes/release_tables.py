"""Release status tables in every layout of the archive, counted from the fetched releases.

The archive writes a release's ticket counts in three layouts::

    | 3.4.31 | &Delta; | Status |                                     one release
    | 3.4.9/3.3.33 | &Delta; | Status |                               two releases in one column
    | 3.3.30 | &Delta; | Both | &Delta; | 3.4.5 | &Delta; | Total | &Delta; | Status |

In the last one a release's column counts the tickets of that release only,
"Both" the tickets the two releases share, and "Total" every ticket of the row
(so ``Total = A + Both + B``). A ``Total`` row sums the status rows above it.
:func:`derived_cells` computes the Total column and row from the other cells,
typed or fetched; :func:`release_cells` counts every other cell from the
releases' issues by status (any Jira status, ``Closed`` too).

No Textual, no network.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from osgtui.minutes.counts import parse_int, table_kind
from osgtui.minutes.model import Table

if TYPE_CHECKING:
    from osgtui.services.jira import ReleaseSummary

TOTAL = "total"
BOTH = "both"
_SERIES_RE = re.compile(r"^(\d+)\.(\d+)")


@dataclass(frozen=True)
class ReleaseColumn:
    """One count column of a release table: its index and what it counts."""

    col: int
    kind: str
    """``release``, ``both`` or ``total``."""
    versions: tuple[str, ...] = ()
    """The releases a ``release`` column counts (two for ``3.4.9/3.3.33``)."""


def release_columns(table: Table) -> list[ReleaseColumn]:
    """The count columns of a release table (none for other tables), left to right."""
    if table_kind(table) != "release":
        return []
    head = table.header
    columns = []
    for i in range(len(head) - 2):
        name = head[i].strip()
        if head[i + 1].lower().startswith("&delta") and not name.lower().startswith("&delta"):
            kind = name.lower() if name.lower() in (BOTH, TOTAL) else "release"
            versions = tuple(v.strip() for v in name.split("/") if v.strip()) if kind == "release" else ()
            columns.append(ReleaseColumn(i, kind, versions))
    return columns


def is_total_row(row: list[str], label_col: int) -> bool:
    """Whether a row is the table's ``Total`` row."""
    return label_col < len(row) and row[label_col].strip().lower() == TOTAL


def derived_cells(table: Table) -> dict[tuple[int, int], int | None]:
    """(row, column) → value of the cells the others determine: the Total column and the Total row.

    None where a cell they add up is unknown (``?``). Empty for a table
    without a Total column or row.
    """
    columns = release_columns(table)
    label_col = len(table.header) - 1
    parts = [c.col for c in columns if c.kind != TOTAL]
    total_col = next((c.col for c in columns if c.kind == TOTAL), None)
    out: dict[tuple[int, int], int | None] = {}

    def value(r: int, c: int) -> int | None:
        return out[(r, c)] if (r, c) in out else parse_int(table.rows[r][c]) if c < len(table.rows[r]) else None

    status_rows = [r for r, row in enumerate(table.rows) if row and not is_total_row(row, label_col)]
    if total_col is not None and len(parts) > 1:
        for r in status_rows:
            cells = [value(r, c) for c in parts]
            out[(r, total_col)] = None if None in cells else sum(cells)  # type: ignore[arg-type]
    for r, row in enumerate(table.rows):
        if is_total_row(row, label_col):
            for column in columns:
                cells = [value(s, column.col) for s in status_rows]
                out[(r, column.col)] = None if None in cells or not cells else sum(cells)  # type: ignore[arg-type]
    return out


def release_cells(
    table: Table, releases: Mapping[str, ReleaseSummary], status_of: Mapping[str, str]
) -> dict[tuple[int, int], int]:
    """(row, column) → count of every status-row cell the fetched ``releases`` determine.

    ``status_of`` maps a row label (case-folded) to the Jira status it stands
    for (``Selected for Dev`` → ``selected for development``); other labels
    are the status's own name. A column of a release that was not fetched is
    left out, and so is a "Both" column without exactly two release columns.
    """
    columns = release_columns(table)
    label_col = len(table.header) - 1
    versions = [c for c in columns if c.kind == "release"]
    shared = next((c for c in columns if c.kind == BOTH), None)
    out: dict[tuple[int, int], int] = {}
    for r, row in enumerate(table.rows):
        if label_col >= len(row) or not row[label_col].strip() or is_total_row(row, label_col):
            continue
        label = row[label_col].strip().casefold()
        status = status_of.get(label, label)
        issues = {c.col: _issues(releases, c.versions, status) for c in versions}
        both: set[str] | None = None
        if shared is not None and len(versions) == 2:
            first, second = (issues[c.col] for c in versions)
            both = first & second if first is not None and second is not None else None
            if both is not None:
                out[(r, shared.col)] = len(both)
        for column in versions:
            keys = issues[column.col]
            if keys is None or (shared is not None and both is None):
                continue
            out[(r, column.col)] = len(keys - both) if both is not None else len(keys)
    return out


def _issues(releases: Mapping[str, ReleaseSummary], versions: tuple[str, ...], status: str) -> set[str] | None:
    """The keys of the issues in ``status`` of every release in ``versions``; None when one was not fetched."""
    keys: set[str] = set()
    for version in versions:
        summary = releases.get(version)
        if summary is None:
            return None
        keys |= summary.keys(status)
    return keys


def series(version: str) -> str:
    """A release's series: ``3.4`` for ``3.4.31``, ``3.6`` for ``3.6`` ('' when not a version)."""
    m = _SERIES_RE.match(version.strip())
    return f"{m.group(1)}.{m.group(2)}" if m else ""


def renamed_header(table: Table, fetched: list[str], shown: set[str]) -> list[str] | None:
    """The table's header with each release not fetched replaced by the fetched release of its series.

    A table carried from last week names last week's releases (``3.3.25 |
    Both | 3.4.0``); when this week's ``jira.releases`` are the next ones of the
    same series (``3.3.26``, ``3.4.1``) and no other table shows them, the
    header moves on to them. None when nothing would change.
    """
    header = list(table.header)
    changed = False
    for column in release_columns(table):
        if column.kind != "release":
            continue
        names = []
        for version in column.versions:
            if version in fetched:
                names.append(version)
                continue
            successor = next((v for v in fetched if v not in shown and series(v) == series(version) and series(v)), None)
            if successor is None:
                names.append(version)
            else:
                names.append(successor)
                shown.add(successor)
                changed = True
        header[column.col] = "/".join(names)
    return header if changed else None


def _version_order(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def _keep_columns(table: Table, keep: list[int]) -> None:
    """Keep only the columns ``keep`` (indexes, in order) of the header and every row."""
    table.header = [table.header[i] for i in keep]
    table.rows = [[row[i] if i < len(row) else "" for i in keep] for row in table.rows]


def drop_unfetched(table: Table, fetched: list[str]) -> bool:
    """Drop the columns of releases no longer fetched from a table that also shows a fetched one.

    ``3.3.31 | Both | 3.4.7 | Total`` with only 3.4.7 configured becomes the
    single-release ``3.4.7 | Status`` table the archive then writes. False
    when nothing changed.
    """
    columns = release_columns(table)
    named = [c for c in columns if c.kind == "release"]
    gone = [c for c in named if not set(c.versions) & set(fetched)]
    if not gone or len(gone) == len(named):
        return False
    drop = {i for c in gone for i in (c.col, c.col + 1)}
    if len(named) - len(gone) == 1:
        drop |= {i for c in columns if c.kind != "release" for i in (c.col, c.col + 1)}
    _keep_columns(table, [i for i in range(len(table.header)) if i not in drop])
    return True


def add_release(table: Table, version: str) -> bool:
    """Turn a one-release table into the archive's two-release layout ``A | Both | B | Total``.

    Releases are ordered oldest series first (``3.4.55 | Both | 3.5.25``);
    the new cells are ``?`` until counted. False when the table is not a
    one-release table of another series.
    """
    columns = release_columns(table)
    if len(columns) != 1 or len(columns[0].versions) != 1 or series(columns[0].versions[0]) == series(version):
        return False
    old = columns[0].versions[0]
    label_col = len(table.header) - 1
    first, second = sorted((old, version), key=_version_order)
    table.header = [first, "&Delta;", "Both", "&Delta;", second, "&Delta;", "Total", "&Delta;", table.header[label_col]]
    rows = []
    for row in table.rows:
        kept = [row[columns[0].col], row[columns[0].col + 1]] if len(row) > label_col else ["?", "?"]
        unknown = ["?", "?"]
        cells = [*kept, *unknown, *unknown] if first == old else [*unknown, *unknown, *kept]
        rows.append([*cells, *unknown, row[label_col] if label_col < len(row) else ""])
    table.rows = rows
    return True
