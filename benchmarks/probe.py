"""Shared by the console benchmarks: record when the screen updates and when a meeting is saved."""

from __future__ import annotations

import time
from typing import Any


def instrument(app: Any, store: Any) -> tuple[list[float], list[float]]:
    """Wrap ``app._display`` and ``store.save_meeting``; return the lists their times go into."""
    updates: list[float] = []
    saved: list[float] = []
    display = app._display
    save = store.save_meeting

    def spy(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            updates.append(time.perf_counter())
        display(screen, renderable)

    def saving(meeting: Any, **kwargs: Any) -> None:
        save(meeting, **kwargs)
        saved.append(time.perf_counter())

    app._display = spy
    store.save_meeting = saving
    return updates, saved
