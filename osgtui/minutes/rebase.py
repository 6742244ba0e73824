"""Take in a version of the meeting saved outside the console, keeping the console's block identities.

``osgtui pull`` and ``osgtui import --replace`` write a meeting anew from its
Markdown, so every block gets a fresh uid. The console holds uids: the line
being typed, the highlighted row, the undo history. :func:`adopt_uids` matches
the blocks of the version the console had (``base``) with the new one
(``latest``) by content, line by line like a diff, and gives each matched block
of ``latest`` its old uid back, so the line being typed is still "that line".
A line the other side changed (paired with the line it replaced, in order,
when of the same kind) keeps its uid too; a line they deleted is reported in :attr:`Adoption.removed` with the surviving block before
it, so typed text for it can be put back where it was.

No Textual here.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from osgtui.minutes.blocktree import clone_block
from osgtui.minutes.model import Block, Bullet, Heading, Line, Table

__all__ = ["Adoption", "adopt_uids", "block_text"]


@dataclass
class Adoption:
    """What :func:`adopt_uids` found between the console's version and the outside one."""

    removed: dict[str, tuple[Block, str | None]] = field(default_factory=dict)
    """uid → (the block as the console had it, uid of the surviving block before it or None)."""


def block_text(block: Block) -> str:
    """The text a person edits in a block (what the line editor shows)."""
    if isinstance(block, Bullet):
        return block.full_text
    if isinstance(block, Heading):
        return block.title
    if isinstance(block, Line):
        return block.text
    return ""


def _key(block: Block) -> tuple[Any, ...]:
    if isinstance(block, Bullet):
        return ("bullet", block.depth, block.full_text)
    if isinstance(block, Heading):
        return ("heading", block.level, block.title)
    if isinstance(block, Line):
        return ("line", block.text)
    return ("table", tuple(block.header), tuple(tuple(r) for r in block.rows))


def adopt_uids(base: list[Block], latest: list[Block]) -> Adoption:
    """Give the blocks of ``latest`` that match blocks of ``base`` their ``base`` uids (in place)."""
    result = Adoption()
    known = {b.uid for b in base}
    used = {b.uid for b in latest if b.uid in known}  # saved by another console: identity kept already
    matcher = difflib.SequenceMatcher(None, [_key(b) for b in base], [_key(b) for b in latest], autojunk=False)

    def pair(old: Block, new: Block) -> bool:
        if new.uid in known or old.uid in used:
            return False
        new.uid = old.uid
        used.add(old.uid)
        return True

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                pair(base[i], latest[j])
        elif op == "replace":
            # Lines changed in place: pair them in order while they are of the same kind.
            for i, j in zip(range(i1, i2), range(j1, j2)):
                old, new = base[i], latest[j]
                if type(old) is not type(new) or isinstance(new, Table) or not block_text(new).strip():
                    continue
                pair(old, new)
    survivor: str | None = None
    for block in base:
        if block.uid in used:
            survivor = block.uid
        else:
            result.removed[block.uid] = (clone_block(block), survivor)
    return result
