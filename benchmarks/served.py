"""A meeting's own numbers served by loopback fakes of Jira, Freshdesk and GGUS, for bench_draft.py.

:func:`serve_numbers` reads the real minutes' counts and mounts, under a
prefix of its own, a Jira whose issues make exactly those counts (the JIRA
table's states; each release table's columns, a "Both" issue carrying both
releases' fixVersions), a Freshdesk and a GGUS with that many open tickets. It
returns the configuration a note-taker would write for that meeting: the
states and releases its tables show, the labels its triage counters use (the
first non-GGUS counter is Freshdesk's, the others ``[freshdesk.counters]``). The
fakes are the test suite's (``tests/services/fakeserver.py``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from osgtui.config import Config, FreshdeskConfig, GgusConfig, JiraConfig, Secrets
from osgtui.minutes.counts import find_counts, parse_count_line, parse_int, table_kind
from osgtui.minutes.model import Bullet, Meeting, Table
from osgtui.minutes.release_tables import is_total_row, release_columns
from osgtui.minutes.section_paths import section_of_blocks
from tests.services.fakeserver import FakeServer, Freshdesk, Ggus, JiraServer, make_tickets

SECRETS = Secrets(jira_token="bench-jira-token", freshdesk_key="bench-fd-key", ggus_token="bench-ggus-token")
RELEASE_PROJECT = "RELEASES"


def _status_of(config: JiraConfig) -> dict[str, str]:
    """Minutes label (case-folded) → Jira status name."""
    return {label.casefold(): status for status, label in config.state_labels.items()}


def _package_names(meeting: Meeting) -> dict[tuple[str, str], list[str]]:
    """(release, list name casefolded) → the packages the minutes list under it (``-   OSG 3.4.31`` /
    ``-   Ready for Testing`` / ``-   cctools 7.0.13``)."""
    from osgtui.minutes.release_lists import LISTS

    names: dict[tuple[str, str], list[str]] = {}
    release = listing = ""
    for block in meeting.blocks:
        if not isinstance(block, Bullet):
            continue
        if block.depth == 0:
            found = re.search(r"\d+\.\d+(?:\.\d+)?", block.text)
            release, listing = (found.group(0) if found else ""), ""
        elif block.depth == 1:
            text = block.text.strip().rstrip(":").casefold()
            listing = text if text in {n.casefold() for n in LISTS} else ""
        elif block.depth == 2 and release and listing:
            names.setdefault((release, listing), []).append(block.full_text)
    return names


def _jira_issues(meeting: Meeting, base: JiraConfig) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """(issues, JIRA table statuses, releases) that reproduce the meeting's JIRA and release tables.

    A release's Ready for Testing / Release issues are summarised as the
    packages the minutes list for it (the rest ``Issue N``).
    """
    status_of = _status_of(base)
    issues: list[dict[str, Any]] = []
    states: list[str] = []
    releases: list[str] = []
    packages = _package_names(meeting)

    def add(project: str, status: str, count: int | None, versions: list[str]) -> None:
        names = packages.get((versions[0], status.casefold()), []) if versions else []
        for _ in range(count or 0):
            summary = names.pop(0) if names else f"Issue {len(issues) + 1}"
            issues.append({"key": f"{project}-{len(issues) + 1}", "summary": summary,
                           "status": status, "project": project, "fixVersion": versions})

    for block in meeting.blocks:
        if not isinstance(block, Table):
            continue
        label_col = len(block.header) - 1
        if table_kind(block) == "jira":
            state_col = next((i for i, h in enumerate(block.header) if h.lower() == "state"), label_col)
            for row in block.rows:
                if state_col < len(row) and row[state_col].strip():
                    status = status_of.get(row[state_col].strip().casefold(), row[state_col].strip())
                    if status not in states:
                        states.append(status)
                    add("SOFTWARE", status, parse_int(row[0]), [])
            continue
        columns = release_columns(block)
        named = [c for c in columns if c.kind == "release"]
        for column in named:
            releases += [v for v in column.versions if v not in releases]
        for row in block.rows:
            if label_col >= len(row) or is_total_row(row, label_col) or not row[label_col].strip():
                continue
            status = status_of.get(row[label_col].strip().casefold(), row[label_col].strip())
            for column in columns:
                if column.col >= len(row) or column.kind == "total":
                    continue
                if column.kind == "both":
                    versions = [v for c in named for v in c.versions[:1]]
                else:
                    versions = list(column.versions[:1])
                add(RELEASE_PROJECT, status, parse_int(row[column.col]), versions)
    return issues, states, releases


def _triage_counts(meeting: Meeting) -> list[tuple[str, int | None]]:
    """(label, count) of the meeting's triage counter lines."""
    sections = section_of_blocks(meeting)
    out = []
    for block, section in zip(meeting.blocks, sections):
        if isinstance(block, Bullet) and "triage" in section.lower():
            line = parse_count_line(block.text)
            if line:
                out.append((line.label, line.count))
    return out


def serve_numbers(server: FakeServer, prefix: str, meeting: Meeting, base: Config) -> Config:
    """Mount fakes serving ``meeting``'s numbers under ``prefix``; the configuration that fetches them."""
    issues, states, releases = _jira_issues(meeting, base.jira)
    jira_url = server.mount(f"{prefix}/jira", JiraServer(issues, token=SECRETS.jira_token,
                                                             versions=tuple(releases)))
    jira = replace(base.jira, url=jira_url, flavor="server", states=tuple(states or base.jira.states),
                   releases=tuple(releases), release_jql=f'project = {RELEASE_PROJECT} AND fixVersion = "{{version}}"',
                   timeout=10)
    counters = _triage_counts(meeting)
    ggus = next(((label, n) for label, n in counters if "ggus" in label.lower()), None)
    freshdesk = next(((label, n) for label, n in counters if "ggus" not in label.lower()), None)
    fd_config, ggus_config = FreshdeskConfig(url=""), GgusConfig(url="")
    if freshdesk is not None:
        others = [(label, n) for label, n in counters if "ggus" not in label.lower() and label != freshdesk[0]]
        tickets = [{"status": 2}] * (freshdesk[1] or 0)
        for k, (_, n) in enumerate(others):
            tickets += [{"status": 3, "tag": f"c{k}"}] * (n or 0)
        fd_url = server.mount(f"{prefix}/fd", Freshdesk(tickets, key=SECRETS.freshdesk_key))
        fd_config = FreshdeskConfig(url=fd_url, query="status:2", label=freshdesk[0], timeout=10,
                                    counters={label: f"tag:c{k}" for k, (label, _) in enumerate(others)})
    if ggus is not None:
        query = base.ggus.query
        ggus_url = server.mount(f"{prefix}/ggus", Ggus(make_tickets(ggus[1] or 0), token=SECRETS.ggus_token, query=query))
        ggus_config = GgusConfig(url=ggus_url, query=query, label=ggus[0], timeout=10)
    return replace(base, jira=jira, freshdesk=fd_config, ggus=ggus_config)


def counts_right(real: Meeting, refreshed: Meeting, config: Config) -> tuple[int, int]:
    """(counts of the real minutes the refreshed draft has exactly, counts in the real minutes)."""
    from osgtui.history.deltas import label_key, state_names

    states = state_names(config)
    got: dict[tuple[str, str], int | None] = {}
    for ref in find_counts(refreshed):
        got.setdefault((ref.group, label_key(ref.label, states)), ref.count)
    refs = [ref for ref in find_counts(real) if ref.count is not None]
    right = sum(1 for ref in refs if got.get((ref.group, label_key(ref.label, states))) == ref.count)
    return right, len(refs)
