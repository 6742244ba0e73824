"""Pure helpers of the console's editing: bullet trees in a block list, one-line action items.

A meeting's bullets are a flat list with depths; these functions find a
bullet's nested bullets (its subtree), siblings, parent and section, and read an
action item typed on one line. No database, no Textual.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from osgtui.errors import OsgtuiError
from osgtui.minutes.actions import parse_action, split_owners
from osgtui.minutes.model import Block, Bullet, Heading, Line, Table

if TYPE_CHECKING:
    from osgtui.config import Config

_OWNERS_PREFIX_RE = re.compile(r"^(?P<owners>[^:]{1,80}?)\s*:\s*(?P<text>\S.*)$")


class EditError(OsgtuiError):
    """An edit that cannot be made here (nothing to indent under, not an action item...)."""




def is_blank(block: Block) -> bool:
    """Whether a block is an empty (or whitespace-only) line."""
    return isinstance(block, Line) and not block.text.strip()


def clone_block(block: Block) -> Block:
    """An independent copy of a block, same uid (cheaper than ``copy.deepcopy``)."""
    if isinstance(block, Bullet):
        return dataclasses.replace(block, continuation=list(block.continuation))
    if isinstance(block, Table):
        return dataclasses.replace(
            block,
            header=list(block.header),
            rows=[list(r) for r in block.rows],
            raw=list(block.raw) if block.raw is not None else None,
            raw_cells=[list(r) for r in block.raw_cells] if block.raw_cells is not None else None,
        )
    return dataclasses.replace(block)


def subtree_end(blocks: list[Block], index: int) -> int:
    """One past the last block of the bullet at ``index`` and its nested bullets."""
    block = blocks[index]
    if not isinstance(block, Bullet):
        return index + 1
    last = index
    for j in range(index + 1, len(blocks)):
        other = blocks[j]
        if isinstance(other, Bullet) and other.depth > block.depth:
            last = j
        elif not is_blank(other):
            break
    return last + 1


def previous_sibling(blocks: list[Block], index: int) -> int | None:
    """Index of the bullet before ``index`` at the same depth in the same list, if any."""
    depth = blocks[index].depth  # type: ignore[union-attr]
    for j in range(index - 1, -1, -1):
        other = blocks[j]
        if isinstance(other, Bullet):
            if other.depth == depth:
                return j
            if other.depth < depth:
                return None
        elif not is_blank(other):
            return None
    return None


def next_sibling(blocks: list[Block], index: int) -> int | None:
    """Index of the bullet after the subtree at ``index`` at the same depth, if any."""
    depth = blocks[index].depth  # type: ignore[union-attr]
    for j in range(subtree_end(blocks, index), len(blocks)):
        other = blocks[j]
        if isinstance(other, Bullet):
            return j if other.depth == depth else None
        if not is_blank(other):
            return None
    return None


def parent_index(blocks: list[Block], index: int) -> int | None:
    """Index of the bullet the bullet at ``index`` is nested under, if any."""
    depth = blocks[index].depth  # type: ignore[union-attr]
    for j in range(index - 1, -1, -1):
        other = blocks[j]
        if isinstance(other, Bullet):
            if other.depth < depth:
                return j
        elif not is_blank(other):
            return None
    return None


def section_heading(blocks: list[Block], index: int) -> int | None:
    """Index of the heading whose section holds the block at ``index`` (None before any heading)."""
    for j in range(index, -1, -1):
        if isinstance(blocks[j], Heading):
            return j
    return None


def section_content_end(blocks: list[Block], heading: int) -> int:
    """One past the last block of the heading's own content (before the next heading of any level)."""
    for j in range(heading + 1, len(blocks)):
        if isinstance(blocks[j], Heading):
            return j
    return len(blocks)


def section_end(blocks: list[Block], heading: int) -> int:
    """One past the last block of the section, subsections included."""
    level = blocks[heading].level  # type: ignore[union-attr]
    for j in range(heading + 1, len(blocks)):
        other = blocks[j]
        if isinstance(other, Heading) and other.level <= level:
            return j
    return len(blocks)


def parse_ai_entry(line: str, canonical: Callable[[str], str] = str.strip) -> tuple[list[str], str, str]:
    """(owners, text, status) of an action item typed on one line.

    Accepts the minutes' own grammar (``AI (Mat, BrianL): text``, ``AI: text``)
    and the short form ``Mat, BrianL: text``; a line without owners is an
    action item without owner. Owners go through ``canonical`` (aliases).
    """
    line = line.strip()
    if not line:
        raise EditError("action item is empty: type owners, a colon, then what to do (Mat, BrianL: text)")
    parsed = parse_action(line)
    if parsed is not None:
        owners, text, status = parsed.owners, parsed.text, parsed.status
    else:
        status = "open"
        m = _OWNERS_PREFIX_RE.match(line)
        names = split_owners(m.group("owners")) if m else []
        if m and names and all(len(n) <= 30 and len(n.split()) <= 3 for n in names):
            owners, text = names, m.group("text")
        else:
            owners, text = [], line
    if not text.strip():
        raise EditError("action item has no text: type what to do after the colon")
    seen: list[str] = []
    for name in owners:
        name = canonical(name)
        if name and name not in seen:
            seen.append(name)
    return seen, text.strip(), status


_OWNER_CONTEXT_RE = re.compile(r"^(?:AI[ \t]*\((?P<ai>[^():]*)|(?P<short>[^():]*))$")


def complete_owner(value: str, names: list[str], aliases: dict[str, str] | None = None) -> str | None:
    """``value`` with the owner name being typed completed (None: nothing to add).

    Completes inside ``AI (Ma`` and in the short form ``Carl, Ma`` (before the
    colon), from ``names`` and the keys of ``aliases`` (which complete to the
    name they stand for); the shortest match wins.
    """
    m = _OWNER_CONTEXT_RE.match(value)
    if not m:
        return None
    owners = m.group("ai") if m.group("ai") is not None else m.group("short")
    partial = re.split(r"[,/(]\s*|\s+\+\s+", owners)[-1].lstrip()
    if not partial:
        return None
    folded = partial.casefold()
    candidates = [(n, n) for n in names] + [(k, v) for k, v in (aliases or {}).items()]
    matches = [(typed, full) for typed, full in candidates
               if typed.casefold().startswith(folded) and len(full) > len(partial)]
    if not matches:
        return None
    best = min(matches, key=lambda pair: (len(pair[0]), pair[1].casefold()))[1]
    return value[: len(value) - len(partial)] + best


def owner_names(config: Config, extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Names owners complete to: the roster, the names aliases stand for, ``extra`` (e.g. attendees)."""
    names: list[str] = []
    for name in [*config.people.roster, *config.people.aliases.values(), *map(config.canonical_name, extra)]:
        if name and name not in names:
            names.append(name)
    return names
