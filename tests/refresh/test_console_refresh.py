"""The console's refresh (`r`) against a real loopback server: counts applied, errors without secrets."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from osgtui.app import ConsoleApp
from osgtui.config import JiraConfig
from osgtui.minutes.counts import find_counts
from osgtui.store.database import Store
from tests.polling import until
from tests.refresh.helpers import set_env
from tests.services.fakeserver import ENCODINGS, Echo, FakeServer, JiraServer, basic, every_form, make_issues
from tests.ui.sample import sample_config, sample_store

DAY = date(2019, 6, 10)
USER, TOKEN = "carol@example.org", "tok-Console-Pq4Wn7Ys2"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    set_env(monkeypatch, {"OSGTUI_JIRA_USER": USER, "OSGTUI_JIRA_TOKEN": TOKEN})


@asynccontextmanager
async def console(tmp_path: Path, jira: JiraConfig) -> AsyncIterator[tuple[ConsoleApp, Pilot]]:
    """The console on the sample draft, Jira configured as given; `r` pressed once it is shown."""
    config = replace(sample_config(), jira=jira)
    db = tmp_path / "osgtui.db"
    sample_store(db, config).close()
    store = Store.open(db, config)
    app = ConsoleApp(store=store, config=config, day=DAY, today=DAY)
    try:
        async with app.run_test() as pilot:
            await until(pilot, lambda: app.session is not None, "the meeting on screen")
            await pilot.press("r")
            yield app, pilot
    finally:
        store.close()


def notified(app: ConsoleApp, title: str) -> Callable[[], list[str]]:
    return lambda: [n.message for n in app._notifications if n.title == title]


async def test_refresh_applies_the_fetched_count(tmp_path: Path, server: FakeServer) -> None:
    issues = make_issues("SOFTWARE", {"Open": 5, "In Progress": 2})
    url = server.mount("/jira", JiraServer(issues, token=TOKEN))
    jira = JiraConfig(url=url, flavor="server", states=("Open", "In Progress"), timeout=10)
    async with console(tmp_path, jira) as (app, pilot):
        await until(pilot, notified(app, "Numbers refreshed"), "the refresh applied")
        counts = {r.label: r.count for r in find_counts(app.session.meeting) if r.group == "jira"}
        assert counts == {"Open": 5, "In Progress": 2}
        assert "2 updated" in notified(app, "Numbers refreshed")()[0]
        await pilot.press("3")
        titles = lambda: [str(t.render()) for t in app.screen.query(".table-title")]  # noqa: E731
        await until(pilot, lambda: any(re.fullmatch(r"JIRA · as of \d\d:\d\d", t) for t in titles()),
                    "the JIRA table's title to say when its numbers were fetched")


@pytest.mark.parametrize("status", [401, 500])
async def test_refresh_error_notification_holds_no_secret(tmp_path: Path, server: FakeServer,
                                                          status: int) -> None:
    url = server.mount("/jira", Echo(status, style="json-escaped", part="pair", encoding="base64"))
    jira = JiraConfig(url=url, flavor="cloud", states=("Open",), timeout=10)
    async with console(tmp_path, jira) as (app, pilot):
        await until(pilot, notified(app, "Nothing fetched"), "the failure shown")
        shown = " ".join(n.message for n in app._notifications)
    assert f"Jira: HTTP {status}" in shown and "echo ***" in shown
    forbidden = every_form(basic(USER, TOKEN)) | {encode(USER) for encode in ENCODINGS.values()}
    assert sorted(f for f in forbidden if f in shown) == []
