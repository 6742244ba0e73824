"""The next meeting's draft, carried forward from the latest meeting before it.

As the archive's note-takers did (minutes-format.md, section 11), the draft is
the previous meeting with: the new title; the Coordinates from the
configuration; an empty Attending line; triage duty rotated; every count and
delta unknown (``?``, marked to fill in; notes such as ``(since 11/19)``
dropped); every section, topic bullet, release table and list kept (release
tables with their version); finished items dropped: a bullet marked done
(``[DONE]``, ``(done)``, ``DONE:``, ``~~...~~``; an action item or not) goes
with its sub-bullets. Open and in-progress action items stay in place, linked
to the item they continue. Every block gets a new uid.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from osgtui.config import Config
from osgtui.errors import StoreError
from osgtui.history.learn import learn_rotation, title_day_padding, weeks_between
from osgtui.history.people import canonical_name, clean_duty_name
from osgtui.history.rotation import first_on_duty, following, rotate
from osgtui.history.template import meeting_title, template_meeting
from osgtui.minutes.actions import DONE, parse_action, status_of
from osgtui.minutes.counts import find_counts, format_count_line, parse_count_line, set_count, table_kind
from osgtui.minutes.extract import ATTENDING_RE, COORDINATES_RE, DUTY_RE, header_line, triage_duty
from osgtui.minutes.model import Block, Bullet, CountMeta, Heading, Line, Meeting, Table, new_uid

if TYPE_CHECKING:
    from osgtui.store.database import Store

_COMMENT_RE = re.compile(r"<!--.*?-->")


def _config(config: Config | None) -> Config:
    return config if config is not None else Config()


def next_meeting_date(store: Store, config: Config | None, after: date | None = None) -> date:
    """The first meeting weekday strictly after ``after`` (default: the latest meeting, else today)."""
    base = after or store.latest_before() or date.today()
    weekday = _config(config).meeting.weekday_number
    return base + timedelta(days=(weekday - base.weekday() - 1) % 7 + 1)


def create_draft(store: Store, config: Config | None, day: date | None = None, *, replace: bool = False) -> Meeting:
    """Build the draft of the meeting on ``day`` (default: the next meeting day) and save it.

    It is carried forward from the latest meeting before ``day``, or made from
    the built-in template when there is none. A meeting already stored on
    ``day`` is an error unless ``replace``.
    """
    config = _config(config if config is not None else store.config)
    day = day or next_meeting_date(store, config)
    version = store.meeting_version(day)
    if version is not None and not replace:
        raise StoreError(
            f"a meeting on {day.isoformat()} already exists; open it, or use --replace to start it again "
            "from the previous meeting"
        )
    previous_day = store.latest_before(day)
    previous = store.load_meeting(previous_day) if previous_day else None
    draft = build_draft(previous, day, config, store=store)
    draft.version = version or 0
    store.save_meeting(draft, replace=replace)
    return draft


def build_draft(previous: Meeting | None, day: date, config: Config | None, *, store: Store | None = None) -> Meeting:
    """The draft of the meeting on ``day`` carried forward from ``previous``.

    ``store`` (the history before ``day``) lets the draft learn what the
    configuration does not say (the triage rotation); without it only
    ``previous`` and the configuration are used.
    """
    config = _config(config)
    if previous is None:
        this_week = first_on_duty(config)
        return template_meeting(config, day, this_week, following(config, this_week))
    meeting = Meeting(date=day, blocks=carry_blocks(previous.blocks), indent_unit=previous.indent_unit)
    padded = title_day_padding(store, day, previous.title)
    _set_title(meeting, meeting_title(config, day, padded=padded, like=previous.title))
    if config.meeting.coordinates_set:
        _set_header(meeting, COORDINATES_RE, config.meeting.coordinates)
    _set_header(meeting, ATTENDING_RE, "")
    _set_duty(meeting, *_duty(store, config, previous, day))
    _clear_counts(meeting)
    return meeting


def _duty(store: Store | None, config: Config, previous: Meeting, day: date) -> tuple[str, str]:
    """(this week, next week): the configured rotation, else the one the history shows; moved on by the weeks."""
    this_week, next_week = (clean_duty_name(n) for n in triage_duty(previous)[:2])
    weeks = weeks_between(previous.date, day)
    if config.triage.rotation:
        for _ in range(weeks - 1):  # skipped weeks: the rotation went on without a meeting
            this_week, next_week = rotate(config, this_week, next_week)
        return rotate(config, this_week, next_week)
    if store is None:
        return rotate(config, this_week, next_week)  # nothing to learn from: last meeting's next week
    learned = learn_rotation(store, config, day)
    away = {canonical_name(config, n).casefold() for n in config.triage.away}
    this_week, next_week = learned.names(this_week), learned.names(next_week)
    new_this = (learned.advance(next_week, weeks - 1, away) if next_week else "") or next_week \
        or (learned.advance(this_week, weeks, away) if this_week else "")
    return new_this, learned.after(new_this, away) if new_this else ""


def _copy(block: Block) -> Block:
    """A copy of a block with a new uid (lists copied, nothing shared with the original)."""
    if isinstance(block, Bullet):
        return dataclasses.replace(
            block, uid=new_uid(), continuation=list(block.continuation), thread=None, continues=None
        )
    if isinstance(block, Table):
        return dataclasses.replace(
            block, uid=new_uid(), header=list(block.header), rows=[list(r) for r in block.rows],
            raw=list(block.raw) if block.raw is not None else None,
            raw_cells=[list(r) for r in block.raw_cells] if block.raw_cells is not None else None,
        )
    return dataclasses.replace(block, uid=new_uid())


def carry_blocks(blocks: list[Block]) -> list[Block]:
    """Copies of ``blocks`` without finished bullets (and their sub-bullets); open items linked."""
    out: list[Block] = []
    dropping: int | None = None
    for block in blocks:
        if isinstance(block, Bullet):
            if dropping is not None and block.depth > dropping:
                continue
            dropping = None
            text = block.full_text
            if status_of(text) == DONE:
                dropping = block.depth
                continue
            copy = _copy(block)
            assert isinstance(copy, Bullet)
            if "AI" in text and parse_action(text) is not None:
                copy.thread = block.thread or block.uid
                copy.continues = block.uid
            out.append(copy)
            continue
        if isinstance(block, Heading) or (isinstance(block, Line) and block.text[:1].strip()):
            dropping = None
        if isinstance(block, Line) and "AI" in block.text and parse_action(block.text.strip()) is not None:
            if status_of(block.text) == DONE:
                continue  # a finished item written as a plain line
            copy = _copy(block)
            copy.thread, copy.continues = block.thread or block.uid, block.uid  # type: ignore[union-attr]
            out.append(copy)
            continue
        out.append(_copy(block))
    return out


def _set_title(meeting: Meeting, title: str) -> None:
    for i, block in enumerate(meeting.blocks):
        if isinstance(block, Heading) and block.level == 1:
            meeting.blocks[i] = Heading(1, title, eol=block.eol, uid=block.uid)
            return


def _set_header(meeting: Meeting, pattern: re.Pattern[str], value: str) -> None:
    """Replace what follows ``**Coordinates:**`` / ``**Attending:**`` with ``value``.

    The line keeps its style (plain line or bullet) and trailing spaces; wrapped
    continuation lines are dropped; an HTML comment on the line (a roster) stays.
    """
    found = header_line(meeting, pattern)
    if found is None:
        return
    index = found[0]
    block = meeting.blocks[index]
    assert isinstance(block, (Bullet, Line))  # header_line finds a bullet or a line
    text = block.text
    match = pattern.search(text)
    if match is None:  # the label is on a continuation line: leave the bullet alone
        return
    comments = " ".join(_COMMENT_RE.findall(text[match.end():]))
    body = " ".join(p for p in (value, comments) if p)
    new_text = text[:match.end()] + (" " + body if body else "")
    if isinstance(block, Bullet):
        block.text, block.continuation = new_text, []
        return
    block.text = new_text + text[len(text.rstrip()):]
    after = index + 1
    while after < len(meeting.blocks):
        nxt = meeting.blocks[after]
        if not isinstance(nxt, Line) or not nxt.text.strip() or nxt.text.lstrip().startswith("<!--") \
                or "**" in nxt.text:
            break
        del meeting.blocks[after]


def _set_duty(meeting: Meeting, this_week: str, next_week: str) -> None:
    _, _, uids = triage_duty(meeting)
    for which, name in (("this", this_week), ("next", next_week)):
        if which not in uids:
            continue
        block = meeting.blocks[meeting.find(uids[which])]
        match = DUTY_RE.match(block.text) if isinstance(block, Bullet) else None
        if isinstance(block, Bullet) and match:
            label = block.text[:match.start(2)].rstrip()
            block.text = f"{label} {name}" if name else label
            block.continuation = []


def _clear_counts(meeting: Meeting) -> None:
    """Every count and delta unknown (``?``), marked in ``count_meta`` as to be filled in."""
    for ref in find_counts(meeting):
        block = meeting.blocks[meeting.find(ref.uid)]
        if isinstance(block, Bullet):
            line = parse_count_line(block.text)
            block.text = format_count_line(None, None, line.label if line else ref.label)
        else:
            set_count(meeting, ref, None, None)
        meeting.count_meta[(ref.group, ref.label)] = CountMeta(source="pending")
    for block in meeting.blocks:
        if isinstance(block, Table) and table_kind(block) == "other":
            _clear_ticket_columns(block)


def _clear_ticket_columns(table: Table) -> None:
    """Numbers under a ``#`` header (``Owner | # tickets not RFT``, 2017) become ``?``: last week's are stale."""
    columns = [i for i, h in enumerate(table.header) if h.strip().startswith("#")]
    for row in table.rows:
        for i in columns:
            if i < len(row) and row[i].strip().isdigit():
                row[i] = "?"
