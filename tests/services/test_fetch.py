"""fetch_all: every service in parallel, stable report, failures isolated, redaction."""

from __future__ import annotations

from datetime import timedelta

import pytest

from osgtui.config import Config, FreshdeskConfig, GgusConfig, JiraConfig, Secrets
from osgtui.errors import ServiceError
from osgtui.services import freshdesk
from osgtui.services.fetch import FetchedCount, ServiceFailure, fetch_all

from .conftest import FD_KEY, GGUS_TOKEN, TOKEN, USER
from .fakeserver import FakeServer, Freshdesk, Ggus, JiraCloud, Reply, make_issues, make_tickets

STATES = ("Open", "Selected for Development", "In Progress", "Ready for Testing")
ISSUES = (
    make_issues("SOFTWARE", {"Open": 4, "Selected for Development": 2, "Closed": 3})
    + make_issues("SOFTWARE", {"Ready for Testing": 2, "Open": 1}, version="3.6.1", start=50)
    + make_issues("SOFTWARE", {"Ready for Release": 3}, version="24-main", start=80)
)
GGUS_QUERY = "state.name:open"
SECRETS = Secrets(jira_user=USER, jira_token=TOKEN, freshdesk_key=FD_KEY, ggus_token=GGUS_TOKEN)


def setup(server: FakeServer, *, ggus_url: str | None = None) -> Config:
    jira = server.mount("/jira", JiraCloud(ISSUES, user=USER, token=TOKEN, page_max=3))
    fd = server.mount("/fd", Freshdesk([{"status": 2}] * 4 + [{"status": 5}], key=FD_KEY))
    ggus = server.mount(
        "/ggus", Ggus(make_tickets(2), token=GGUS_TOKEN, query=GGUS_QUERY, shape="expanded")
    )
    return Config(
        jira=JiraConfig(
            url=jira,
            flavor="cloud",
            states=STATES,
            state_labels={"Selected for Development": "Selected for Dev"},
            releases=("3.6.1", "24-main"),
            timeout=2.0,
        ),
        freshdesk=FreshdeskConfig(url=fd, query="status:2", timeout=2.0),
        ggus=GgusConfig(url=ggus if ggus_url is None else ggus_url, query=GGUS_QUERY, timeout=2.0),
    )


def rows(counts: list[FetchedCount]) -> list[tuple[str, str, str, int]]:
    return [(c.service, c.group, c.label, c.count) for c in counts]


def test_fetch_all_gets_every_table(server: FakeServer) -> None:
    report = fetch_all(setup(server), SECRETS)
    assert report.ok and report.errors == [] and report.skipped == []
    assert rows(report.counts) == [
        ("jira", "jira", "Open", 5),
        ("jira", "jira", "Selected for Dev", 2),
        ("jira", "jira", "In Progress", 0),
        ("jira", "jira", "Ready for Testing", 2),
        ("jira", "release:3.6.1", "Open", 1),
        ("jira", "release:3.6.1", "Selected for Development", 0),
        ("jira", "release:3.6.1", "In Progress", 0),
        ("jira", "release:3.6.1", "Ready for Testing", 2),
        ("jira", "release:3.6.1", "Total", 3),
        ("jira", "release:24-main", "Open", 0),
        ("jira", "release:24-main", "Selected for Development", 0),
        ("jira", "release:24-main", "In Progress", 0),
        ("jira", "release:24-main", "Ready for Testing", 0),
        ("jira", "release:24-main", "Total", 3),
        ("freshdesk", "triage", "open FreshDesk tickets", 4),
        ("ggus", "triage", "open GGUS ticket", 2),
    ]
    assert list(report.releases) == ["3.6.1", "24-main"]
    assert [i.key for i in report.releases["24-main"].ready_for_release] == [
        "SOFTWARE-80",
        "SOFTWARE-81",
        "SOFTWARE-82",
    ]
    assert report.group("triage")[0].query == '"status:2"'
    assert report.group("release:3.6.1")[0].query == 'project = SOFTWARE AND fixVersion = "3.6.1"'
    assert report.group("jira")[0].query.startswith('project = "SOFTWARE" AND status in (')
    for count in report.counts:
        assert count.as_of.utcoffset() == timedelta(0)


def test_tasks_run_in_parallel(server: FakeServer) -> None:
    config = setup(server)
    server.delay = 0.2
    report = fetch_all(config, SECRETS)
    assert report.ok
    # 5 tasks (states, 2 releases, freshdesk, ggus) each wait 0.2 s on every request:
    # run one after another, the server would never see two requests at once.
    assert server.max_in_flight >= 2


def test_a_failing_service_does_not_stop_the_others(server: FakeServer) -> None:
    config = setup(server)
    server.script("/fd/api/v2/search/tickets", Reply(500, {"message": "boom"}))
    report = fetch_all(config, SECRETS)
    assert not report.ok
    assert report.errors == [
        ServiceFailure(
            "freshdesk",
            "open",
            "Freshdesk: HTTP 500 Internal Server Error from "
            f"{server.url.removeprefix('http://')}: boom; the server has a problem, "
            "try again later or enter the number by hand",
        )
    ]
    assert {c.service for c in report.counts} == {"jira", "ggus"}
    assert len(report.releases) == 2


def test_missing_secrets_are_failures_not_requests(server: FakeServer) -> None:
    report = fetch_all(setup(server), Secrets())
    assert [(e.service, e.task) for e in report.errors] == [
        ("jira", "states"),
        ("jira", "release:3.6.1"),
        ("jira", "release:24-main"),
        ("freshdesk", "open"),
        ("ggus", "open"),
    ]
    assert "anonymous query returned no issues" in report.errors[0].message
    assert "OSGTUI_FRESHDESK_KEY" in report.errors[3].message
    assert "OSGTUI_GGUS_TOKEN" in report.errors[4].message
    assert report.counts == []
    assert server.seen("/fd") == [] and server.seen("/ggus") == []


def test_manual_only_services_are_skipped(server: FakeServer) -> None:
    report = fetch_all(setup(server, ggus_url=""), SECRETS)
    assert report.skipped == ["ggus"]
    assert report.ok
    assert "ggus" not in {c.service for c in report.counts}
    assert server.seen("/api/v1/tickets/search") == []


def test_nothing_configured(server: FakeServer) -> None:
    report = fetch_all(Config(), SECRETS)
    assert report.skipped == ["jira", "freshdesk", "ggus"]
    assert report.counts == [] and report.errors == []


def test_only_some_services(server: FakeServer) -> None:
    report = fetch_all(setup(server), SECRETS, only={"freshdesk"})
    assert rows(report.counts) == [("freshdesk", "triage", "open FreshDesk tickets", 4)]
    assert server.seen("/search/jql") == [] and server.seen("/tickets/search") == []
    with pytest.raises(
        ServiceError, match="unknown service 'jura'; choose from jira, freshdesk, ggus"
    ):
        fetch_all(setup(server), SECRETS, only={"jura"})


def test_unexpected_exception_is_a_redacted_failure(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(config: FreshdeskConfig, key: str | None) -> int:
        raise RuntimeError(f"bug with {key}")

    monkeypatch.setattr(freshdesk, "count_open", broken)
    report = fetch_all(setup(server), SECRETS)
    (failure,) = report.errors
    assert failure.service == "freshdesk"
    assert failure.message.startswith("Freshdesk: unexpected RuntimeError while fetching open")
    assert FD_KEY not in repr(report)
    assert len(report.counts) == 15


def test_secrets_never_in_the_report(server: FakeServer) -> None:
    config = setup(server)
    for path in (
        "/jira/rest/api/3/search/jql",
        "/fd/api/v2/search/tickets",
        "/ggus/api/v1/tickets/search",
    ):
        server.script(path, Reply(401, {"errorMessages": [f"bad {TOKEN} {FD_KEY} {GGUS_TOKEN}"]}))
    report = fetch_all(config, SECRETS)
    assert len(report.errors) == 5
    text = repr(report)
    for secret in (TOKEN, FD_KEY, GGUS_TOKEN):
        assert secret not in text
