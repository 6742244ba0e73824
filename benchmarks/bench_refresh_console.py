"""Benchmark of live numbers in the console: a refresh against slow services, and key presses during it.

A loopback server (tests/services/fakeserver.py) answers every request after
DELAY seconds, emulating Jira Cloud (with two releases), Freshdesk and GGUS. In
process (Pilot, 120x40) the console opens a meeting, ``r`` starts the refresh in
a worker thread, and while it runs ``j``/``k`` are pressed; for each press the
time to the next screen update is taken. Also timed: ``r`` to the refreshed
counts saved, as a ratio to one request's latency (target ≤ 2: the services are
fetched in parallel, not one after another).

Run: .venv/bin/python benchmarks/bench_refresh_console.py   (needs no corpus)
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from benchlib import instrument  # noqa: E402

from tests.services.fakeserver import FakeServer, Freshdesk, Ggus, JiraCloud, make_issues, make_tickets  # noqa: E402

DELAY = 0.2
RUNS = 5
USER, TOKEN, FD_KEY, GGUS_TOKEN = "bench@example.org", "tok-bench-1", "fd-bench-1", "ggus-bench-1"
MINUTES = """\
# OSG Technology Area Meeting, 10 June 2025

## Announcements

### Triage Duty

-   This week: Ann
-   Next week: Bob
-   ? (?) open FreshDesk tickets
-   ? (?) open GGUS ticket

### JIRA

| # of tickets | &Delta; | State       |
|--------------|---------|-------------|
| ?            | ?       | Open        |
| ?            | ?       | In Progress |

## OSG Software Team

""" + "".join(f"-   Topic bullet number {i}\n" for i in range(40))


async def one_run(server: FakeServer, config, db: Path) -> tuple[float, list[float]]:  # noqa: ANN001
    """(seconds from ``r`` to the counts saved, [ms per key press during the refresh])."""
    from osgtui.app import ConsoleApp
    from osgtui.store.database import Store

    store = Store.open(db, config)
    app = ConsoleApp(store=store, config=config, day=date(2025, 6, 10), autosave_seconds=3600.0)
    updates, saved = instrument(app, store)
    presses: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while app.session is None or not app.meeting_screen.query("#side-panel"):
            await pilot.pause()
        await pilot.pause(0.3)
        app.meeting_screen.document.focus()
        start = time.perf_counter()
        await pilot.press("r")
        key = "j"
        while not saved or saved[-1] < start:
            before = time.perf_counter()
            await pilot.press(key)
            while time.perf_counter() - before < 2:
                if any(u > before for u in updates):
                    presses.append((min(u for u in updates if u > before) - before) * 1000)
                    break
                await asyncio.sleep(0.0005)
            key = "k" if key == "j" else "j"
            if time.perf_counter() - start > 10:
                raise RuntimeError("refresh did not finish")
        done = saved[-1] - start
    store.close()
    return done, presses


def main() -> int:
    """Print the figures beside their targets (informational: exit 0)."""
    from osgtui.config import Config, FreshdeskConfig, GgusConfig, JiraConfig
    from osgtui.history.importer import import_meetings
    from osgtui.minutes.parser import parse_minutes

    os.environ.update(OSGTUI_JIRA_USER=USER, OSGTUI_JIRA_TOKEN=TOKEN, OSGTUI_FRESHDESK_KEY=FD_KEY,
                      OSGTUI_GGUS_TOKEN=GGUS_TOKEN)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        os.environ.pop(name, None)
    issues = make_issues("SOFTWARE", {"Open": 30, "In Progress": 5}) + make_issues(
        "SOFTWARE", {"Open": 2, "Ready for Testing": 3}, version="3.6.1", start=100
    ) + make_issues("SOFTWARE", {"Ready for Release": 2}, version="24-main", start=200)
    totals: list[float] = []
    presses: list[float] = []
    with FakeServer(delay=DELAY) as server, tempfile.TemporaryDirectory() as tmp:
        config = Config(
            jira=JiraConfig(url=server.mount("/jira", JiraCloud(issues, user=USER, token=TOKEN)), flavor="cloud",
                            states=("Open", "In Progress"), releases=("3.6.1", "24-main"), timeout=5.0),
            freshdesk=FreshdeskConfig(url=server.mount("/fd", Freshdesk([{"status": 2}] * 7, key=FD_KEY)),
                                      query="status:2", timeout=5.0),
            ggus=GgusConfig(url=server.mount("/ggus", Ggus(make_tickets(3), token=GGUS_TOKEN, query="q")),
                            query="q", timeout=5.0),
        )
        for run in range(RUNS):
            db = Path(tmp) / f"r{run}.db"
            from osgtui.store.database import Store

            store = Store.open(db, config)
            import_meetings(store, [parse_minutes(MINUTES, "TechArea20250610.md")], config=config)
            store.close()
            done, keys = asyncio.run(one_run(server, config, db))
            totals.append(done)
            presses += keys
    total = statistics.median(totals)
    rows = [
        ("server latency per request", f"{DELAY * 1000:.0f} ms", ""),
        (f"r → all counts saved, median of {RUNS}", f"{total * 1000:.0f} ms", ""),
        ("ratio to one request's latency", f"{total / DELAY:.2f}", "≤ 2.0"),
        (f"key press during the refresh → repaint, median of {len(presses)}",
         f"{statistics.median(presses):.1f} ms", "≤ 100 ms"),
        ("  slowest key press during the refresh", f"{max(presses):.1f} ms", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'figure':>10}  target")
    for name, figure, target in rows:
        print(f"{name:<{width}}  {figure:>10}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
