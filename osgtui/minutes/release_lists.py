"""The Ready for Testing / Ready for Release package lists of the release section, from Jira.

The archive lists, under a bullet for each release, the packages waiting::

    -   OSG 3.4.31
        -   Ready for Testing
            -   cctools 7.0.13
        -   Ready for Release
            -   Singularity 3.2.1

:func:`add_package_lists` writes the fetched issues there, one sub-bullet per
issue (its summary), making the release and list bullets when missing. It
only adds: a package already listed (its summary contained in a listed line,
case ignored) is not repeated, and nothing the note-taker wrote is removed
but a placeholder (``Nothing``, ``None this week``) the packages replace.

No Textual, no network.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from osgtui.minutes.blocktree import is_blank, section_end, subtree_end
from osgtui.minutes.model import Bullet, Heading, Line, Meeting, Table
from osgtui.minutes.release_tables import release_columns

if TYPE_CHECKING:
    from osgtui.services.jira import Issue, ReleaseSummary

LISTS = ("Ready for Testing", "Ready for Release")
_PLACEHOLDERS = {"nothing", "none", "none this week", "nothing this week"}


def _release_section(meeting: Meeting) -> tuple[int, int] | None:
    """(first block, end) of the level-2 Release section, or None."""
    for i, block in enumerate(meeting.blocks):
        if isinstance(block, Heading) and block.level == 2 and "release" in block.title.lower():
            return i + 1, section_end(meeting.blocks, i)
    return None


def _mentions(text: str, version: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(version)}(?![\d.]*\d)", text) is not None


def _release_bullet(meeting: Meeting, start: int, end: int, version: str) -> int:
    """The index of the release's top-level bullet in the section, made (``OSG <version>``) after its table."""
    blocks = meeting.blocks
    for i in range(start, end):
        block = blocks[i]
        if isinstance(block, Bullet) and block.depth == 0 and _mentions(block.text, version):
            return i
    at = next((i + 1 for i in range(start, end) if isinstance(blocks[i], Table)
               and any(version in c.versions for c in release_columns(blocks[i]))), start)  # type: ignore[arg-type]
    if at < len(blocks) and is_blank(blocks[at]):
        at += 1
    blocks[at:at] = [Bullet(0, f"OSG {version}")]
    if at + 1 < len(blocks) and not isinstance(blocks[at + 1], Bullet) and not is_blank(blocks[at + 1]):
        blocks.insert(at + 1, Line(""))
    return at


def _list_bullet(meeting: Meeting, top: int, name: str) -> int:
    """The index of the ``name`` bullet under the release bullet at ``top`` (made at its end if missing)."""
    blocks = meeting.blocks
    depth = blocks[top].depth + 1  # type: ignore[union-attr]
    end = subtree_end(blocks, top)
    for i in range(top + 1, end):
        block = blocks[i]
        if isinstance(block, Bullet) and block.depth == depth and block.text.strip().rstrip(":").casefold() == name.casefold():
            return i
    while end > top + 1 and is_blank(blocks[end - 1]):
        end -= 1
    blocks.insert(end, Bullet(depth, name))
    return end


def add_package_lists(meeting: Meeting, releases: Mapping[str, ReleaseSummary]) -> list[str]:
    """Write each release's Ready for Testing / Ready for Release issues into the release section.

    Returns one line per package added (``3.4.31 Ready for Testing: cctools 7.0.13``).
    Nothing is written when the minutes have no release section.
    """
    added: list[str] = []
    for version, summary in releases.items():
        lists: list[tuple[str, list[Issue]]] = [(LISTS[0], summary.ready_for_testing),
                                                (LISTS[1], summary.ready_for_release)]
        for name, issues in lists:
            section = _release_section(meeting)
            if not issues or section is None:
                continue
            top = _release_bullet(meeting, *section, version)
            under = _list_bullet(meeting, top, name)
            end = subtree_end(meeting.blocks, under)
            listed = [b.full_text.casefold() for b in meeting.blocks[under + 1:end] if isinstance(b, Bullet)]
            depth = meeting.blocks[under].depth + 1  # type: ignore[union-attr]
            new = [issue.summary.strip() or issue.key for issue in issues]
            new = [text for text in new if not any(text.casefold() in line for line in listed)]
            while end > under + 1 and is_blank(meeting.blocks[end - 1]):
                end -= 1
            if new:
                placeholders = [i for i in range(under + 1, end) if isinstance(meeting.blocks[i], Bullet)
                                and meeting.blocks[i].text.strip().rstrip(".").casefold() in _PLACEHOLDERS]  # type: ignore[union-attr]
                for i in reversed(placeholders):
                    del meeting.blocks[i]
                end -= len(placeholders)
            meeting.blocks[end:end] = [Bullet(depth, text) for text in new]
            added += [f"{version} {name}: {text}" for text in new]
    return added
