"""Benchmark of meeting history: next draft, open action items and search over the whole corpus.

Imports ../shared/corpus/minutes into a temporary database (reporting the import
rate, links and deltas included), then times in-process, median of RUNS runs,
process start excluded:
  - ``create_draft`` of the meeting after the latest one (saved with replace each run),
  - ``action_history(open_only=True)`` (what ``osgtui actions --open`` computes),
  - ``search`` for several queries;
and, for reference, whole ``osgtui`` processes (interpreter start included) via subprocess.

Run: .venv/bin/python benchmarks/bench_history.py   (needs ../shared/corpus)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from osgtui.history import action_history, create_draft, next_meeting_date, search  # noqa: E402
from benchlib import corpus_files  # noqa: E402
from osgtui.importer import import_meetings, read_files  # noqa: E402
from osgtui.store import Store  # noqa: E402

RUNS = 21
PROCESS_RUNS = 5
QUERIES = ["xrootd", "GGUS", '"Ready for Testing"', "cvmfs AND singularity", "gratia*", "NEAR(htcondor ce, 3)"]


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of ``fn`` in milliseconds (one warm-up call first)."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def process_ms(args: list[str]) -> float:
    """Median wall time of a whole ``osgtui`` process, interpreter start included."""
    times = []
    for _ in range(PROCESS_RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "osgtui", *args], check=True, capture_output=True, cwd=REPO)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    """Print the figures; exit 0 (figures are informational, targets are printed beside them)."""
    files = corpus_files()
    if not files:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "history.db"
        config_file = Path(tmp) / "config.toml"
        config_file.write_text("")
        store = Store.open(db)
        start = time.perf_counter()
        meetings, failures = read_files(files)
        result = import_meetings(store, meetings)
        rate = len(files) / (time.perf_counter() - start)
        assert not failures and not result.failures
        day = next_meeting_date(store, None)
        draft_ms = median_ms(lambda: create_draft(store, None, day, replace=True))
        store.delete_meeting(day)
        actions_ms = median_ms(lambda: action_history(store, None, open_only=True))
        search_ms = {q: median_ms(lambda q=q: search(store, q)) for q in QUERIES}
        open_items = len(action_history(store, None, open_only=True))
        store.close()
        opts = ["--config", str(config_file), "--db", str(db)]
        proc_actions = process_ms([*opts, "actions", "--open"])
        proc_search = process_ms([*opts, "search", "xrootd"])
        proc_new = process_ms([*opts, "new", day.isoformat(), "--replace"])
        proc_version = process_ms(["--version"])

    title = f"measure (in-process, median of {RUNS}, process start excluded)"
    print(f"{title:62} {'ms':>8} {'target':>8}")
    label = f"new: create_draft {day.isoformat()} from the latest meeting"
    print(f"{label:62} {draft_ms:8.2f} {'<= 100':>8}")
    label = f"actions --open: action_history(open_only=True), {open_items} open"
    print(f"{label:62} {actions_ms:8.2f} {'<= 100':>8}")
    for query, ms in search_ms.items():
        print(f"{'search ' + query:62} {ms:8.2f} {'<= 50':>8}")
    print(f"{'search, median over the queries':62} {statistics.median(search_ms.values()):8.2f} {'<= 50':>8}")
    print()
    title = f"for reference: whole process (median of {PROCESS_RUNS}, start included)"
    print(f"{title:62} {'ms':>8}")
    print(f"{'osgtui --version (interpreter + CLI start only)':62} {proc_version:8.1f}")
    print(f"{'osgtui actions --open':62} {proc_actions:8.1f}")
    print(f"{'osgtui search xrootd':62} {proc_search:8.1f}")
    print(f"{'osgtui new DATE --replace':62} {proc_new:8.1f}")
    print()
    print(f"import whole corpus with links, deltas and search index: {rate:.0f} files/s (target >= 200), "
          f"{len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
