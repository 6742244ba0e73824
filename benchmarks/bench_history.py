"""Benchmark of meeting history: next draft, open action items and search, on the corpus and at scale.

Imports ../shared/corpus/minutes into a temporary database (reporting the import
rate, links and deltas included), then times in-process, median of RUNS runs,
process start excluded:
  - ``create_draft`` of the meeting after the latest one (saved with replace each run),
  - ``action_history(open_only=True)`` (what ``osgtui actions --open`` computes),
  - ``search`` for several queries;
and, for reference, whole ``osgtui`` processes (interpreter start included) via subprocess.

``--synthetic [N]`` (N = 10000 when not given) also builds an N-meeting archive
by cycling the corpus files week after week (each meeting's date, file name and
title shifted; about 4.6 action items a meeting, a handful open at the end) and
times there ``actions --open``, a person's open items (``actions --owner NAME
--open``, what the console's people's pane lists) and ``search``, against the
targets of 20 ms. ``--db PATH`` keeps that archive in PATH (built when PATH does
not exist, reused when it does: an older osgtui's archive is upgraded first).

Run: .venv/bin/python benchmarks/bench_history.py [--synthetic [N]] [--db PATH]   (needs ../shared/corpus)
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from benchlib import corpus_files  # noqa: E402

from osgtui.history import action_history, create_draft, next_meeting_date, search  # noqa: E402
from osgtui.history.importer import import_meetings, read_files  # noqa: E402
from osgtui.minutes.parser import parse_minutes  # noqa: E402
from osgtui.store.database import Store  # noqa: E402

RUNS = 21
PROCESS_RUNS = 5
QUERIES = ["xrootd", "GGUS", '"Ready for Testing"', "cvmfs AND singularity", "gratia*", "NEAR(htcondor ce, 3)"]
SYNTHETIC_TARGET_MS = 20.0
IMPORT_TARGET = 300
SYNTHETIC_CHUNK = 500
_TITLE_RE = re.compile(r"\A# [^\n]*")


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


def header(title: str) -> None:
    """The heading line of a table of figures."""
    print(f"{title:70} {'ms':>8} {'target':>8} {'ratio':>6}")


def figure(label: str, ms: float, target: float | None) -> None:
    """One figure with its target and its ratio to the target (none: recorded only)."""
    if target is None:
        print(f"{label:70} {ms:8.2f} {'(answer)':>8}")
    else:
        print(f"{label:70} {ms:8.2f} {'<= ' + format(target, 'g'):>8} {ms / target:6.2f}")


def search_figures(search_ms: dict[str, float], target: float) -> None:
    """Each query's figure, then their median."""
    for query, ms in search_ms.items():
        figure(f"search {query}", ms, target)
    figure("search, median over the queries", statistics.median(search_ms.values()), target)


def corpus_figures(files: list[str]) -> None:
    """Import the corpus, time the history queries on it and print the figures."""
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

    header(f"corpus, {len(files)} meetings (in-process, median of {RUNS}, process start excluded)")
    figure(f"new: create_draft {day.isoformat()} from the latest meeting", draft_ms, 100)
    figure(f"actions --open: action_history(open_only=True), {open_items} open", actions_ms, 100)
    search_figures(search_ms, 50)
    print()
    title = f"for reference: whole process (median of {PROCESS_RUNS}, start included)"
    print(f"{title:70} {'ms':>8}")
    print(f"{'osgtui --version (interpreter + CLI start only)':70} {proc_version:8.1f}")
    print(f"{'osgtui actions --open':70} {proc_actions:8.1f}")
    print(f"{'osgtui search xrootd':70} {proc_search:8.1f}")
    print(f"{'osgtui new DATE --replace':70} {proc_new:8.1f}")
    print()
    print(f"import whole corpus with links, deltas and search index: {rate:.0f} files/s "
          f"(target >= {IMPORT_TARGET}: {rate / IMPORT_TARGET:.2f} x the target), {len(files)} files")


def synthetic_texts(files: list[str], count: int) -> list[tuple[str, str]]:
    """(file name, text) of ``count`` weekly meetings: the corpus files over and over, dates shifted."""
    texts = [Path(f).read_text(encoding="utf-8") for f in files]
    first = date(2017, 1, 2)
    out = []
    for k in range(count):
        day = first + timedelta(weeks=k)
        title = f"# OSG Technology Area Meeting, {day.day} {day:%B %Y}"
        out.append((f"TechArea{day:%Y%m%d}.md", _TITLE_RE.sub(title, texts[k % len(texts)], count=1)))
    return out


def build_synthetic(db: Path, files: list[str], count: int) -> float:
    """Import ``count`` synthetic meetings into ``db`` in chunks, oldest first; the import rate (files/s)."""
    store = Store.open(db)
    start = time.perf_counter()
    texts = synthetic_texts(files, count)
    for i in range(0, count, SYNTHETIC_CHUNK):
        meetings = [parse_minutes(text, name, []) for name, text in texts[i:i + SYNTHETIC_CHUNK]]
        result = import_meetings(store, meetings)
        assert not result.failures, result.failures[:3]
        print(f"  built {min(i + SYNTHETIC_CHUNK, count)}/{count} meetings", file=sys.stderr, flush=True)
    rate = count / (time.perf_counter() - start)
    store.close()
    return rate


def busiest_owner(store: Store) -> tuple[str, int]:
    """The owner with the most open items (their name, how many), for the per-person figure."""
    counts: dict[str, int] = {}
    for record in action_history(store, None, open_only=True):
        for owner in record.owners:
            counts[owner] = counts.get(owner, 0) + 1
    return max(counts.items(), key=lambda kv: (kv[1], kv[0])) if counts else ("BrianL", 0)


def synthetic_figures(files: list[str], count: int, keep: Path | None) -> None:
    """Build (or reuse) the synthetic archive, time the history queries there, print them with targets."""
    with tempfile.TemporaryDirectory() as tmp:
        db = keep if keep is not None else Path(tmp) / "synthetic.db"
        rate = None
        if not db.exists():
            rate = build_synthetic(db, files, count)
        store = Store.open(db)
        stored = store.conn.execute("SELECT count(*) FROM meetings").fetchone()[0]
        rows = store.conn.execute("SELECT count(*) FROM action_items").fetchone()[0]
        open_items = len(action_history(store, None, open_only=True))
        owner, owned = busiest_owner(store)
        actions_ms = median_ms(lambda: action_history(store, None, open_only=True))
        person_ms = median_ms(lambda: action_history(store, None, owner=owner, open_only=True))
        owned_all = len(action_history(store, None, owner=owner))
        person_all_ms = median_ms(lambda: action_history(store, None, owner=owner))
        search_ms = {q: median_ms(lambda q=q: search(store, q)) for q in QUERIES}
        store.close()

    target = SYNTHETIC_TARGET_MS
    print()
    header(f"synthetic archive, {stored} meetings, {rows} action-item rows (in-process, median of {RUNS})")
    figure(f"actions --open: action_history(open_only=True), {open_items} open", actions_ms, target)
    figure(f"per person: actions --owner {owner} --open, {owned} open", person_ms, target)
    figure(f"per person, every status: actions --owner {owner}, {owned_all} items", person_all_ms, None)
    search_figures(search_ms, target)
    if rate is not None:
        print(f"building it: {rate:.0f} meetings/s (parse, link, save in chunks of {SYNTHETIC_CHUNK})")


def main() -> int:
    """Print the figures; exit 0 (figures are informational, targets are printed beside them)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", nargs="?", type=int, const=10000, default=None, metavar="N",
                        help="also time the queries on an N-meeting synthetic archive (default N: 10000)")
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help="keep the synthetic archive in PATH (reused when it exists)")
    args = parser.parse_args()
    files = corpus_files()
    if not files:
        return 0
    corpus_figures(files)
    if args.synthetic:
        synthetic_figures(files, args.synthetic, args.db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
