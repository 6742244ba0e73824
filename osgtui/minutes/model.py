"""The meeting model: an ordered list of blocks that renders back to the exact file.

A :class:`Meeting` is the sequence of its lines grouped into blocks: headings,
bullets (with their continuation lines), tables and plain lines (paragraphs,
blank lines, HTML comments). Every block keeps what it needs to be written back
byte for byte (indentation, bullet marker, trailing spaces, line ending, the
original table lines); structure (sections, triage, counts, action items) is
read from the blocks by :mod:`osgtui.minutes.extract`. Text is the single source of
truth for what is published; metadata that the text cannot hold (where a count
came from, the identity of an action item across meetings) lives beside it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

LF = "\n"


def new_uid() -> str:
    """Return a fresh identifier for a block (stable across saves)."""
    return uuid.uuid4().hex[:16]


@dataclass
class Heading:
    """An ATX heading (``#`` to ``######``). ``raw`` holds the line when it is not canonical."""

    level: int
    title: str
    raw: str | None = None
    eol: str = LF
    uid: str = field(default_factory=new_uid)

    def canonical(self) -> str:
        """The heading line as osgtui writes it."""
        return "#" * self.level + " " + self.title


@dataclass
class Line:
    """Any other line, kept verbatim: a paragraph, a blank line, an HTML comment.

    A line written as an action item (``AI (Edgar): …`` not in a list) has a
    ``thread`` and ``continues`` like an item bullet's.
    """

    text: str
    eol: str = LF
    uid: str = field(default_factory=new_uid)
    thread: str | None = None
    continues: str | None = None


@dataclass
class Bullet:
    """A list item: ``indent`` + ``marker`` + ``text`` + ``trailing``.

    ``indent`` is ``None`` when it is the meeting's canonical indentation for
    ``depth``; ``continuation`` holds wrapped lines verbatim as (text, eol).
    ``thread`` is the identity of the action item this bullet holds, shared by
    the same item in every meeting it appears in; ``continues`` is the uid of
    the item in the previous meeting that this one carries forward.
    """

    depth: int
    text: str
    indent: str | None = None
    marker: str = "-   "
    trailing: str = ""
    eol: str = LF
    continuation: list[tuple[str, str]] = field(default_factory=list)
    uid: str = field(default_factory=new_uid)
    thread: str | None = None
    continues: str | None = None

    @property
    def full_text(self) -> str:
        """The text with continuation lines joined by single spaces."""
        parts = [self.text] + [c.strip() for c, _ in self.continuation]
        return " ".join(p for p in parts if p)

    def set_text(self, text: str) -> None:
        """Replace the whole text (continuation lines included) with one line."""
        self.text = text.strip()
        self.continuation = []


@dataclass
class Table:
    """A pipe table. ``header`` and ``rows`` hold unescaped cell text.

    ``style`` is the rule style (``pandoc``, ``spaced`` or ``compact``);
    ``raw`` the original lines as (text, eol) and ``raw_cells`` the cells they
    held, so the table is written back verbatim until a cell changes.
    ``indent`` is the whitespace before every line of a table nested under a
    bullet (``"    "`` in 2017's release tables), ``""`` at the margin.
    """

    header: list[str]
    rows: list[list[str]]
    style: str = "compact"
    raw: list[tuple[str, str]] | None = None
    raw_cells: list[list[str]] | None = None
    eol: str = LF
    uid: str = field(default_factory=new_uid)
    indent: str = ""

    def cells(self) -> list[list[str]]:
        """Header and body rows as one list, for comparisons."""
        return [list(self.header)] + [list(r) for r in self.rows]


Block = Heading | Line | Bullet | Table


@dataclass
class CountMeta:
    """What the text cannot say about a count: how its delta and value were obtained."""

    delta_computed: bool = False
    is_new: bool = False
    source: str = "imported"
    """Where the value came from: "imported", "manual" (typed), "fetched", "computed" (a release table's
    Total, from the other cells) or "pending" (a draft placeholder)."""
    query: str | None = None
    as_of: str | None = None
    delta: int | None = None
    """A delta computed on import for a count whose text shows a placeholder (``+?``):
    the text is kept as written, so the file still exports byte for byte."""


@dataclass
class Meeting:
    """One meeting's minutes."""

    date: date
    blocks: list[Block] = field(default_factory=list)
    indent_unit: int = 4
    count_meta: dict[tuple[str, str], CountMeta] = field(default_factory=dict)
    source_name: str | None = None
    version: int = 0

    @property
    def title(self) -> str:
        """The text of the first level-1 heading ('' when there is none)."""
        for block in self.blocks:
            if isinstance(block, Heading) and block.level == 1:
                return block.title
        return ""

    def find(self, uid: str) -> int:
        """Index of the block with ``uid``; ``ValueError`` when absent."""
        for index, block in enumerate(self.blocks):
            if block.uid == uid:
                return index
        raise ValueError(f"no block {uid}")

    def bullet_indent(self, bullet: Bullet) -> str:
        """The indentation a bullet is written with."""
        if bullet.indent is not None:
            return bullet.indent
        return " " * (self.indent_unit * bullet.depth)
