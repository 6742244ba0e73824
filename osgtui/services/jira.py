"""Jira counts for the minutes: issues by status, and per-release summaries.

Both flavors fetch the matching issues with minimal fields and count locally, so
one query serves a whole table and the counts are exact:

* ``server`` (Server/Data Center): ``GET /rest/api/2/search`` with
  ``fields=status[,summary]&maxResults=1000``, paged by ``startAt`` until
  ``total`` issues are read (about 200 open issues: one request). Grouping on
  the server would need one request per status; paging one query is exact and
  cheaper. :meth:`JiraClient.count` uses ``maxResults=0`` and reads ``total``.
  Auth: ``Authorization: Bearer <personal access token>`` (the user is unused).
* ``cloud``: ``GET /rest/api/3/search/jql`` with ``maxResults=5000``, paged by
  ``nextPageToken`` until it is absent or ``isLast``. Auth: Basic e-mail + API
  token. The old ``/rest/api/2/search`` answers 410 on Cloud; the error says so.

A zero is never reported from an answer that does not prove the query ran: an
empty result from an anonymous query raises :class:`ServiceError`; with
credentials, an empty result is accepted after one ``GET /rest/api/{2,3}/myself``
answers 200 (checked at most once per client), which proves the credentials
were accepted, so the empty answer is the real one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from osgtui.config import JiraConfig
from osgtui.errors import ServiceError
from osgtui.services.http import HttpClient, basic_auth, bearer_auth, is_count

READY_FOR_TESTING = "Ready for Testing"
READY_FOR_RELEASE = "Ready for Release"
SERVER_PAGE = 1000
"""``maxResults`` asked of Jira Server (it may cap lower; paging copes)."""
CLOUD_PAGE = 5000
"""``maxResults`` asked of Jira Cloud's enhanced search (it may answer fewer)."""
MAX_PAGES = 100
"""Pages read before giving up on a search (far above OSG's few hundred issues)."""


@dataclass(frozen=True)
class Issue:
    """A Jira issue as listed in the minutes: its key and summary."""

    key: str
    summary: str


@dataclass(frozen=True)
class ReleaseSummary:
    """One release's row of the release table.

    ``counts`` maps each configured status (in configured order) to its number of
    issues; ``total`` counts all the release's issues, whatever their status; the
    two lists hold the issues "Ready for Testing" / "Ready for Release", by key.
    ``jql`` is the query that ran. ``by_status`` holds every issue of the
    release by case-folded Jira status, whatever the status (``closed`` too), so
    that tables of any layout can be counted (a "Both" column is the issues two
    releases share).
    """

    version: str
    counts: dict[str, int]
    total: int
    ready_for_testing: list[Issue] = field(default_factory=list)
    ready_for_release: list[Issue] = field(default_factory=list)
    jql: str = ""
    by_status: dict[str, list[Issue]] = field(default_factory=dict)

    def keys(self, status: str) -> set[str]:
        """The keys of the release's issues in ``status`` (any case)."""
        return {issue.key for issue in self.by_status.get(status.casefold(), [])}


def jql_string(value: str) -> str:
    """``value`` as a double-quoted JQL string literal."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _key_order(key: str) -> tuple[str, int, str]:
    prefix, _, number = key.rpartition("-")
    return (prefix, int(number) if number.isdigit() else -1, key)


class JiraClient:
    """Counts Jira issues for the configured project, states and releases.

    ``user``/``token`` come from :func:`osgtui.config.load_secrets`; both may be
    None (anonymous). Cloud needs both or neither; Server uses only the token.
    Raises :class:`ServiceError` for an empty ``jira.url`` or half-set Cloud
    credentials. Use as a context manager or call :meth:`close`.
    """

    def __init__(self, config: JiraConfig, user: str | None, token: str | None) -> None:
        self.config = config
        self.flavor = config.flavor
        self.base = config.url.rstrip("/")
        if not self.base:
            raise ServiceError("Jira: jira.url is empty (manual entry); set it to fetch counts")
        if self.flavor not in ("server", "cloud"):
            raise ServiceError(
                f'Jira: jira.flavor must be "server" or "cloud", not {self.flavor!r}'
            )
        if self.flavor == "cloud":
            if bool(user) != bool(token):
                missing = "OSGTUI_JIRA_USER" if token else "OSGTUI_JIRA_TOKEN"
                raise ServiceError(
                    f"Jira: {missing} is not set; Jira Cloud needs both OSGTUI_JIRA_USER "
                    "(account e-mail) and OSGTUI_JIRA_TOKEN (API token), or neither"
                )
            auth = basic_auth(user, token) if user and token else None
            credentials = "OSGTUI_JIRA_USER and OSGTUI_JIRA_TOKEN"
        else:
            auth = bearer_auth(token) if token else None
            credentials = "OSGTUI_JIRA_TOKEN (a personal access token)"
        self.authenticated = auth is not None
        hidden = (
            ""
            if self.authenticated
            else (f"; without credentials it may be hidden: set {credentials}")
        )
        hints = {
            400: f"check jira.project, jira.states and jira.release_jql{hidden}",
            404: 'check jira.url and jira.flavor ("server" or "cloud")',
        }
        if self.flavor == "server":
            hints[410] = (
                'this search endpoint was removed from Jira Cloud; set flavor = "cloud" in [jira]'
            )
        self._http = HttpClient(
            "Jira",
            section="jira",
            credentials=credentials,
            timeout=config.timeout,
            auth=auth,
            secrets=(user, token),
            status_hints=hints,
        )
        self._credentials = credentials
        self._zero_proven = False

    def __repr__(self) -> str:
        mode = "authenticated" if self.authenticated else "anonymous"
        return f"JiraClient(url={self.base!r}, flavor={self.flavor!r}, {mode})"

    def __enter__(self) -> JiraClient:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP session."""
        self._http.close()

    # ------------------------------------------------------------------ public

    def states_query(self) -> str:
        """The JQL selecting the project's issues in any configured state."""
        states = ", ".join(jql_string(s) for s in self.config.states)
        return f"project = {jql_string(self.config.project)} AND status in ({states})"

    def count(self, jql: str) -> int:
        """The exact number of issues matching ``jql`` (never an unproven zero)."""
        if self.flavor == "server":
            page = self._http.get_json(
                f"{self.base}/rest/api/2/search",
                {"jql": jql, "maxResults": 0, "fields": "key"},
            )
            total = page.get("total") if isinstance(page, dict) else None
            if not is_count(total):
                raise self._http.shape_error(self.base, "no numeric 'total' in the search answer")
        else:
            total = len(self.search(jql, "id"))
        if total == 0:
            self._prove_zero()
        return total

    def count_states(self) -> dict[str, int]:
        """Issues of ``jira.project`` per configured status, in configured order.

        One search (:meth:`states_query`); every configured status is present,
        with 0 when no issue has it. An empty answer must be proven (see module).
        """
        if not self.config.states:
            return {}
        issues = self.search(self.states_query(), "status")
        if not issues:
            self._prove_zero()
        counts, _ = self._group(issues)
        return counts

    def release_summary(self, version: str) -> ReleaseSummary:
        """The release table row for ``version`` (``jira.release_jql``), one search."""
        jql = self.config.release_query(version)
        issues = self.search(jql, "status,summary")
        if not issues:
            self._prove_zero()
        counts, by_status = self._group(issues)
        return ReleaseSummary(
            version=version,
            counts=counts,
            total=len(issues),
            ready_for_testing=by_status.get(READY_FOR_TESTING.casefold(), []),
            ready_for_release=by_status.get(READY_FOR_RELEASE.casefold(), []),
            jql=jql,
            by_status=by_status,
        )

    def search(self, jql: str, fields: str) -> list[dict[str, Any]]:
        """Every issue matching ``jql`` with ``fields`` (comma-separated), all pages read.

        Issues are checked to be objects with a string ``key`` and deduplicated by key.
        """
        if self.flavor == "server":
            pages = self._server_pages(jql, fields)
        else:
            pages = self._cloud_pages(jql, fields)
        issues: dict[str, dict[str, Any]] = {}
        for page in pages:
            for issue in page:
                if not isinstance(issue, dict) or not isinstance(issue.get("key"), str):
                    raise self._http.shape_error(self.base, "an issue without a 'key'")
                issues.setdefault(issue["key"], issue)
        return list(issues.values())

    # ----------------------------------------------------------------- private

    def _server_pages(self, jql: str, fields: str) -> Any:
        start = 0
        for _ in range(MAX_PAGES):
            page = self._http.get_json(
                f"{self.base}/rest/api/2/search",
                {"jql": jql, "startAt": start, "maxResults": SERVER_PAGE, "fields": fields},
            )
            issues = page.get("issues") if isinstance(page, dict) else None
            total = page.get("total") if isinstance(page, dict) else None
            if not isinstance(issues, list) or not is_count(total):
                raise self._http.shape_error(
                    self.base, "the search answer has no 'issues' list and numeric 'total'"
                )
            yield issues
            start += len(issues)
            if not issues or start >= total:
                return
        raise self._too_many_pages()

    def _cloud_pages(self, jql: str, fields: str) -> Any:
        token: str | None = None
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            params: dict[str, str | int] = {"jql": jql, "fields": fields, "maxResults": CLOUD_PAGE}
            if token:
                params["nextPageToken"] = token
            page = self._http.get_json(f"{self.base}/rest/api/3/search/jql", params)
            issues = page.get("issues") if isinstance(page, dict) else None
            if not isinstance(issues, list):
                raise self._http.shape_error(self.base, "the search answer has no 'issues' list")
            yield issues
            token = page.get("nextPageToken")
            if page.get("isLast") is True or not token:
                return
            if not isinstance(token, str) or token in seen:
                raise self._http.shape_error(self.base, "the search paging does not advance")
            seen.add(token)
        raise self._too_many_pages()

    def _too_many_pages(self) -> ServiceError:
        return self._http.error(
            f"the search did not end after {MAX_PAGES} pages; narrow jira.project or jira.states"
        )

    def _group(self, issues: list[dict[str, Any]]) -> tuple[dict[str, int], dict[str, list[Issue]]]:
        """Counts per configured state, and issues (sorted by key) per casefolded status."""
        counts = dict.fromkeys(self.config.states, 0)
        configured = {state.casefold(): state for state in self.config.states}
        by_status: dict[str, list[Issue]] = {}
        for issue in issues:
            fields = issue.get("fields")
            status = fields.get("status") if isinstance(fields, dict) else None
            name = status.get("name") if isinstance(status, dict) else None
            if not isinstance(name, str):
                raise self._http.shape_error(
                    self.base, f"issue {issue['key']} has no fields.status.name"
                )
            summary = fields.get("summary") if isinstance(fields, dict) else None
            folded = name.casefold()
            if folded in configured:
                counts[configured[folded]] += 1
            by_status.setdefault(folded, []).append(
                Issue(issue["key"], summary if isinstance(summary, str) else "")
            )
        for listed in by_status.values():
            listed.sort(key=lambda item: _key_order(item.key))
        return counts, by_status

    def _prove_zero(self) -> None:
        """Raise unless an empty answer is known to come from an accepted login."""
        if self._zero_proven:
            return
        if not self.authenticated:
            raise self._http.error(
                "the anonymous query returned no issues, which does not prove there are none; "
                f"set {self._credentials} to fetch, or enter the numbers by hand"
            )
        version = "3" if self.flavor == "cloud" else "2"
        answer = self._http.get_json(f"{self.base}/rest/api/{version}/myself")
        if not isinstance(answer, dict):
            raise self._http.shape_error(self.base, "the /myself answer is not an object")
        self._zero_proven = True
