"""Counts and deltas in the minutes: triage counter lines and table cells.

Triage counters are bullets such as ``2 (+0) open FreshDesk tickets (since 11/19)``;
table counts are (count, delta) column pairs of the JIRA and release tables.
:func:`find_counts` lists every count of a meeting with where it lives;
:func:`set_count` rewrites the text so the published file shows the new value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from osgtui.minutes.model import Bullet, Meeting, Table
from osgtui.minutes.section_paths import section_of_blocks

COUNT_LINE_RE = re.compile(
    r"^(?P<count>\d+|\?+)(?P<sp1>[ \t]*)\((?P<delta>[^()]*)\)(?P<sp2>[ \t]+)(?P<label>\S.*?)"
    r"(?P<note>[ \t]*\([^()]*\))?$"
)
_MINUS = ("&minus;", "&#x2014;", "&#x2212;", "&#8722;", "\u2212", "\u2014", "\u2013")
_DELTA_RE = re.compile(r"^[+-]?\d+$")


def parse_int(text: str) -> int | None:
    """A count cell or token as an integer; None for ``?`` or anything else."""
    text = text.strip()
    return int(text) if text.isdigit() else None


def parse_delta(text: str) -> int | None:
    """A delta as written in the archive (``+2``, ``-3``, ``&minus;3``, ``(+0)``, ``0``); None for ``?``."""
    text = text.strip().strip("()").strip()
    for minus in _MINUS:
        text = text.replace(minus, "-")
    text = text.replace(" ", "")
    return int(text) if _DELTA_RE.match(text) else None


def format_delta(delta: int | None) -> str:
    """A delta as osgtui writes it: ``+0``, ``+2``, ``-3``; ``?`` when unknown."""
    if delta is None:
        return "?"
    return f"{delta:+d}"


def format_count(count: int | None) -> str:
    """A count as written: the number, or ``?`` when unknown."""
    return "?" if count is None else str(count)


@dataclass
class CountLine:
    """The parts of a triage counter line."""

    count: int | None
    delta: int | None
    label: str
    note: str
    count_text: str
    delta_text: str


def parse_count_line(text: str) -> CountLine | None:
    """Read ``N (±D) label[ (note)]``; None when the text is not a counter line."""
    m = COUNT_LINE_RE.match(text)
    if not m:
        return None
    return CountLine(
        count=parse_int(m.group("count")),
        delta=parse_delta(m.group("delta")),
        label=m.group("label"),
        note=m.group("note") or "",
        count_text=m.group("count"),
        delta_text=m.group("delta"),
    )


def format_count_line(count: int | None, delta: int | None, label: str, note: str = "") -> str:
    """A counter line in the archive's convention: ``1 (+1) open GGUS ticket``."""
    return f"{format_count(count)} ({format_delta(delta)}) {label}{note}"


@dataclass
class CountRef:
    """One count of a meeting and where it is written.

    ``group`` is ``triage``, ``jira`` or ``release:<column>``; ``label`` the
    counter label, JIRA state or release status. For tables, ``row`` and the
    column indexes locate the cells; for triage, ``uid`` is the bullet.
    """

    group: str
    label: str
    count: int | None
    delta: int | None
    has_delta: bool
    uid: str
    row: int = -1
    count_col: int = -1
    delta_col: int = -1


def count_name(ref: CountRef) -> str:
    """How a count is named to the user: ``open FreshDesk tickets``, ``JIRA Open``, ``3.4.31 Ready for Testing``."""
    if ref.group == "triage":
        return ref.label
    if ref.group == "jira":
        return f"JIRA {ref.label}"
    return f"{ref.group.removeprefix('release:')} {ref.label}"


def table_kind(table: Table) -> str:
    """``jira``, ``release``, ``schedule`` or ``other`` from the header cells."""
    head = [h.lower() for h in table.header]
    if head and "of tickets" in head[0]:
        return "jira"
    if head and head[0].startswith("version"):
        return "schedule"
    if len(head) >= 3 and head[-1] == "status" and any(h.startswith("&delta") for h in head):
        return "release"
    return "other"


def table_groups(table: Table) -> list[tuple[str, int, int, int]]:
    """(group, count column, delta column, label column) for each count column of a table."""
    kind = table_kind(table)
    head = table.header
    if kind == "jira":
        label_col = next((i for i, h in enumerate(head) if h.lower() == "state"), len(head) - 1)
        return [("jira", 0, 1, label_col)]
    if kind != "release":
        return []
    label_col = len(head) - 1
    pairs = [
        (head[i], i, i + 1)
        for i in range(label_col - 1)
        if head[i + 1].lower().startswith("&delta") and not head[i].lower().startswith("&delta")
    ]
    versions = [name for name, _, _ in pairs if name.lower() not in ("both", "total")]
    groups = []
    for name, count_col, delta_col in pairs:
        if name.lower() in ("both", "total") and versions:
            name = f"{'/'.join(versions)} {name}"
        groups.append((f"release:{name}", count_col, delta_col, label_col))
    return groups


def find_counts(meeting: Meeting, triage_uids: set[str] | None = None,
                paths: list[str] | None = None) -> list[CountRef]:
    """Every count in the meeting, in document order.

    Triage counters are the counter bullets under a Triage Duty heading, or the
    bullets whose uids are given. ``paths`` is the meeting's
    :func:`~osgtui.minutes.section_paths.section_of_blocks`, when the caller has it.
    """
    refs: list[CountRef] = []
    sections = paths if paths is not None else section_of_blocks(meeting)
    for block, section in zip(meeting.blocks, sections):
        if isinstance(block, Bullet):
            in_triage = "triage" in section.lower() if triage_uids is None else block.uid in triage_uids
            line = parse_count_line(block.text) if in_triage and not block.continuation else None
            if line:
                refs.append(CountRef("triage", line.label, line.count, line.delta, True, block.uid))
        elif isinstance(block, Table):
            for group, ccol, dcol, lcol in table_groups(block):
                for r, row in enumerate(block.rows):
                    if max(ccol, dcol, lcol) >= len(row) or not row[lcol]:
                        continue
                    refs.append(
                        CountRef(
                            group, row[lcol], parse_int(row[ccol]), parse_delta(row[dcol]),
                            bool(row[dcol].strip()), block.uid, r, ccol, dcol,
                        )
                    )
    return refs


def set_count(meeting: Meeting, ref: CountRef, count: int | None, delta: int | None) -> None:
    """Write a new count and delta where ``ref`` points, in the archive's notation."""
    block = meeting.blocks[meeting.find(ref.uid)]
    if isinstance(block, Table):
        row = block.rows[ref.row]
        row[ref.count_col] = format_count(count)
        row[ref.delta_col] = format_delta(delta)
    elif isinstance(block, Bullet):
        line = parse_count_line(block.text)
        label, note = (line.label, line.note) if line else (ref.label, "")
        block.text = format_count_line(count, delta, label, note)
    ref.count, ref.delta, ref.has_delta = count, delta, True
