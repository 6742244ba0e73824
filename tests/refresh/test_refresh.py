"""`osgtui refresh`: live counts into a meeting against a real loopback server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from osgtui.cli import main
from tests.refresh.helpers import DRAFT, with_meetings
from tests.services.fakeserver import FakeServer, Freshdesk, JiraCloud, Reply, make_issues

TOKEN = "tok-Refresh-Zq81xVb7Lm3K"
USER = "fred@example.org"
FD_KEY = "fdkey-Refresh-Hh27Qs5P"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSGTUI_JIRA_USER", USER)
    monkeypatch.setenv("OSGTUI_JIRA_TOKEN", TOKEN)
    monkeypatch.setenv("OSGTUI_FRESHDESK_KEY", FD_KEY)


def setup(tmp_path: Path, server: FakeServer, *, freshdesk: object | None = None) -> list[str]:
    issues = make_issues("SOFTWARE", {"Open": 6, "In Progress": 2, "Ready for Testing": 1}) + make_issues(
        "SOFTWARE", {"Open": 1, "Ready for Testing": 2}, version="3.6.1", start=50
    )
    jira = server.mount("/jira", JiraCloud(issues, user=USER, token=TOKEN))
    fd = server.mount("/fd", freshdesk or Freshdesk([{"status": 2}] * 5, key=FD_KEY))
    return with_meetings(
        tmp_path,
        f'[jira]\nurl = "{jira}"\nflavor = "cloud"\nstates = ["Open", "In Progress"]\n'
        f'releases = ["3.6.1"]\ntimeout = 2\n'
        f'[freshdesk]\nurl = "{fd}"\nquery = "status:2"\ntimeout = 2\n',
    )


def show(base: list[str], capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    main([*base, "show", "2019-06-10", "--json"])
    return json.loads(capsys.readouterr().out)


def test_refresh_fills_counts_with_computed_deltas(tmp_path: Path, server: FakeServer,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    base = setup(tmp_path, server)
    assert main([*base, "refresh", "2019-06-10"]) == 0
    out = capsys.readouterr().out
    assert "jira Open: 7 (+3)" in out and "triage open FreshDesk tickets: 5 (+2)" in out
    doc = show(base, capsys)
    jira = {j["state"]: j for j in doc["jira"]}
    assert (jira["Open"]["count"], jira["Open"]["delta"], jira["Open"]["delta_computed"]) == (7, 3, True)
    assert jira["Open"]["source"] == "fetched" and jira["Open"]["as_of"]
    assert jira["In Progress"]["count"] == 2 and jira["In Progress"]["delta"] == 1
    release = next(r for r in doc["releases"] if r["version"] == "3.6.1")
    rows = {r["status"]: (r["count"], r["delta"], r["new"]) for r in release["rows"]}
    assert rows["Open"] == (1, 1, True) and rows["In Progress"] == (0, 0, True)
    assert rows["Total"] == (1, 1, True)  # the sum of the rows shown, as the archive's Total rows are
    capsys.readouterr()
    main([*base, "export", "2019-06-10"])
    md = capsys.readouterr().out
    assert "-   5 (+2) open FreshDesk tickets\n" in md
    assert "| 7            | +3      | Open        |" in md
    db_bytes = Path(base[3]).read_bytes() + Path(base[3] + "-wal").read_bytes() if Path(base[3] + "-wal").exists() else Path(base[3]).read_bytes()
    assert TOKEN.encode() not in db_bytes and FD_KEY.encode() not in db_bytes


def test_failing_service_leaves_values_and_says_which(tmp_path: Path, server: FakeServer,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    broken = lambda seen: Reply(500, "<html>Internal error</html>", content_type="text/html")  # noqa: E731
    base = setup(tmp_path, server, freshdesk=broken)
    assert main([*base, "refresh", "2019-06-10"]) == 1
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("osgtui: error:")]
    assert len(errors) == 1 and "Freshdesk" in errors[0] and "500" in errors[0]
    assert TOKEN not in captured.err + captured.out and FD_KEY not in captured.err + captured.out
    doc = show(base, capsys)
    assert doc["triage"]["counts"][0]["count"] is None  # untouched
    assert {j["state"]: j["count"] for j in doc["jira"]}["Open"] == 7  # the others still landed


def test_manual_values_are_kept_unless_asked(tmp_path: Path, server: FakeServer,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    base = setup(tmp_path, server)
    from datetime import date

    from osgtui.history import set_count_value
    from osgtui.minutes.counts import find_counts
    from osgtui.store.database import Store

    store = Store.open(base[3])
    meeting = store.load_meeting(date(2019, 6, 10))
    ref = next(r for r in find_counts(meeting) if r.group == "jira" and r.label == "Open")
    set_count_value(store, meeting, ref, 99)
    store.save_meeting(meeting)
    store.close()
    assert main([*base, "refresh", "2019-06-10"]) == 0
    assert "kept the value typed by hand" in capsys.readouterr().out
    assert {j["state"]: j["count"] for j in show(base, capsys)["jira"]}["Open"] == 99
    assert main([*base, "refresh", "2019-06-10", "--overwrite-manual"]) == 0
    assert {j["state"]: j["count"] for j in show(base, capsys)["jira"]}["Open"] == 7


def test_refresh_without_draft_or_services(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "m.db")
    assert main(["--db", db, "refresh"]) == 1
    assert "run `osgtui new`" in capsys.readouterr().err


def test_labels_match_as_across_meetings(tmp_path: Path, server: FakeServer,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A singular, differently cased counter line is the same count: updated, not added again."""
    from osgtui.minutes.parser import parse_minutes
    from osgtui.store.database import Store

    base = setup(tmp_path, server)
    store = Store.open(base[3])
    text = DRAFT.replace("? (?) open FreshDesk tickets", "? (?) Open FreshDesk ticket")
    store.save_meeting(parse_minutes(text, "TechArea20190610.md"), replace=True)
    store.close()
    assert main([*base, "refresh", "2019-06-10"]) == 0
    capsys.readouterr()
    main([*base, "export", "2019-06-10"])
    md = capsys.readouterr().out
    assert "-   5 (+2) Open FreshDesk ticket\n" in md and md.count("FreshDesk") == 1


def test_more_freshdesk_counters_get_their_own_lines(tmp_path: Path, server: FakeServer,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    tickets = [{"status": 2}] * 5 + [{"status": 3, "tag": "lcmaps"}] * 2
    fd = server.mount("/fd", Freshdesk(tickets, key=FD_KEY))
    base = with_meetings(
        tmp_path,
        f'[freshdesk]\nurl = "{fd}"\nquery = "status:2"\ntimeout = 2\n'
        '[freshdesk.counters]\n"open LCMAPS VOMS tickets" = "tag:lcmaps"\n',
    )
    assert main([*base, "refresh", "2019-06-10", "--only", "freshdesk"]) == 0
    capsys.readouterr()
    main([*base, "export", "2019-06-10"])
    md = capsys.readouterr().out
    assert "-   5 (+2) open FreshDesk tickets\n-   2 (+2) open LCMAPS VOMS tickets\n" in md
