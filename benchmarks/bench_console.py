"""Benchmark of the console: first paint, memory and key-press latency, with the whole corpus stored.

Imports ../shared/corpus/minutes into a temporary database, then measures in the
same run, on the same machine:

- time to first paint (``on_ready``, from the first line of Python) of a minimal
  Textual app (Header, Static, Footer) and of ``python -m osgtui`` (the next
  meeting's draft), alternating processes, median of RUNS each; and for osgtui
  the time until the meeting is shown;
- resident memory (VmRSS) of each at first paint, and of osgtui once the meeting
  is shown and once the side panes are up;
- key press to repainted screen, in process (Pilot, 120x40): ``o`` (a new bullet,
  saved, with the line editor open) and Enter in the action item dialog (the item
  saved and shown), median over PRESSES presses; the time runs from the key press
  to the first screen update that follows the change.

With ``--load``, two CPU-bound processes and a loop of synced disk writes run
beside every measurement (benchlib.MachineLoad), as on a laptop in a video call.

Run: .venv/bin/python benchmarks/bench_console.py [--load]   (needs ../shared/corpus)
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from benchlib import MachineLoad, corpus_files, instrument  # noqa: E402

RUNS = 7
PRESSES = 40
SIZE = (120, 40)
LATENCY_MEETING = date(2024, 11, 26)

MINIMAL_APP = '''\
from time import perf_counter
START = perf_counter()
from textual.app import App
from textual.widgets import Footer, Header, Static


def rss() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))


class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_ready(self) -> None:
        self.exit(f"first-paint-ms={(perf_counter() - START) * 1000:.1f} rss-kib={rss()}")


print(Minimal().run(headless=True))
'''


def figures(line: str) -> dict[str, float]:
    """``a=1 b=2`` → {"a": 1.0, "b": 2.0}."""
    out = {}
    for part in line.split():
        key, _, value = part.partition("=")
        out[key] = float(value)
    return out


def run_process(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run one process and read the figures it prints on its last line."""
    done = subprocess.run(args, check=True, capture_output=True, text=True, env=env, cwd=REPO)
    return figures(done.stdout.strip().splitlines()[-1])


def startup(db: Path, workdir: Path) -> dict[str, list[float]]:
    """First paint and memory of the minimal app and of osgtui, alternating processes."""
    minimal = workdir / "minimal_app.py"
    minimal.write_text(MINIMAL_APP)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OSGTUI_", "TEXTUAL"))}
    env.update(HOME=str(workdir), XDG_CONFIG_HOME=str(workdir / "config"), XDG_DATA_HOME=str(workdir / "data"))
    console = [sys.executable, "-m", "osgtui", "--db", str(db)]
    run_process(console, {**env, "OSGTUI_EXIT_ON_READY": "loaded"})  # creates the draft; warms the caches
    run_process([sys.executable, str(minimal)], env)
    results: dict[str, list[float]] = {
        k: [] for k in ("min_paint", "min_rss", "paint", "rss", "loaded", "loaded_rss", "settled_rss")
    }
    for _ in range(RUNS):
        m = run_process([sys.executable, str(minimal)], env)
        results["min_paint"].append(m["first-paint-ms"])
        results["min_rss"].append(m["rss-kib"])
        o = run_process(console, {**env, "OSGTUI_EXIT_ON_READY": "1"})
        results["paint"].append(o["first-paint-ms"])
        results["rss"].append(o["rss-kib"])
        o = run_process(console, {**env, "OSGTUI_EXIT_ON_READY": "loaded"})
        results["loaded"].append(o["loaded-ms"])
        results["loaded_rss"].append(o["rss-kib"])
        o = run_process(console, {**env, "OSGTUI_EXIT_ON_READY": "settled"})
        results["settled_rss"].append(o["rss-kib"])
    return results


async def latency(db: Path) -> dict[str, list[float]]:
    """Key press to the first screen update after the change was saved, for ``o`` and for an action item."""
    from osgtui.app import ConsoleApp
    from osgtui.config import Config
    from osgtui.store import Store

    store = Store.open(db, Config())
    app = ConsoleApp(store=store, config=Config(), day=LATENCY_MEETING, autosave_seconds=3600.0)
    updates, saved = instrument(app, store)
    out: dict[str, list[float]] = {"bullet": [], "action": []}
    async with app.run_test(size=SIZE) as pilot:
        while app.session is None or not app.meeting_screen.query("#side-panel"):
            await pilot.pause()
        await pilot.pause(0.5)
        screen = app.meeting_screen
        screen.document.focus()
        anchor = next(b.uid for b in app.session.blocks if getattr(b, "text", "").startswith("AI"))
        for kind, key, prepare, reset in (
            ("bullet", "o", (), ("escape",)),
            ("action", "enter", ("i", *"Mat, BrianL: benchmark the console"), ("u",)),
        ):
            for _ in range(PRESSES):
                screen.document.move_to(anchor)
                await pilot.press(*prepare)
                await pilot.pause()
                start = time.perf_counter()
                await pilot.press(key)
                deadline = start + 5
                while time.perf_counter() < deadline:
                    shown = [u for u in updates if saved and saved[-1] > start and u > saved[-1]]
                    if shown:
                        out[kind].append((shown[0] - start) * 1000)
                        break
                    await asyncio.sleep(0.0005)
                else:
                    raise RuntimeError(f"{kind}: no screen update after the change")
                await pilot.press(*reset)
                await pilot.pause()
    store.close()
    return out


def main() -> int:
    """Print the figures beside their targets (informational: exit 0)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load", action="store_true", help="two CPU burners and synced writes beside it")
    args = parser.parse_args()
    files = corpus_files()
    if not files:
        return 0
    from osgtui.importer import import_meetings, read_files
    from osgtui.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        db = workdir / "bench.db"
        store = Store.open(db)
        meetings, failures = read_files(files)
        result = import_meetings(store, meetings)
        store.close()
        print(f"corpus: {len(result.imported)} meetings imported ({len(failures) + len(result.failures)} refused)")
        print("under load (2 CPU burners + synced writes)" if args.load else "idle")
        with MachineLoad(workdir, seconds=900.0) if args.load else contextlib.nullcontext():
            start = startup(db, workdir)
            keys = asyncio.run(latency(db))
    med = {k: statistics.median(v) for k, v in start.items()}
    paint_ratio = med["paint"] / med["min_paint"]
    rss_ratio = med["rss"] / med["min_rss"]
    loaded_rss_ratio = med["loaded_rss"] / med["min_rss"]
    settled_rss_ratio = med["settled_rss"] / med["min_rss"]
    rows = [
        ("first paint, minimal app (Header, Static, Footer)", f"{med['min_paint']:.0f} ms", ""),
        ("first paint, osgtui", f"{med['paint']:.0f} ms", ""),
        ("first paint ratio osgtui / minimal", f"{paint_ratio:.2f}", "≤ 1.3"),
        ("meeting shown, osgtui", f"{med['loaded']:.0f} ms", "recorded"),
        ("RSS at first paint, minimal", f"{med['min_rss'] / 1024:.1f} MiB", ""),
        ("RSS at first paint, osgtui", f"{med['rss'] / 1024:.1f} MiB", ""),
        ("RSS ratio at first paint", f"{rss_ratio:.2f}", "≤ 1.5"),
        ("RSS ratio with the meeting shown", f"{loaded_rss_ratio:.2f}", "≤ 1.5"),
        ("RSS ratio with the side panes up too", f"{settled_rss_ratio:.2f}", "recorded"),
        (f"o → new bullet saved and shown, median of {PRESSES}", f"{statistics.median(keys['bullet']):.1f} ms",
         "≤ 30 ms"),
        (f"Enter → action item saved and shown, median of {PRESSES}", f"{statistics.median(keys['action']):.1f} ms",
         "≤ 30 ms"),
        ("  (95th percentile: bullet / action item)",
         f"{_p95(keys['bullet']):.1f} / {_p95(keys['action']):.1f} ms", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'figure':>14}  target")
    for name, figure, target in rows:
        print(f"{name:<{width}}  {figure:>14}  {target}")
    return 0


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


if __name__ == "__main__":
    sys.exit(main())
