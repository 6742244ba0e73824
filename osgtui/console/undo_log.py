"""The console's undo history, kept in SQLite beside the meeting so a restart or ``kill -9`` loses none of it.

Each undo or redo step is one row of ``undo_steps`` (migration
``m004_console_state``): the meeting's blocks and count metadata before the
change, as JSON. :meth:`UndoLog.writer` gives the store the rows to add and
remove, and the store runs it in the transaction that saves the meeting, so
the history on disk always belongs to the meeting on disk. ``undo_state``
records the meeting version the history was written for: a version saved
outside the console (``osgtui pull``, ``import --replace``) leaves it behind,
and :meth:`UndoLog.load` then starts an empty history, as the console does.

No Textual here.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from osgtui.minutes.model import Block, Bullet, CountMeta, Heading, Line, Table
from osgtui.store import console_state

if TYPE_CHECKING:
    from osgtui.store.database import Store

__all__ = ["UndoLog", "UndoStep"]


@dataclass
class UndoStep:
    """What undo puts back: the blocks and count metadata before a change."""

    label: str
    key: tuple[Any, ...]
    blocks: list[Block]
    count_meta: dict[tuple[str, str], CountMeta]
    created: str | None = None
    """The uid of the block this change added: the typing that follows on it joins this step."""
    seq: int = 0
    """Its row in ``undo_steps`` (0: not numbered yet)."""


_KINDS: dict[str, type] = {"bullet": Bullet, "heading": Heading, "line": Line, "table": Table}
_PAIRS = {"continuation", "raw"}  # lists of (text, eol) pairs


_FIELDS = {kind: tuple(f.name for f in dataclasses.fields(kind)) for kind in _KINDS.values()}


def _block_dict(block: Block) -> dict[str, Any]:
    data = {name: getattr(block, name) for name in _FIELDS[type(block)]}  # json writes tuples as lists
    data["kind"] = type(block).__name__.lower()
    return data


def _block_from(data: dict[str, Any]) -> Block:
    data = dict(data)
    kind = _KINDS[data.pop("kind")]
    for name in _PAIRS & data.keys():
        if data[name] is not None:
            data[name] = [tuple(pair) for pair in data[name]]
    return kind(**data)  # type: ignore[no-any-return]


def step_json(step: UndoStep) -> str:
    """One step as JSON (no pickle: the database stays readable and safe to open)."""
    return json.dumps({
        "label": step.label,
        "created": step.created,
        "blocks": [_block_dict(b) for b in step.blocks],
        "count_meta": [[g, label, dataclasses.asdict(m)] for (g, label), m in step.count_meta.items()],
    }, separators=(",", ":"))


def step_from_json(text: str, seq: int) -> UndoStep:
    """The step :func:`step_json` wrote.

    Its typing key is not kept: after a restart, typing starts a new undo step
    (but typing into a line created by the step still joins it, by ``created``).
    """
    data = json.loads(text)
    return UndoStep(
        data["label"], (), [_block_from(b) for b in data["blocks"]],
        {(g, label): CountMeta(**m) for g, label, m in data["count_meta"]}, data["created"], seq,
    )


class UndoLog:
    """The undo and redo stacks of one meeting as stored; knows which steps are on disk."""

    def __init__(self, store: Store, day: date) -> None:
        self.store = store
        self.day = day.isoformat()
        self._stored: set[int] = set()
        self._next = 1

    def load(self, version: int) -> tuple[list[UndoStep], list[UndoStep]]:
        """The stored stacks (oldest first) when they were written for ``version``, else two empty ones."""
        version_stored = console_state.undo_version(self.store, self.day)
        seqs = console_state.undo_seqs(self.store, self.day)
        self._next = max(seqs, default=0) + 1
        stacks: dict[str, list[UndoStep]] = {"undo": [], "redo": []}
        if version_stored != version:
            self._stored = seqs
            return stacks["undo"], stacks["redo"]
        for seq, stack, data in console_state.undo_rows(self.store, self.day):
            stacks[stack].append(step_from_json(data, seq))
            self._stored.add(seq)
        return stacks["undo"], stacks["redo"]

    def number(self, step: UndoStep) -> UndoStep:
        """Give a new step its row number."""
        if not step.seq:
            step.seq = self._next
            self._next += 1
        return step

    def writer(self, undo: list[UndoStep], redo: list[UndoStep]) -> Callable[[int], None]:
        """What the store runs in the meeting's save transaction to make the stored stacks ``undo`` and ``redo``."""
        wanted = {self.number(s).seq: ("undo", s) for s in undo} | {self.number(s).seq: ("redo", s) for s in redo}
        stored = set(self._stored)

        def write(version: int) -> None:
            new = [(seq, stack, step.label, step_json(step))
                   for seq, (stack, step) in wanted.items() if seq not in stored]
            console_state.write_undo_steps(self.store, self.day, stored - wanted.keys(), new, version)

        return write

    def committed(self, undo: list[UndoStep], redo: list[UndoStep]) -> None:
        """The save that ran :meth:`writer` for these stacks committed: they are what is stored."""
        self._stored = {s.seq for s in undo} | {s.seq for s in redo}
