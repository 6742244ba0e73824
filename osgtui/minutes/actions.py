"""The action-item grammar: ``AI (Owner[, Owner|/Owner]): text[ (TICKET-1)]``.

Also the variants seen in the archive (``AI(TimT):``, ``(TimT) AI:``, ``AI:``
without owner, ``AI (BrianL, Derek) - text``, ``RE: AI (Tim): ...``) and the
status markers (``[DONE]``, ``[IN PROGRESS]``, ``(done)``, ``(in progress)``,
``DONE:``, ``~~strikethrough~~``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

OPEN, IN_PROGRESS, DONE, DROPPED = "open", "in progress", "done", "dropped"
STATUS_CYCLE = (OPEN, IN_PROGRESS, DONE)

_PREFIX = r"(?P<pre>(?:RE:|DONE:|\[DONE\]|\[IN PROGRESS\]|\((?:done|DONE|in progress|IN PROGRESS)\)|~~)?[ \t]*)"
AI_RE = re.compile(
    _PREFIX
    + r"(?:\((?P<owners_pre>[^()]*)\)[ \t]*)?AI(?![A-Za-z0-9])[ \t]*"
    r"(?:\((?P<owners>[^()]*)\)[ \t]*)?(?P<sep>:|(?<=[ \t])-[ \t])[ \t]*(?P<text>.*)$"
)
TICKET_RE = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Z0-9]+-\d+)(?![0-9])")
_DONE_RE = re.compile(r"\[DONE\]|\((?:done|DONE)\)|^DONE:|^~~.*~~$")
_PROGRESS_RE = re.compile(r"\[IN PROGRESS\]|\((?:in progress|IN PROGRESS)\)")
_MARKERS_RE = re.compile(r"[ \t]*(?:\[DONE\]|\[IN PROGRESS\]|\((?:done|DONE|in progress|IN PROGRESS)\))")
_OWNER_SPLIT_RE = re.compile(r"\s*[,/&]\s*|\s+\+\s+")
_WITH_RE = re.compile(r"^(?:with help from|with)\s+", re.IGNORECASE)


@dataclass
class ParsedAction:
    """What one bullet's action item says."""

    owners: list[str]
    text: str
    status: str
    tickets: list[str] = field(default_factory=list)


def split_owners(owners: str) -> list[str]:
    """``'Carl, with help from Mat'`` → ``['Carl', 'Mat']``; empty parts dropped."""
    names = []
    for part in _OWNER_SPLIT_RE.split(owners.strip()):
        name = _WITH_RE.sub("", part.strip()).strip()
        if name and name not in names:
            names.append(name)
    return names


def status_of(text: str) -> str:
    """The status the markers in a line give: done, in progress, or open."""
    stripped = text.strip()
    if _DONE_RE.search(stripped):
        return DONE
    if _PROGRESS_RE.search(stripped):
        return IN_PROGRESS
    return OPEN


def parse_action(text: str) -> ParsedAction | None:
    """The action item a bullet's text holds, or None when it holds none."""
    m = AI_RE.match(text)
    if not m:
        return None
    owners = (m.group("owners") if m.group("owners") is not None else m.group("owners_pre") or "").strip()
    body = m.group("text")
    clean = _MARKERS_RE.sub("", body).strip()
    if clean.startswith("~~") and clean.endswith("~~") and len(clean) > 4:
        clean = clean[2:-2]
    return ParsedAction(
        owners=split_owners(owners),
        text=clean,
        status=status_of(text),
        tickets=list(dict.fromkeys(TICKET_RE.findall(text))),
    )


MARKER_STYLES = {
    "paren": ("(done)", "(in progress)"),
    "PAREN": ("(DONE)", "(IN PROGRESS)"),
    "bracket": ("[DONE]", "[IN PROGRESS]"),
}
"""The status marker styles of the archive: name → (done marker, in-progress marker)."""
_STYLE_OF = {marker: name for name, pair in MARKER_STYLES.items() for marker in pair}


def marker_style(text: str) -> str | None:
    """The marker style a line uses (``bracket`` for ``[IN PROGRESS]``), None when it has no marker."""
    m = _MARKERS_RE.search(text)
    return _STYLE_OF.get(m.group(0).strip()) if m else None


def usual_marker_style(texts: Iterable[str], default: str = "paren") -> str:
    """The marker style most of ``texts`` use (the meeting's own), ``default`` when none has one.

    Callers look at the meeting first, then at the meeting before it.
    """
    counts: dict[str, int] = {}
    for text in texts:
        style = marker_style(text)
        if style:
            counts[style] = counts.get(style, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else default


def format_action(owners: list[str], text: str, status: str = OPEN, style: str = "paren") -> str:
    """An action item line as osgtui writes it: ``AI (Mat, BrianL): text[ (in progress)]``."""
    head = f"AI ({', '.join(owners)}): " if owners else "AI: "
    return with_status(head + text.strip(), status, style)


def with_status(text: str, status: str, style: str = "paren") -> str:
    """The line with its status markers replaced by the one for ``status``.

    The line's own marker style wins (``[IN PROGRESS]`` becomes ``[DONE]``);
    a line without one gets ``style`` (see :data:`MARKER_STYLES`).
    """
    done, progress = MARKER_STYLES.get(marker_style(text) or style, MARKER_STYLES["paren"])
    base = _MARKERS_RE.sub("", text).rstrip()
    if base.startswith("DONE: "):
        base = base[len("DONE: "):]
    if base.startswith("~~") and base.endswith("~~") and len(base) > 4:
        base = base[2:-2]
    if status == DONE:
        return f"{base} {done}"
    if status == IN_PROGRESS:
        return f"{base} {progress}"
    return base


def next_status(status: str) -> str:
    """open → in progress → done → open."""
    if status not in STATUS_CYCLE:
        return OPEN
    return STATUS_CYCLE[(STATUS_CYCLE.index(status) + 1) % len(STATUS_CYCLE)]
