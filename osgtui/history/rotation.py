"""Triage duty rotation: who is on duty next week, from ``[triage] rotation`` and ``away``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from osgtui.history.people import canonical_name, clean_duty_name

if TYPE_CHECKING:
    from osgtui.config import Config


def _position(config: Config, name: str) -> int | None:
    """Index of ``name`` in the rotation (aliases resolved, case ignored), or None."""
    wanted = canonical_name(config, name).casefold()
    for i, member in enumerate(config.triage.rotation):
        if canonical_name(config, member).casefold() == wanted:
            return i
    return None


def following(config: Config, name: str) -> str:
    """The next person in the rotation after ``name``, skipping ``away`` and ``name`` itself.

    '' when the rotation is empty, ``name`` is not in it, or everyone else is away.
    """
    rotation = config.triage.rotation
    start = _position(config, name) if name else None
    if start is None:
        return ""
    away = {canonical_name(config, n).casefold() for n in config.triage.away}
    for step in range(1, len(rotation)):
        candidate = rotation[(start + step) % len(rotation)]
        if canonical_name(config, candidate).casefold() not in away:
            return candidate
    return ""


def first_on_duty(config: Config) -> str:
    """The first person of the rotation who is not away ('' when none)."""
    away = {canonical_name(config, n).casefold() for n in config.triage.away}
    return next((n for n in config.triage.rotation if canonical_name(config, n).casefold() not in away), "")


def rotate(config: Config, this_week: str | None, next_week: str | None) -> tuple[str, str]:
    """(this week, next week) for the meeting after one with duty ``this_week`` / ``next_week``.

    This week is last meeting's next week; next week is the following name in
    the rotation. When last meeting named nobody for next week, or named
    someone outside the rotation, the rotation continues from last meeting's
    this-week name instead.
    """
    previous_this = clean_duty_name(this_week)
    new_this = clean_duty_name(next_week) or following(config, previous_this)
    new_next = following(config, new_this)
    if not new_next and _position(config, new_this) is None:
        new_next = following(config, previous_this)
        if canonical_name(config, new_next).casefold() == canonical_name(config, new_this).casefold():
            new_next = following(config, new_next)
    return new_this, new_next
