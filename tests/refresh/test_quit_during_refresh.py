"""Quitting the console while a refresh waits on a silent server ends the process at once.

Textual runs thread workers in asyncio's default executor, which ``asyncio.run``
joins at exit, and Python joins non-daemon threads: a worker blocked in a
request would keep the process alive until the request's timeout (here 300 s).
The console runs in a child process (Pilot, headless), presses ``r`` against a
loopback server that never answers, waits until the request is out, then
``ctrl+q``; the child must exit, within a generous guard, with status 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import osgtui.refresh
from osgtui.config import Config, Secrets
from osgtui.errors import ServiceError
from osgtui.refresh import fetch_unless_cancelled
from tests.services.fakeserver import FakeServer, Reply

ROOT = Path(__file__).resolve().parents[2]
GUARD = 60.0
"""Seconds the child may take in all (its request would wait 300 s)."""

CHILD = """
import asyncio, sys, threading, time
from dataclasses import replace
from datetime import date
from pathlib import Path

from osgtui.app import ConsoleApp
from osgtui.config import JiraConfig
from osgtui.store.database import Store
from tests.ui.sample import sample_config, sample_store

url, db = sys.argv[1], Path(sys.argv[2])
config = replace(sample_config(), jira=JiraConfig(url=url, flavor="server", states=("Open",), timeout=300))
sample_store(db, config).close()
DAY = date(2019, 6, 10)


async def until(pilot, condition, what):
    end = time.monotonic() + 50
    while not condition():
        assert time.monotonic() < end, what
        await pilot.pause(0.02)


async def main():
    store = Store.open(db, config)
    app = ConsoleApp(store=store, config=config, day=DAY, today=DAY)
    async with app.run_test() as pilot:
        await until(pilot, lambda: app.session is not None, "meeting shown")
        await pilot.press("r")
        await until(pilot, lambda: any(t.name == "osgtui-jira" for t in threading.enumerate()),
                    "request sent")
        print("request out", flush=True)
        await pilot.press("ctrl+q")
    print("console closed", flush=True)
    store.close()


asyncio.run(main())
print("exiting", flush=True)
"""


def test_ctrl_q_during_a_stalled_refresh_exits_at_once(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env |= {"PYTHONPATH": str(ROOT), "OSGTUI_JIRA_TOKEN": "tok-Quit-Zq81xVb7"}
    with FakeServer() as server:
        url = server.mount("/jira", lambda seen: Reply(200, {"total": 1}, delay=600))
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, url, str(tmp_path / "m.db")],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        try:
            out, err = child.communicate(timeout=GUARD)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
        assert server.seen("/rest/api/2/search"), "the refresh never reached the server"
    assert child.returncode == 0, err
    assert out.splitlines() == ["request out", "console closed", "exiting"]


def test_fetch_unless_cancelled_gives_up_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    gate, cancelled = threading.Event(), threading.Event()
    monkeypatch.setattr(osgtui.refresh, "fetch_counts", lambda *args: gate.wait(GUARD))
    cancelled.set()
    try:
        assert fetch_unless_cancelled(cancelled, Config(), Secrets()) is None
    finally:
        gate.set()


def test_fetch_unless_cancelled_returns_the_report_or_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    never = threading.Event()
    monkeypatch.setattr(osgtui.refresh, "fetch_counts", lambda *args: "report")
    assert fetch_unless_cancelled(never, Config(), Secrets()) == "report"

    def fails(*args: object) -> None:
        raise ServiceError("Jira: broken")

    monkeypatch.setattr(osgtui.refresh, "fetch_counts", fails)
    with pytest.raises(ServiceError, match="Jira: broken"):
        fetch_unless_cancelled(never, Config(), Secrets())
