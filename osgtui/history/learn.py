"""What the history says that the configuration does not: the triage rotation, the roster, the title's day padding.

The draft asks here when ``[triage] rotation`` is not configured. Every
meeting names who is on duty this week and next week: each such pair says
"after A comes B", and so do the This-week names of meetings a week apart.
The latest statement wins (people join and leave the rotation). From last
meeting's names the rotation is then moved on by the number of weeks since
that meeting, skipping the configured ``away`` names.

No Textual here.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from osgtui.history.people import canonical_name, clean_duty_name

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.store.database import Store

__all__ = ["LearnedRoster", "LearnedRotation", "learn_roster", "learn_rotation", "title_day_padding", "weeks_between",
           "with_learned_roster"]

_PADDED_DAY_RE = re.compile(r",  \d \w+ \d{4}\s*$")
_ONE_DIGIT_DAY_RE = re.compile(r", ? ?\d \w+ \d{4}\s*$")


def weeks_between(earlier: date, later: date) -> int:
    """Meeting weeks from ``earlier`` to ``later`` (at least 1)."""
    return max(1, round((later - earlier).days / 7))


@dataclass
class LearnedRotation:
    """Who follows whom on triage duty, as the recent meetings show it."""

    successors: dict[str, str] = field(default_factory=dict)
    meetings: int = 0
    """How many meetings it was learned from."""
    names: Callable[[str | None], str] = field(default=lambda name: (name or "").strip())
    """The usual written form of a duty name ('' for one that is not a person: ``?``, ``???``)."""

    def after(self, name: str, away: set[str]) -> str:
        """The next person on duty after ``name`` ('' when the history does not say)."""
        seen = {name}
        current = self.successors.get(name, "")
        while current and current.casefold() in away and current not in seen:
            seen.add(current)
            current = self.successors.get(current, "")
        return "" if current in seen else current

    def advance(self, name: str, weeks: int, away: set[str]) -> str:
        """The person on duty ``weeks`` weeks after ``name`` ('' when the history does not say)."""
        for _ in range(weeks):
            name = self.after(name, away)
            if not name:
                return ""
        return name


def _folded(name: str) -> str:
    return name.replace(" ", "").casefold()


def learn_rotation(store: Store, config: Config | None, before: date, limit: int = 80) -> LearnedRotation:
    """The rotation the ``limit`` meetings before ``before`` show.

    Each "after A comes B" counts, the recent ones more (the rotation changes
    as people come and go); A's successor is the B with the highest score.
    Names are compared without spaces and case (``Tim T`` is ``TimT``), and a
    short form used for one longer name (``Brian`` for ``BrianL``) is that name.
    """
    learned = LearnedRotation()
    history = store.duty_history(before, limit)
    learned.meetings = len(history)
    names = _name_forms(config, history)
    scores: dict[str, dict[str, float]] = {}

    def vote(a: str, b: str, weight: float) -> None:
        if a and b and a != b:
            scores.setdefault(a, {})
            scores[a][b] = scores[a].get(b, 0.0) + weight

    previous: tuple[date, str] | None = None
    for n, (day, this_week, next_week) in enumerate(history, start=1):
        this, nxt = names(this_week), names(next_week)
        vote(this, nxt, n)
        if previous is not None and (day - previous[0]).days == 7:
            vote(previous[1], this, n)
        previous = (day, this) if this else None
    learned.successors = {a: max(options, key=options.__getitem__) for a, options in scores.items()}
    learned.names = names
    return learned


def _name_forms(config: Config | None, history: list[tuple[date, str | None, str | None]]):  # noqa: ANN202
    """A function giving each duty name of the history its usual written form."""
    counts: dict[str, dict[str, int]] = {}
    for _, this_week, next_week in history:
        for raw in (this_week, next_week):
            name = canonical_name(config, clean_duty_name(raw))
            if name and name.replace(" ", "").isalpha():
                forms = counts.setdefault(_folded(name), {})
                forms[name] = forms.get(name, 0) + 1
    usual = {key: max(forms, key=forms.__getitem__) for key, forms in counts.items()}
    longer = {key: [k for k in usual if k != key and k.startswith(key)] for key in usual}

    def form(raw: str | None) -> str:
        name = canonical_name(config, clean_duty_name(raw))
        key = _folded(name)
        if key not in usual:
            return ""
        if len(longer[key]) == 1 and len(key) >= 4:
            key = longer[key][0]
        return usual[key]

    return form


_PERSON_RE = re.compile(r"^[^\W\d_][\w.'\- ]{0,30}$")
_NOT_PEOPLE = {"all", "everyone", "everybody", "team", "devops", "tbd", "nobody", "none"}


@dataclass
class LearnedRoster:
    """The people of the recent meetings: who attended or owned an action item in at least two of them."""

    names: tuple[str, ...] = ()
    meetings: list[date] = field(default_factory=list)
    """The meetings it was learned from, oldest first."""


def learn_roster(store: Store, config: Config | None, before: date, limit: int = 12, at_least: int = 2) -> LearnedRoster:
    """The people named in at least ``at_least`` of the ``limit`` meetings before ``before``.

    A name counts once per meeting, from the attendance line or an action
    item's owners, after ``[people.aliases]``; spaces and case are ignored when
    comparing (``Tim T`` is ``TimT``) and the spelling used most is kept.
    A short form used for one longer name (``Brian`` for ``BrianL``) is that
    name. ``???``, group words (``everyone``, ``devops``) and names seen in one
    meeting only (misspellings, guests) are not people of the roster (while
    there is only one meeting, everyone in it is).
    """
    history = store.people_history(before, limit)
    seen_in: dict[str, int] = {}
    forms: dict[str, dict[str, int]] = {}
    for _, attendees, owner_lists in history:
        names = [*attendees, *(name for owners in owner_lists for name in owners)]
        keys: set[str] = set()
        for raw in names:
            name = " ".join(canonical_name(config, raw).split())
            if not _PERSON_RE.match(name) or name.casefold() in _NOT_PEOPLE:
                continue
            key = _folded(name)
            forms.setdefault(key, {})
            forms[key][name] = forms[key].get(name, 0) + 1
            keys.add(key)
        for key in keys:
            seen_in[key] = seen_in.get(key, 0) + 1
    for key in list(seen_in):
        longer = [k for k in seen_in if k != key and k.startswith(key)]
        if len(longer) == 1 and len(key) >= 4:  # a short form of one longer name ("Brian" for "BrianL"), not "Mat"/"Matt"
            seen_in[longer[0]] += seen_in.pop(key)
            for name, n in forms.pop(key).items():
                forms[longer[0]][name] = forms[longer[0]].get(name, 0) + n
    at_least = min(at_least, len(history))  # one meeting so far: everyone in it
    people = [max(forms[key], key=forms[key].__getitem__) for key, n in seen_in.items() if n >= at_least]
    return LearnedRoster(tuple(sorted(people, key=str.casefold)), [d for d, _, _ in history])


def with_learned_roster(store: Store, config: Config, before: date) -> Config:
    """``config`` with ``[people] roster`` learned from the meetings before ``before`` when it sets none."""
    if config.people.roster:
        return config
    learned = learn_roster(store, config, before)
    if not learned.names:
        return config
    return dataclasses.replace(config, people=dataclasses.replace(config.people, roster=learned.names))


def title_day_padding(store: Store | None, before: date, previous_title: str) -> bool:
    """Whether the latest title with a one-digit day wrote it ``,  9 December`` (padded to two places)."""
    titles = [previous_title] + (store.titles_before(before) if store is not None else [])
    for title in titles:
        if _ONE_DIGIT_DAY_RE.search(title):
            return bool(_PADDED_DAY_RE.search(title))
    return False
