"""Structure read from a meeting's blocks: sections, attendance, triage, tables, action items."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from osgtui.minutes.actions import ParsedAction, parse_action
from osgtui.minutes.counts import CountRef, find_counts, table_groups, table_kind
from osgtui.minutes.model import Bullet, Heading, Line, Meeting, Table
from osgtui.minutes.section_paths import section_of_blocks

ATTENDING_RE = re.compile(r"\*\*Attending:?\*\*:?")
COORDINATES_RE = re.compile(r"\*\*Coordinates:?\*\*:?")
DUTY_RE = re.compile(r"^(This|Next) week\s*:\s*(.*)$", re.IGNORECASE)
# Starts only where a run of digits starts (the lookbehind): the first match is there anyway,
# and trying every digit of a long run made ``search`` quadratic.
VERSION_RE = re.compile(r"(?<!\d)\d+\.\d+(?:\.[\dx]+)?(?:-\w+)?")
SERIES_RE = re.compile(r"^(?:\d+\.\d+(?:\.[\dx]+)?|Both):?$")
PLACEHOLDER_RE = re.compile(r"^(?:Nothing|None|None this week|N/A)\.?$", re.IGNORECASE)
READY_RE = re.compile(r"^(?:\*\*)?Ready for (Testing|Release)\b", re.IGNORECASE)


@dataclass
class SectionInfo:
    """A heading: its level, title and position (index in ``meeting.blocks``)."""

    title: str
    level: int
    index: int
    path: str


@dataclass
class ActionInfo:
    """An action item found in a meeting, with where it sits."""

    uid: str
    owners: list[str]
    text: str
    status: str
    tickets: list[str]
    section: str
    section_path: str
    parent: str | None
    line: str
    thread: str | None = None
    continues: str | None = None


@dataclass
class ReleaseList:
    """A ``Ready for Testing`` / ``Ready for Release`` bullet with its package bullets."""

    version: str | None
    state: str
    packages: list[str] = field(default_factory=list)


@dataclass
class Structure:
    """What several readers of one meeting need, derived once (an import or save derives it once).

    Valid until the meeting's blocks change.
    """

    paths: list[str]
    """:func:`section_of_blocks`: each block's section path."""
    parents: dict[str, Bullet]
    """:func:`parents`: each nested bullet's parent."""
    counts: list[CountRef]
    """:func:`~osgtui.minutes.counts.find_counts`: every count, in document order."""


def structure(meeting: Meeting) -> Structure:
    """The meeting's section paths, bullet parents and counts, each derived once."""
    paths = section_of_blocks(meeting)
    return Structure(paths, parents(meeting), find_counts(meeting, paths=paths))


def sections(meeting: Meeting, paths: list[str] | None = None) -> list[SectionInfo]:
    """Every H2..H6 heading in order, with its path (``paths``: :func:`section_of_blocks`, when known)."""
    paths = paths if paths is not None else section_of_blocks(meeting)
    return [
        SectionInfo(b.title, b.level, i, paths[i])
        for i, b in enumerate(meeting.blocks)
        if isinstance(b, Heading) and b.level > 1
    ]


def parents(meeting: Meeting) -> dict[str, Bullet]:
    """Map each bullet uid to its parent bullet (the nearest earlier bullet one level up)."""
    out: dict[str, Bullet] = {}
    stack: list[Bullet] = []
    for block in meeting.blocks:
        if isinstance(block, Bullet):
            while stack and stack[-1].depth >= block.depth:
                stack.pop()
            if stack:
                out[block.uid] = stack[-1]
            stack.append(block)
        elif isinstance(block, Heading) or (isinstance(block, Line) and block.text[:1].strip()):
            stack = []
    return out


def header_line(meeting: Meeting, pattern: re.Pattern[str]) -> tuple[int, str] | None:
    """(block index, text after the label) of the Coordinates or Attending line."""
    for i, block in enumerate(meeting.blocks):
        if isinstance(block, Heading) and block.level > 1:
            return None
        text = block.full_text if isinstance(block, Bullet) else getattr(block, "text", "")
        m = pattern.search(text)
        if m:
            rest = text[m.end():]
            nxt = meeting.blocks[i + 1] if i + 1 < len(meeting.blocks) else None
            if isinstance(block, Line) and isinstance(nxt, Line) and nxt.text[:1].isspace() and nxt.text.strip():
                rest += " " + nxt.text.strip()
            return i, rest.strip()
    return None


def attending(meeting: Meeting) -> list[str]:
    """The names on the Attending line."""
    found = header_line(meeting, ATTENDING_RE)
    if not found:
        return []
    text = strip_comments(found[1])
    return [n.strip() for n in text.split(",") if n.strip()]


def strip_comments(text: str) -> str:
    """``text`` without its ``<!-- … -->`` comments (as ``re.sub(r"<!--.*?-->", "", text)``, in linear time).

    An opening ``<!--`` without a closing ``-->`` after it, and everything after it, is kept.
    """
    out: list[str] = []
    pos = end = 0
    while (start := text.find("<!--", pos)) >= 0:
        if end < start + 4:  # the closing found for an earlier opening may still be this one's
            end = text.find("-->", start + 4)
        if end < 0:
            break
        newline = text.find("\n", start + 4, end)
        if newline >= 0:  # ``.`` does not cross a line break: this opening is text
            out.append(text[pos:newline])
            pos = newline
            continue
        out.append(text[pos:start])
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def coordinates(meeting: Meeting) -> str | None:
    """The text of the Coordinates line."""
    found = header_line(meeting, COORDINATES_RE)
    return found[1] if found else None


def triage_duty(meeting: Meeting, paths: list[str] | None = None) -> tuple[str | None, str | None, dict[str, str]]:
    """(this week, next week, {which: bullet uid}) from the Triage Duty section.

    ``paths`` is :func:`section_of_blocks` of the meeting, when the caller has it.
    """
    names: dict[str, str | None] = {"this": None, "next": None}
    uids: dict[str, str] = {}
    for block, section in zip(meeting.blocks, paths if paths is not None else section_of_blocks(meeting)):
        if isinstance(block, Bullet) and "triage" in section.lower():
            m = DUTY_RE.match(block.text)
            if m:
                which = m.group(1).lower()
                names[which] = m.group(2).strip()
                uids[which] = block.uid
    return names["this"], names["next"], uids


def counts_by_group(meeting: Meeting) -> dict[str, list[CountRef]]:
    """Counts grouped by ``triage``, ``jira`` and ``release:<column>``."""
    groups: dict[str, list[CountRef]] = {}
    for ref in find_counts(meeting):
        groups.setdefault(ref.group, []).append(ref)
    return groups


def release_lists(meeting: Meeting) -> list[ReleaseList]:
    """Ready for Testing / Ready for Release lists with their packages."""
    out: list[ReleaseList] = []
    par = parents(meeting)
    blocks = meeting.blocks
    last_version: str | None = None
    both = "Both"
    for i, block in enumerate(blocks):
        if isinstance(block, Table) and table_kind(block) == "release":
            versions = [g.split(":", 1)[1] for g, *_ in table_groups(block)]
            last_version = versions[0] if versions else last_version
            both = next((v for v in versions if v.endswith(" Both")), "Both")
        if not isinstance(block, Bullet):
            continue
        m = READY_RE.match(block.text)
        if not m:
            continue
        version = None
        node = par.get(block.uid)
        while node is not None and version is None:
            v = VERSION_RE.search(node.text)
            version = v.group(0) if v else None
            node = par.get(node.uid)
        inline = VERSION_RE.search(block.text)
        version = version or (inline.group(0) if inline else None) or last_version
        state = f"Ready for {m.group(1).title()}"
        lst = ReleaseList(version, state)
        out.append(lst)
        series: ReleaseList | None = None
        for child in blocks[i + 1:]:
            if not isinstance(child, Bullet) or child.depth <= block.depth:
                if isinstance(child, Line) and not child.text.strip():
                    continue
                break
            text = child.full_text
            if child.depth == block.depth + 1:
                series = None
                if SERIES_RE.match(text):
                    name = text.rstrip(":")
                    series = ReleaseList(both if name == "Both" else name, state)
                    out.append(series)
                elif not PLACEHOLDER_RE.match(text):
                    lst.packages.append(text)
            elif child.depth == block.depth + 2 and series is not None and not PLACEHOLDER_RE.match(text):
                series.packages.append(text)
    return out


def action_items(meeting: Meeting, structure: Structure | None = None) -> list[ActionInfo]:
    """Every action item in the meeting, in document order.

    Bullets, and plain lines written as an item (``AI (Edgar): Coordinate …``
    on a line of its own, as in 2019-01-22); a plain line has no parent bullet
    and is linked across meetings like an item bullet. ``structure`` is the
    meeting's :func:`structure`, when the caller has it.
    """
    out: list[ActionInfo] = []
    par = structure.parents if structure is not None else parents(meeting)
    paths = structure.paths if structure is not None else section_of_blocks(meeting)
    for block, path in zip(meeting.blocks, paths):
        if isinstance(block, Bullet):
            text = block.full_text
        elif isinstance(block, Line) and "AI" in block.text:
            text = block.text.strip()
        else:
            continue
        parsed: ParsedAction | None = parse_action(text)
        if parsed is None:
            continue
        parent = par.get(block.uid) if isinstance(block, Bullet) else None
        out.append(
            ActionInfo(
                uid=block.uid,
                owners=parsed.owners,
                text=parsed.text,
                status=parsed.status,
                tickets=parsed.tickets,
                section=path.split(" > ")[-1] if path else "",
                section_path=path,
                parent=parent.full_text if parent else None,
                line=text,
                thread=block.thread,
                continues=block.continues,
            )
        )
    return out
