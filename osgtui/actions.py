"""The action-item grammar: ``AI (Owner[, Owner|/Owner]): text[ (TICKET-1)]``.

Also the variants seen in the archive (``AI(TimT):``, ``(TimT) AI:``, ``AI:``
without owner, ``AI (BrianL, Derek) - text``, ``RE: AI (Tim): ...``) and the
status markers (``[DONE]``, ``[IN PROGRESS]``, ``(done)``, ``(in progress)``,
``DONE:``, ``~~strikethrough~~``).
"""

from __future__ import annotations

import re
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


def format_action(owners: list[str], text: str, status: str = OPEN) -> str:
    """An action item line as osgtui writes it: ``AI (Mat, BrianL): text[ (in progress)]``."""
    head = f"AI ({', '.join(owners)}): " if owners else "AI: "
    return with_status(head + text.strip(), status)


def with_status(text: str, status: str) -> str:
    """The line with its status markers replaced by the one for ``status``."""
    base = _MARKERS_RE.sub("", text).rstrip()
    if base.startswith("DONE: "):
        base = base[len("DONE: "):]
    if base.startswith("~~") and base.endswith("~~") and len(base) > 4:
        base = base[2:-2]
    if status == DONE:
        return base + " (done)"
    if status == IN_PROGRESS:
        return base + " (in progress)"
    return base


def next_status(status: str) -> str:
    """open → in progress → done → open."""
    if status not in STATUS_CYCLE:
        return OPEN
    return STATUS_CYCLE[(STATUS_CYCLE.index(status) + 1) % len(STATUS_CYCLE)]
