"""Each request has one deadline (the configured timeout) for lookup, connect, headers and body.

The loopback server trickles one byte every 0.2 s, in the headers or in the
body, far longer than the timeout: a per-read timeout would never fire. Every
call runs in a thread joined with a generous guard, so a missing deadline fails
the test instead of hanging it; nothing is timed.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from typing import Any

import pytest

from osgtui.config import Config, FreshdeskConfig, GgusConfig, JiraConfig, Secrets
from osgtui.errors import ServiceError
from osgtui.services import freshdesk, ggus
from osgtui.services.deadline import Late, run_within
from osgtui.services.fetch import fetch_all
from osgtui.services.http import HttpClient, bearer_auth
from osgtui.services.jira import JiraClient

from .conftest import FD_KEY, GGUS_TOKEN, TOKEN, USER
from .fakeserver import FakeServer, Reply

GUARD = 60.0
"""Seconds a call may take before the test calls it hung (the deadline is 0.5 s)."""
TIMEOUT = 0.5
PAD = "x" * 2000
"""Makes a trickled answer last 400 s: only a deadline ends it."""


def trickling(*, headers: bool) -> Reply:
    return Reply(200, {"total": 1, "pad": PAD}, headers={"X-Pad": PAD}, trickle=0.2,
                 trickle_headers=headers)


def returns(call: Callable[[], Any]) -> Any:
    """``call()`` in a thread; its result or exception, failing if it has not returned within GUARD."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(GUARD)
    assert outcome, f"still running after {GUARD} s: no deadline"
    return outcome[0]


def until(condition: Callable[[], bool], what: str) -> None:
    """Poll ``condition`` (short waits, no fixed sleep) until it holds or GUARD passes."""
    stop = threading.Event()
    for _ in range(int(GUARD / 0.02)):
        if condition():
            return
        stop.wait(0.02)
    raise AssertionError(f"never happened: {what}")


def http_client() -> HttpClient:
    return HttpClient("Jira", section="jira", credentials="OSGTUI_JIRA_TOKEN", timeout=TIMEOUT,
                      auth=bearer_auth(TOKEN), secrets=(TOKEN,))


@pytest.mark.parametrize("headers", [True, False], ids=["headers", "body"])
def test_trickling_answer_ends_at_the_deadline(server: FakeServer, headers: bool) -> None:
    url = server.script("/slow", trickling(headers=headers))
    with http_client() as http:
        err = returns(lambda: http.get_json(url))
    assert isinstance(err, ServiceError)
    host = url.split("//")[1].split("/")[0]
    assert str(err) == (f"Jira: {host} did not answer within 0.5 s; try again, or raise jira.timeout")


def test_abandoned_request_is_cut_off_not_left_reading(server: FakeServer) -> None:
    url = server.script("/slow", trickling(headers=True))
    with http_client() as http:
        assert isinstance(returns(lambda: http.get_json(url)), ServiceError)
    until(lambda: not any(t.name == "osgtui-jira" for t in threading.enumerate()),
          "the request thread ended (its socket was shut down)")
    until(lambda: server.max_in_flight == 1 and server.in_flight == 0,
          "the server saw the connection go")


def test_name_lookup_that_hangs_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real = socket.getaddrinfo

    def hangs(*args: object, **kwargs: object) -> object:
        release.wait(GUARD)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", hangs)
    try:
        with http_client() as http:
            err = returns(lambda: http.get_json("http://jira.example.invalid/rest"))
    finally:
        release.set()
    assert str(err) == ("Jira: timed out connecting to jira.example.invalid after 0.5 s; "
                        "check your network or VPN, or raise jira.timeout")


def test_run_within_returns_results_and_raises_errors() -> None:
    assert run_within(GUARD, lambda: 42) == 42
    with pytest.raises(ZeroDivisionError):
        run_within(GUARD, lambda: 1 / 0)
    gate = threading.Event()
    late = run_within(0.05, lambda: gate.wait(GUARD))
    gate.set()
    assert isinstance(late, Late) and not late.connected


def service_calls(base: str) -> dict[str, Callable[[], object]]:
    jira = JiraConfig(url=base, flavor="cloud", states=("Open",), timeout=TIMEOUT)

    def count_jira() -> object:
        with JiraClient(jira, USER, TOKEN) as client:
            return client.count_states()

    return {
        "Jira": count_jira,
        "Freshdesk": lambda: freshdesk.count_open(FreshdeskConfig(url=base, timeout=TIMEOUT), FD_KEY),
        "GGUS": lambda: ggus.count_open(GgusConfig(url=base, query="q", timeout=TIMEOUT), GGUS_TOKEN),
    }


@pytest.mark.parametrize("service", ["Jira", "Freshdesk", "GGUS"])
@pytest.mark.parametrize("headers", [True, False], ids=["headers", "body"])
def test_each_service_names_itself_when_stalled(server: FakeServer, service: str,
                                                headers: bool) -> None:
    server.mount("/api", lambda seen: trickling(headers=headers))
    err = returns(service_calls(server.url + "/api")[service])
    assert isinstance(err, ServiceError)
    assert str(err).startswith(f"{service}: 127.0.0.1:")
    assert str(err).endswith(f"did not answer within 0.5 s; try again, or raise {service.lower()}.timeout")


def test_fetch_all_reports_every_stalled_service(server: FakeServer) -> None:
    base = server.mount("/api", lambda seen: trickling(headers=True))
    config = Config(
        jira=JiraConfig(url=base, flavor="cloud", states=("Open",), releases=("3.6.1",), timeout=TIMEOUT),
        freshdesk=FreshdeskConfig(url=base, timeout=TIMEOUT),
        ggus=GgusConfig(url=base, query="q", timeout=TIMEOUT),
    )
    report = returns(lambda: fetch_all(config, Secrets(USER, TOKEN, FD_KEY, GGUS_TOKEN)))
    assert report.counts == []
    assert [(f.service, f.task) for f in report.errors] == [
        ("jira", "states"), ("jira", "release:3.6.1"), ("freshdesk", "open"), ("ggus", "open")]
    assert all("did not answer within 0.5 s" in f.message for f in report.errors)
