"""Benchmark of the minutes core: corpus import rate, export time, database size per meeting.

Run: .venv/bin/python benchmarks/bench_core.py   (needs ../shared/corpus; in-process timings)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from benchlib import corpus_files  # noqa: E402

from osgtui.history.importer import import_meetings, read_files  # noqa: E402
from osgtui.minutes.renderer import render_minutes  # noqa: E402
from osgtui.store.database import Store  # noqa: E402


def main() -> int:
    """Print the figures; exit 0 (figures are informational, targets are printed beside them)."""
    files = corpus_files()
    if not files:
        return 0
    rates = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(3):
            db = Path(tmp) / f"bench{run}.db"
            store = Store.open(db)
            start = time.perf_counter()
            meetings, failures = read_files(files)
            result = import_meetings(store, meetings)
            elapsed = time.perf_counter() - start
            assert not failures and not result.failures
            rates.append(len(files) / elapsed)
            if run < 2:
                store.close()
        dates = store.meeting_dates()
        times = []
        for d in dates[-20:] * 5:
            meeting = store.load_meeting(d)
            t = time.perf_counter()
            render_minutes(meeting)
            times.append(time.perf_counter() - t)
        load_export = []
        for d in dates[-20:] * 5:
            t = time.perf_counter()
            render_minutes(store.load_meeting(d))
            load_export.append(time.perf_counter() - t)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        size = db.stat().st_size
    print(f"{'measure':42} {'value':>12} {'target':>12}")
    print(f"{'import whole corpus (files/s, median of 3)':42} {statistics.median(rates):12.0f} {'>= 200':>12}")
    print(f"{'export one meeting, render (ms, median)':42} {statistics.median(times) * 1000:12.2f} {'<= 10':>12}")
    print(f"{'export one meeting, load+render (ms, median)':42} {statistics.median(load_export) * 1000:12.2f} {'<= 10':>12}")
    print(f"{'database size per meeting (KiB)':42} {size / len(files) / 1024:12.1f} {'(recorded)':>12}")
    print(f"({len(files)} files, {size / 1024:.0f} KiB database)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
