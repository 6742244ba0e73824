"""Section-level three-way merge of minutes texts, for taking back others' edits.

A minutes file is split into its *header* (title, Coordinates, Attending: everything
before the first ``##``/``###`` heading) and *sections*, one per H2/H3 heading line,
each running to the next heading. A section's key is its heading path, e.g.
``OSG Software Team > Discussion``; a key seen again gets `` (2)``, `` (3)``...

``merge_minutes(base, ours, theirs)`` decides per section:

- unchanged on our side → theirs (including their deletion); unchanged on their side
  → ours; changed the same way on both → that;
- changed differently on both → a line-level three-way merge of that section
  (:func:`merge_lines`); when the two sides' hunks overlap it is a **conflict**: the text
  keeps **ours** and the conflict carries both versions, so nothing is lost;
- added on one side → kept at its position (after the section preceding it on that
  side); added on both with different text → conflict;
- section order: theirs when only they reordered sections, otherwise ours;
- deleted on one side and changed on the other → conflict (ours kept: deleted or changed).

With ``base=None`` (never published) nothing is known about who changed what, so every
section counts as added on both sides: identical sections and sections present on one
side only are kept, and a section that differs is a conflict (ours kept).

Everything is byte-exact: lines keep their endings (``\\r\\n`` too) and trailing spaces,
and when nothing of theirs applies the result is ``ours`` unchanged.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

from osgtui.publish.text import dominant_ending, split_lines, strip_ending

HEADER = "(header)"
# An H2/H3 line; its closing ``#``s are cut in :func:`_heading_name` (a lazy title before
# optional closing hashes, ``(.*?)(?:[ \t]+#+)?[ \t]*$``, backtracks quadratically).
_HEADING = re.compile(r"^ {0,3}(#{2,3})(?:[ \t]+(.*))?$")


def _heading_name(title: str) -> str:
    """A heading's text without one closing run of ``#`` (``## Foo ##`` → ``Foo``), blanks collapsed."""
    text = title.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare[-1:] in (" ", "\t"):
        text = bare
    return " ".join(text.split())


@dataclass(frozen=True)
class Section:
    """One part of a minutes text: ``key`` (heading path or ``(header)``) and its exact text."""

    key: str
    text: str


@dataclass(frozen=True)
class Conflict:
    """A section both sides changed incompatibly; None means the side has no such section."""

    section: str
    ours: str | None
    theirs: str | None
    base: str | None = None


@dataclass(frozen=True)
class MergeResult:
    """The merged text, the sections where their changes were taken in, and the conflicts."""

    text: str
    merged_sections: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def split_sections(text: str) -> list[Section]:
    """Split a minutes text into the header and one section per H2/H3 heading (lossless).

    The first element is always the header (possibly empty); ``"".join`` of the texts
    gives back ``text``.
    """
    sections: list[tuple[str, list[str]]] = [(HEADER, [])]
    counts: Counter[str] = Counter()
    h2: str | None = None
    for line in split_lines(text):
        match = _HEADING.match(strip_ending(line))
        if match is None:
            sections[-1][1].append(line)
            continue
        name = _heading_name(match[2] or "")
        if len(match[1]) == 2:
            h2, key = name, name
        else:
            key = f"{h2} > {name}" if h2 is not None else name
        counts[key] += 1
        if counts[key] > 1:
            key = f"{key} ({counts[key]})"
        sections.append((key, [line]))
    return [Section(key, "".join(lines)) for key, lines in sections]


def merge_lines(base: str, ours: str, theirs: str) -> str | None:
    """Three-way merge of one text at line level; None when the changes overlap.

    Each side's changes are computed against ``base`` with :mod:`difflib`; changes that
    touch different base lines (or insert at different places) are all applied, the same
    change made on both sides is applied once, anything else is a conflict.
    """
    base_lines = split_lines(base)
    our_hunks = _hunks(base_lines, split_lines(ours))
    their_hunks = _hunks(base_lines, split_lines(theirs))
    for mine in our_hunks:
        for other in their_hunks:
            if mine != other and _overlap(mine, other):
                return None
    hunks = sorted(set(our_hunks) | set(their_hunks), key=lambda h: (h[0], h[1]))
    merged: list[str] = []
    position = 0
    for start, end, replacement in hunks:
        merged.extend(base_lines[position:start])
        merged.extend(replacement)
        position = end
    merged.extend(base_lines[position:])
    return "".join(merged)


def merge_minutes(base: str | None, ours: str, theirs: str, *, prefer_theirs: bool = False) -> MergeResult:
    """Merge ``theirs`` (the repository's file) into ``ours`` (osgtui's text) since ``base``.

    ``base`` is what was last published (None: never). Conflicting sections keep ours,
    or theirs with ``prefer_theirs``; either way they are reported. See the module
    docstring for the rules.
    """
    base_map = {} if base is None else {s.key: s.text for s in split_sections(base)}
    our_sections = split_sections(ours)
    their_sections = split_sections(theirs)
    our_map = {s.key: s.text for s in our_sections}
    their_map = {s.key: s.text for s in their_sections}
    chosen: dict[str, str | None] = {}
    merged: list[str] = []
    conflicts: list[Conflict] = []
    for key in [s.key for s in our_sections] + [s.key for s in their_sections if s.key not in our_map]:
        b, o, t = base_map.get(key), our_map.get(key), their_map.get(key)
        if o == t or t == b:
            chosen[key] = o
            continue
        if o == b:
            chosen[key] = t
            merged.append(key)
            continue
        line_merged = None
        if b is not None and o is not None and t is not None:
            line_merged = merge_lines(b, o, t)
        if line_merged is not None:
            chosen[key] = line_merged
            merged.append(key)
            continue
        conflicts.append(Conflict(key, o, t, b))
        chosen[key] = t if prefer_theirs else o
    base_order = None if base is None else list(base_map)
    order = _order(base_order, [s.key for s in our_sections], [s.key for s in their_sections], chosen)
    pieces = [text for key in order if (text := chosen[key])]
    return MergeResult(_join(pieces, dominant_ending(ours)), merged, conflicts)


def _hunks(base: list[str], other: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """The changes turning ``base`` into ``other``: (base start, base end, new lines)."""
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    return [
        (i1, i2, tuple(other[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _overlap(a: tuple[int, int, tuple[str, ...]], b: tuple[int, int, tuple[str, ...]]) -> bool:
    """True when two hunks touch the same base lines, or insert at the same place."""
    (a1, a2, _), (b1, b2, _) = a, b
    if a1 == a2 and b1 == b2:
        return a1 == b1
    if a1 == a2:
        return b1 < a1 < b2
    if b1 == b2:
        return a1 < b1 < a2
    return a1 < b2 and b1 < a2


def _order(base: list[str] | None, ours: list[str], theirs: list[str], chosen: dict[str, str | None]) -> list[str]:
    """The merged section order.

    Theirs when only they reordered sections (ours keeps the base order), else ours;
    a section missing from that order goes after its predecessor in the other side.
    """
    primary, secondary = ours, theirs
    if base is not None:
        ours_kept = [key for key in ours if key in base]
        base_kept = [key for key in base if key in ours]
        if ours_kept == base_kept:
            primary, secondary = theirs, ours
    order = list(primary)
    for index, key in enumerate(secondary):
        if key in order:
            continue
        previous = next((k for k in reversed(secondary[:index]) if k in order), None)
        order.insert(order.index(previous) + 1 if previous is not None else 0, key)
    return [key for key in order if chosen.get(key) is not None]


def _join(pieces: list[str], eol: str) -> str:
    """Concatenate section texts, ending any but the last with a newline if it lacks one."""
    fixed = [p if p.endswith("\n") or i == len(pieces) - 1 else p + eol for i, p in enumerate(pieces)]
    return "".join(fixed)
