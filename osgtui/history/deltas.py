"""Deltas of counts against the previous meeting: computed, given by hand, or for a new label.

A delta is the count minus the same label's count in the previous meeting (the
latest stored meeting before this one). Labels are compared as written, then
loosely (case, spacing, a plural ``s``, and the Jira state names of
``[jira.state_labels]``), so ``open GGUS tickets`` continues ``open GGUS ticket``.
A label the previous meeting does not have is *new*: its delta is its count.
A delta written by hand (or read from an imported file) is kept and flagged as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from osgtui.minutes.counts import CountRef, find_counts, parse_count_line, set_count
from osgtui.minutes.model import Bullet, CountMeta, Meeting, Table
from osgtui.minutes.release_tables import derived_cells
from osgtui.store import history_queries

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.store.database import Store

_PLACEHOLDER_DELTA_RE = re.compile(r"^\(?\s*[+-]?\s*\?*\s*\)?$")
_SPACE_RE = re.compile(r"\s+")


def state_names(config: Config | None) -> dict[str, str]:
    """``[jira.state_labels]`` with case-folded keys: Jira status name → the minutes' label."""
    from osgtui.config import default_value

    mapping = config.jira.state_labels if config is not None else default_value("jira", "state_labels")
    return {k.casefold(): v for k, v in mapping.items()}


def label_key(label: str, states: dict[str, str]) -> str:
    """A count label reduced for comparison across meetings (case, spacing, plural, Jira names)."""
    text = _SPACE_RE.sub(" ", label).strip()
    text = states.get(text.casefold(), text).casefold()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in text.split(" "))


@dataclass
class PreviousCounts:
    """The counts of the meeting before a date, for looking labels up loosely.

    ``exists`` is False when there is no earlier meeting at all (then nothing is new).
    """

    values: dict[tuple[str, str], int | None] = field(default_factory=dict)
    exists: bool = False
    config: Config | None = None
    _loose: dict[tuple[str, str], int | None] | None = None
    _states: dict[str, str] = field(default_factory=dict)

    def lookup(self, group: str, label: str) -> tuple[bool, int | None]:
        """(whether the label was in the previous meeting, its count there)."""
        if (group, label) in self.values:
            return True, self.values[(group, label)]
        if self._loose is None:
            self._states = state_names(self.config)
            self._loose = {}
            for (g, lab), value in self.values.items():
                self._loose.setdefault((g, label_key(lab, self._states)), value)
        key = (group, label_key(label, self._states))
        if key in self._loose:
            return True, self._loose[key]
        return False, None


def load_previous(store: Store, day: date, config: Config | None = None,
                  meeting_id: int | None = None) -> PreviousCounts:
    """The counts of the latest meeting before ``day`` (whose id may be given).

    A count that meeting left unknown (``?``) falls back to the latest known
    value of the same label before ``day``, so a skipped or unfilled week does
    not make every delta unknown.
    """
    if meeting_id is None:
        meeting_id = history_queries.neighbour_id(store, day, after=False)
        if meeting_id is None:
            return PreviousCounts(config=config)
    values: dict[tuple[str, str], int | None] = {}
    for group, label, count in history_queries.meeting_counts(store, meeting_id):
        if values.get((group, label)) is None:
            values[(group, label)] = count
    for (group, label), count in values.items():
        if count is None:
            values[(group, label)] = history_queries.latest_known_count(store, group, label, day)
    return PreviousCounts(values, True, config)


def previous_counts(store: Store, day: date) -> dict[tuple[str, str], int | None]:
    """``{(group, label): count}`` of the latest meeting before ``day`` ({} when there is none)."""
    return dict(load_previous(store, day, store.config).values)


def compute_delta(previous: PreviousCounts, group: str, label: str, count: int | None) -> tuple[int | None, bool]:
    """(delta, is_new) for ``count`` against the previous meeting; delta None when unknown."""
    if count is None:
        return None, False
    found, before = previous.lookup(group, label)
    if not found:
        return count, True
    return (count - before if before is not None else None), False


def set_count_value(
    store: Store,
    meeting: Meeting,
    ref: CountRef,
    count: int | None,
    *,
    source: str = "manual",
    query: str | None = None,
    as_of: str | None = None,
    delta: int | None = None,
) -> None:
    """Set a count in ``meeting`` (in memory; the caller saves) and record where it came from.

    A ``delta`` given is kept and flagged as given; otherwise it is computed
    against the same label in the previous meeting (a new label gets its count
    as delta and is flagged new). ``meeting.count_meta`` is updated.
    """
    previous = load_previous(store, meeting.date, store.config)
    found, _ = previous.lookup(ref.group, ref.label)
    if delta is not None:
        computed, is_new = False, not found
    else:
        delta, is_new = compute_delta(previous, ref.group, ref.label, count)
        computed = delta is not None
    set_count(meeting, ref, count, delta)
    meeting.count_meta[(ref.group, ref.label)] = CountMeta(
        delta_computed=computed, is_new=is_new, source=source, query=query, as_of=as_of
    )
    block = meeting.blocks[meeting.find(ref.uid)]
    if isinstance(block, Table) and (ref.row, ref.count_col) not in derived_cells(block):
        update_totals(store, meeting, block, previous, as_of=as_of)


def update_totals(store: Store, meeting: Meeting, table: Table, previous: PreviousCounts | None = None,
                  *, as_of: str | None = None) -> list[CountRef]:
    """Recompute a release table's Total column and Total row from its other cells; the refs changed.

    A total whose parts are not all known is left as written. Its delta is
    computed against the previous meeting and its source is ``computed``.
    """
    cells = derived_cells(table)
    if not cells:
        return []
    previous = previous or load_previous(store, meeting.date, store.config)
    changed = []
    for ref in find_counts(meeting):
        if ref.uid != table.uid or (ref.row, ref.count_col) not in cells:
            continue
        value = cells[(ref.row, ref.count_col)]
        if value is None or value == ref.count:
            continue
        delta, is_new = compute_delta(previous, ref.group, ref.label, value)
        set_count(meeting, ref, value, delta)
        meeting.count_meta[(ref.group, ref.label)] = CountMeta(
            delta_computed=delta is not None, is_new=is_new, source="computed", as_of=as_of
        )
        changed.append(ref)
    return changed


def _delta_missing(meeting: Meeting, ref: CountRef) -> bool:
    """Whether the text leaves the delta out or as a placeholder (``?``, ``+?``, empty cell)."""
    block = meeting.blocks[meeting.find(ref.uid)]
    if isinstance(block, Table):
        return not ref.has_delta or bool(_PLACEHOLDER_DELTA_RE.match(block.rows[ref.row][ref.delta_col]))
    if isinstance(block, Bullet):
        line = parse_count_line(block.text)
        return line is not None and bool(_PLACEHOLDER_DELTA_RE.match(line.delta_text))
    return False


def fill_imported_deltas(meeting: Meeting, previous: PreviousCounts, refs: list[CountRef] | None = None) -> None:
    """Compute the deltas an imported meeting leaves out; flag labels the previous meeting lacks.

    Given deltas are kept as written (an unreadable one too). Nothing is done
    for the first meeting of the store. ``refs`` are the meeting's counts
    (:func:`~osgtui.minutes.counts.find_counts`), when the caller has them.
    """
    if not previous.exists:
        return
    for ref in refs if refs is not None else find_counts(meeting):
        key = (ref.group, ref.label)
        meta = meeting.count_meta.get(key) or CountMeta()
        if ref.count is not None and _delta_missing(meeting, ref):
            delta, is_new = compute_delta(previous, ref.group, ref.label, ref.count)
            if delta is not None:
                # The text keeps its placeholder so the file still exports byte for byte.
                meeting.count_meta[key] = replace(meta, delta_computed=True, is_new=is_new, delta=delta)
                continue
        if not previous.lookup(ref.group, ref.label)[0]:
            meeting.count_meta[key] = replace(meta, is_new=True)
