"""Each block's section path: the headings a block of a meeting sits under.

Below both :mod:`osgtui.minutes.counts` (triage counters are found by their section) and
:mod:`osgtui.minutes.extract` (sections, triage duty, action items), so that neither
imports the other for it.
"""

from __future__ import annotations

from osgtui.minutes.model import Heading, Meeting


def section_of_blocks(meeting: Meeting) -> list[str]:
    """For each block, the path of headings it sits under (``'OSG Software Team > Discussion'``)."""
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    for block in meeting.blocks:
        if isinstance(block, Heading) and block.level > 1:
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, block.title))
        out.append(" > ".join(t for _, t in stack))
    return out
