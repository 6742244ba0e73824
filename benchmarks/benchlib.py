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


_BURN = "import sys, time\nend = time.monotonic() + float(sys.argv[1])\nwhile time.monotonic() < end:\n    pass\n"
_SYNC = (
    "import os, sys, time\n"
    "end = time.monotonic() + float(sys.argv[2])\n"
    "block = os.urandom(65536)\n"
    "with open(sys.argv[1], 'wb') as f:\n"
    "    while time.monotonic() < end:\n"
    "        f.seek(0)\n"
    "        f.write(block)\n"
    "        f.flush()\n"
    "        os.fsync(f.fileno())\n"
)


class MachineLoad:
    """A busy laptop: two CPU-bound processes and a loop of synced disk writes.

    Each process ends by itself after ``seconds`` (so a killed benchmark leaves
    nothing running for long); leaving the ``with`` block ends them at once.
    """

    def __init__(self, workdir: Path, seconds: float = 300.0) -> None:
        self.workdir = workdir
        self.seconds = seconds
        self.procs: list[Any] = []

    def __enter__(self) -> MachineLoad:
        import subprocess
        import sys

        limit = str(self.seconds)
        self.procs = [subprocess.Popen([sys.executable, "-c", _BURN, limit]) for _ in range(2)]
        self.procs.append(subprocess.Popen([sys.executable, "-c", _SYNC, str(self.workdir / "load.bin"), limit]))
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            proc.wait()
