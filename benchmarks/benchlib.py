"""Shared by the benchmarks: the corpus files, and probes of when the console repaints and saves."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "minutes"


def corpus_files() -> list[str]:
    """The archived minutes files, oldest first; prints why and returns [] when the corpus is absent."""
    files = sorted(str(p) for p in CORPUS.glob("*/TechArea*.md"))
    if not files:
        print(f"corpus not found at {CORPUS}; nothing to measure")
    return files


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
