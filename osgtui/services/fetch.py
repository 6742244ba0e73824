"""Fetch every configured live count in parallel, for ``osgtui refresh`` and the console.

:func:`fetch_all` runs one task per table (Jira states, each Jira release,
Freshdesk, GGUS) in its own daemon thread (so an abandoned refresh never keeps
the process from exiting), so the whole refresh takes about as long as
the slowest service, not the sum. A failing task never stops the others: its
one-line message lands in :attr:`FetchReport.errors`. Services without a URL are
manual-only and listed in :attr:`FetchReport.skipped`. Every message is
redacted of every credential (:func:`~osgtui.services.redact.redactor_for`).
Pure: no database, no printing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial

from osgtui.config import Config, Secrets
from osgtui.errors import OsgtuiError, ServiceError
from osgtui.services import freshdesk, ggus
from osgtui.services.jira import JiraClient, ReleaseSummary
from osgtui.services.redact import Redactor, redactor_for

SERVICES = ("jira", "freshdesk", "ggus")
"""Service keys, as used in ``only``, :attr:`FetchedCount.service` and ``skipped``."""
SERVICE_NAMES = {"jira": "Jira", "freshdesk": "Freshdesk", "ggus": "GGUS"}
TRIAGE_GROUP = "triage"
JIRA_GROUP = "jira"
RELEASE_PREFIX = "release:"
TOTAL_LABEL = "Total"


@dataclass(frozen=True)
class FetchedCount:
    """One number fetched for the minutes.

    ``service``: "jira", "freshdesk" or "ggus". ``group``: "jira" (JIRA table,
    ``label`` = the table's name for the status), "release:<version>" (release
    table; ``label`` = Jira status name or "Total") or "triage" (``label`` = the
    configured label). ``query``: the query that ran (JQL, or the service's
    search query). ``as_of``: when the answer arrived (UTC, timezone-aware).
    """

    service: str
    label: str
    group: str
    count: int
    query: str
    as_of: datetime


@dataclass(frozen=True)
class ServiceFailure:
    """A task that failed: service key, task name and the one-line message to show."""

    service: str
    task: str
    message: str


@dataclass
class FetchReport:
    """What :func:`fetch_all` got: counts in task order, release details, failures."""

    counts: list[FetchedCount] = field(default_factory=list)
    releases: dict[str, ReleaseSummary] = field(default_factory=dict)
    errors: list[ServiceFailure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no task failed."""
        return not self.errors

    def group(self, name: str) -> list[FetchedCount]:
        """The counts of one group ("jira", "triage", "release:<version>"), in order."""
        return [count for count in self.counts if count.group == name]


@dataclass(frozen=True)
class _Task:
    service: str
    name: str
    run: Callable[[], tuple[list[FetchedCount], ReleaseSummary | None]]


_Result = tuple[list[FetchedCount], ReleaseSummary | None, ServiceFailure | None]
"""What one task gives: its counts, its release summary, its failure."""


def _now() -> datetime:
    return datetime.now(UTC)


def _jira_states(config: Config, secrets: Secrets) -> tuple[list[FetchedCount], None]:
    with JiraClient(config.jira, secrets.jira_user, secrets.jira_token) as client:
        counts = client.count_states()
        query = client.states_query()
    as_of = _now()
    return [
        FetchedCount("jira", config.jira.label_for(state), JIRA_GROUP, number, query, as_of)
        for state, number in counts.items()
    ], None


def _jira_release(
    config: Config, secrets: Secrets, version: str
) -> tuple[list[FetchedCount], ReleaseSummary]:
    with JiraClient(config.jira, secrets.jira_user, secrets.jira_token) as client:
        summary = client.release_summary(version)
    as_of = _now()
    group = RELEASE_PREFIX + version
    rows = [*summary.counts.items(), (TOTAL_LABEL, summary.total)]
    return [
        FetchedCount("jira", label, group, number, summary.jql, as_of) for label, number in rows
    ], summary


def _freshdesk(config: Config, secrets: Secrets) -> tuple[list[FetchedCount], None]:
    number = freshdesk.count_open(config.freshdesk, secrets.freshdesk_key)
    query = freshdesk.search_query(config.freshdesk)
    label = config.freshdesk.label
    return [FetchedCount("freshdesk", label, TRIAGE_GROUP, number, query, _now())], None


def _freshdesk_counter(config: Config, secrets: Secrets, label: str, query: str) -> tuple[list[FetchedCount], None]:
    counter = replace(config.freshdesk, query=query, label=label)
    number = freshdesk.count_open(counter, secrets.freshdesk_key)
    return [FetchedCount("freshdesk", label, TRIAGE_GROUP, number, freshdesk.search_query(counter), _now())], None


def _ggus(config: Config, secrets: Secrets) -> tuple[list[FetchedCount], None]:
    number = ggus.count_open(config.ggus, secrets.ggus_token)
    label = config.ggus.label
    return [FetchedCount("ggus", label, TRIAGE_GROUP, number, config.ggus.query, _now())], None


def _plan(
    config: Config, secrets: Secrets, only: set[str] | None = None
) -> tuple[list[_Task], list[str]]:
    """The tasks :func:`fetch_all` would run, and the selected services that are manual-only."""
    selected = set(SERVICES) if only is None else set(only)
    unknown = sorted(selected - set(SERVICES))
    if unknown:
        raise ServiceError(f"unknown service {unknown[0]!r}; choose from {', '.join(SERVICES)}")
    tasks: list[_Task] = []
    skipped: list[str] = []
    urls = {"jira": config.jira.url, "freshdesk": config.freshdesk.url, "ggus": config.ggus.url}
    for service in SERVICES:
        if service not in selected:
            continue
        if not urls[service]:
            skipped.append(service)
            continue
        if service == "jira":
            if config.jira.states:
                tasks.append(_Task("jira", "states", lambda: _jira_states(config, secrets)))
            for version in config.jira.releases:
                tasks.append(
                    _Task(
                        "jira",
                        RELEASE_PREFIX + version,
                        partial(_jira_release, config, secrets, version),
                    )
                )
        elif service == "freshdesk":
            tasks.append(_Task("freshdesk", "open", lambda: _freshdesk(config, secrets)))
            for label, query in config.freshdesk.counters.items():
                tasks.append(_Task("freshdesk", label, partial(_freshdesk_counter, config, secrets, label, query)))
        else:
            tasks.append(_Task("ggus", "open", lambda: _ggus(config, secrets)))
    return tasks, skipped


def fetch_all(config: Config, secrets: Secrets, *, only: set[str] | None = None) -> FetchReport:
    """Fetch every configured count in parallel; never raises for a service failure.

    ``only`` restricts to some of "jira", "freshdesk", "ggus" (an unknown name
    raises :class:`ServiceError`). Counts come back in a stable order: Jira
    states, releases in ``jira.releases`` order, Freshdesk, GGUS.
    """
    tasks, skipped = _plan(config, secrets, only)
    report = FetchReport(skipped=skipped)
    if not tasks:
        return report
    redact = redactor_for(secrets)
    results: list[_Result | None] = [None] * len(tasks)

    def run(index: int) -> None:
        results[index] = _run(tasks[index], redact)

    threads = [
        threading.Thread(target=run, args=(i,), name=f"osgtui-fetch-{t.name}", daemon=True)
        for i, t in enumerate(tasks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for task, result in zip(tasks, results):
        counts, summary, failure = result or ([], None, _failure(task, "the task died"))
        report.counts += counts
        if summary is not None:
            report.releases[summary.version] = summary
        if failure is not None:
            report.errors.append(failure)
    return report


def _failure(task: _Task, what: str) -> ServiceFailure:
    return ServiceFailure(
        task.service,
        task.name,
        f"{SERVICE_NAMES[task.service]}: {what} while fetching {task.name}; "
        "enter the numbers by hand and report it",
    )


def _run(task: _Task, redact: Redactor) -> _Result:
    """Run one task; any exception becomes a redacted :class:`ServiceFailure`."""
    try:
        counts, summary = task.run()
        return counts, summary, None
    except OsgtuiError as err:
        failure = ServiceFailure(task.service, task.name, str(err))
    except Exception as err:  # a bug must not stop the other services  # noqa: BLE001
        failure = _failure(task, f"unexpected {type(err).__name__}")
    return [], None, ServiceFailure(failure.service, failure.task, redact(failure.message))
