"""Action-item identity across meetings: linking an imported meeting to the one before it.

An item continues an item of the previous meeting when both have the same
owners (aliases resolved) and the same or nearly the same text (difflib ratio
>= 0.8 after folding case, spacing, links and status markers, or one text
extending the other), or exactly the same text with owners that overlap (or one side
without owners). Each previous item is continued at most once, best match first.
A linked bullet gets the previous item's ``thread`` and ``continues`` its uid;
an unlinked one starts a thread of its own (its uid).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from osgtui.history.deltas import fill_imported_deltas, load_previous
from osgtui.history.people import owner_key
from osgtui.minutes.actions import parse_action
from osgtui.minutes.model import Bullet, Line, Meeting
from osgtui.store import history_queries

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.minutes.extract import Structure
    from osgtui.store.database import Store

SIMILARITY = 0.8
_MIN_PREFIX = 20
_SPACE_RE = re.compile(r"\s+")
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL_RE = re.compile(r"<?https?://[^\s>)]+>?")


@dataclass
class Item:
    """An action item reduced to what linking compares."""

    uid: str
    owners: frozenset[str]
    key: str
    thread: str


def text_key(text: str) -> str:
    """Item text folded for comparison: links reduced to their text, URLs, case and spacing dropped.

    (Status markers are already gone: see ``parse_action``.)
    """
    text = _URL_RE.sub(" ", _LINK_RE.sub(r"\1", text))
    return _SPACE_RE.sub(" ", text).strip().rstrip(".;").strip().casefold()


def _score(item: Item, prev: Item, matcher: SequenceMatcher) -> float:
    """How well ``item`` continues ``prev`` (0 when it does not); ``matcher`` holds ``prev.key`` as seq2."""
    same_owners = item.owners == prev.owners
    if item.key == prev.key:
        if same_owners:
            return 3.0
        if not item.owners or not prev.owners or item.owners & prev.owners:
            return 2.0
        return 0.0
    if not same_owners or not item.key or not prev.key:
        return 0.0
    short, long_ = sorted((item.key, prev.key), key=len)
    if len(short) >= _MIN_PREFIX and long_.startswith(short):
        return 1.0 + len(short) / len(long_)
    if 2 * len(short) < SIMILARITY * (len(short) + len(long_)):
        return 0.0  # the ratio cannot reach the threshold
    matcher.set_seq1(item.key)
    if matcher.quick_ratio() < SIMILARITY:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= SIMILARITY else 0.0


def match_items(previous: list[Item], items: list[Item]) -> dict[str, Item]:
    """``{item uid: previous item it continues}``, best pairs first, each side used once."""
    pairs = []
    matcher = SequenceMatcher(None, autojunk=False)
    for j, prev in enumerate(previous):
        matcher.set_seq2(prev.key)
        for i, item in enumerate(items):
            score = _score(item, prev, matcher)
            if score:
                pairs.append((-score, i, j))
    pairs.sort()
    links: dict[str, Item] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if items[i].uid in links or j in used:
            continue
        links[items[i].uid] = previous[j]
        used.add(j)
    return links


def meeting_items(meeting: Meeting, config: Config | None) -> list[tuple[Bullet | Line, Item]]:
    """The action items of a meeting (bullets and plain lines) with their comparison form (thread: as stored or own uid)."""
    out: list[tuple[Bullet | Line, Item]] = []
    for block in meeting.blocks:
        if isinstance(block, (Bullet, Line)) and "AI" in block.text:
            parsed = parse_action(block.full_text if isinstance(block, Bullet) else block.text.strip())
            if parsed is not None:
                item = Item(block.uid, owner_key(config, parsed.owners), text_key(parsed.text),
                            block.thread or block.uid)
                out.append((block, item))
    return out


def stored_items(store: Store, meeting_id: int, config: Config | None) -> list[Item]:
    """The action items of a stored meeting, in order."""
    return [Item(row.uid, owner_key(config, row.owners), text_key(row.text), row.thread)
            for row in history_queries.stored_items(store, meeting_id)]


def link_imported(store: Store, meeting: Meeting, config: Config | None, derived: Structure | None = None) -> None:
    """Link an imported meeting to its history before it is saved.

    Sets ``thread``/``continues`` on its action-item bullets from the previous
    stored meeting, computes the deltas its counts leave out (``?`` or missing;
    given ones stay given) and flags new labels. When a later meeting is
    already stored (an import out of date order, or ``--replace``), that
    meeting's items are relinked to this one; those updates join the current
    transaction and are committed by the save that follows. ``derived`` is the
    meeting's :func:`~osgtui.minutes.extract.structure`, when the caller has it.
    """
    config = config if config is not None else store.config
    previous_id = history_queries.neighbour_id(store, meeting.date, after=False)
    previous = stored_items(store, previous_id, config) if previous_id is not None else []
    pairs = meeting_items(meeting, config)
    links = match_items(previous, [item for _, item in pairs])
    for bullet, item in pairs:
        prev = links.get(item.uid)
        bullet.thread = item.thread = prev.thread if prev else bullet.uid
        bullet.continues = prev.uid if prev else None
    if previous_id is not None:
        fill_imported_deltas(meeting, load_previous(store, meeting.date, config, previous_id),
                             derived.counts if derived is not None else None)
    following_id = history_queries.neighbour_id(store, meeting.date, after=True)
    if following_id is not None:
        relink_following(store, meeting.date, following_id, [item for _, item in pairs], config)


def relink_following(store: Store, day: date, following_id: int, items: list[Item], config: Config | None) -> None:
    """Point the items of the stored meeting after ``day`` at ``items``; carry changed threads forward."""
    following = stored_items(store, following_id, config)
    links = match_items(items, following)
    renamed: dict[str, str] = {}
    for item in following:
        prev = links.get(item.uid)
        thread = prev.thread if prev else item.uid
        history_queries.set_item_link(store, following_id, item.uid, thread, prev.uid if prev else None)
        if thread != item.thread:
            renamed[item.thread] = thread
    history_queries.rename_threads_after(store, following_id, renamed)
