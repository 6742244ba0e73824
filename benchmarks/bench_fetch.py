"""Benchmark of fetch_all: does a refresh take one request's latency, not the sum?

Starts the loopback fake services (tests/services/fakeserver.py) with every answer
delayed by 200 ms, configures Jira (Cloud, states + 2 releases), Freshdesk and
GGUS, and times fetch_all over 5 runs. Prints the median total, the median
latency of one request, their ratio (target <= 2.0) and what a sequential fetch
would cost.

Run: .venv/bin/python benchmarks/bench_fetch.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "services"))  # the fake server, kept out of the package

from fakeserver import (  # noqa: E402
    FakeServer,
    Freshdesk,
    Ggus,
    JiraCloud,
    make_issues,
    make_tickets,
)

from osgtui.config import Config, FreshdeskConfig, GgusConfig, JiraConfig, Secrets  # noqa: E402
from osgtui.services import freshdesk  # noqa: E402
from osgtui.services.fetch import fetch_all  # noqa: E402

DELAY = 0.2
RUNS = 5
TARGET_RATIO = 2.0
USER, TOKEN, KEY, GGUS_TOKEN = "bench@example.org", "bench-token", "bench-key", "bench-ggus"
GGUS_QUERY = "state.name:open"


def build(server: FakeServer) -> Config:
    """Mount the fake services and return a configuration using all of them."""
    states = {
        "Open": 150,
        "Selected for Development": 10,
        "In Progress": 20,
        "Development Complete": 5,
        "Ready for Testing": 12,
        "Ready for Release": 3,
    }
    issues = make_issues("SOFTWARE", states)
    issues += make_issues(
        "SOFTWARE", {"Ready for Testing": 8, "Open": 4}, version="3.6.250101", start=500
    )
    issues += make_issues(
        "SOFTWARE", {"Ready for Release": 5, "In Progress": 2}, version="24-main", start=600
    )
    jira = server.mount("/jira", JiraCloud(issues, user=USER, token=TOKEN, page_max=5000))
    fd = server.mount("/fd", Freshdesk([{"status": 2}] * 7, key=KEY))
    ggus = server.mount("/ggus", Ggus(make_tickets(3), token=GGUS_TOKEN, query=GGUS_QUERY))
    return Config(
        jira=JiraConfig(url=jira, flavor="cloud", releases=("3.6.250101", "24-main")),
        freshdesk=FreshdeskConfig(url=fd, query="status:2"),
        ggus=GgusConfig(url=ggus, query=GGUS_QUERY),
    )


def main() -> int:
    """Print the figures; exit 0 (informational; the target is printed beside them)."""
    secrets = Secrets(jira_user=USER, jira_token=TOKEN, freshdesk_key=KEY, ggus_token=GGUS_TOKEN)
    with FakeServer(delay=DELAY) as server:
        config = build(server)
        single, totals = [], []
        requests_per_run = 0
        for _ in range(RUNS):
            start = time.perf_counter()
            freshdesk.count_open(config.freshdesk, KEY)
            single.append(time.perf_counter() - start)
        for _ in range(RUNS):
            before = len(server.requests)
            start = time.perf_counter()
            report = fetch_all(config, secrets)
            totals.append(time.perf_counter() - start)
            requests_per_run = len(server.requests) - before
            if report.errors:
                print("fetch failed:", *(e.message for e in report.errors), sep="\n  ")
                return 1
        tasks = 3 + len(config.jira.releases)
    one, total = statistics.median(single), statistics.median(totals)
    print(f"{'measure':46} {'value':>10} {'target':>10}")
    print(f"{'one request (s, median of 5)':46} {one:10.3f}")
    print(f"{'fetch_all, all services (s, median of 5)':46} {total:10.3f}")
    print(
        f"{'ratio fetch_all / one request':46} {total / one:10.2f} {'<= ' + str(TARGET_RATIO):>10}"
    )
    print(f"{'sequential estimate (s, requests x one)':46} {requests_per_run * one:10.3f}")
    print(
        f"({tasks} tasks, {requests_per_run} requests per run, {DELAY * 1000:.0f} ms server delay, "
        f"{server.max_in_flight} requests in flight at most)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
