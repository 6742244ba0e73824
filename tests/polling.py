"""Waiting in Pilot tests: poll for a condition, never sleep a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot

__all__ = ["until"]


async def until(pilot: Pilot, condition: Callable[[], object], what: str, timeout: float = 60.0) -> None:
    """Poll ``condition`` between short pauses until it holds; fail naming ``what`` after ``timeout`` s.

    The deadline is generous on purpose: on a loaded machine the console is
    slow, not wrong, and a test must not fail for it.
    """
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"never happened: {what}")
        await pilot.pause(0.01)
