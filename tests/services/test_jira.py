"""JiraClient against emulated Jira Server/DC and Jira Cloud."""

from __future__ import annotations

import base64
import json

import pytest

from osgtui.config import JiraConfig
from osgtui.errors import ServiceError
from osgtui.services.jira import Issue, JiraClient

from .conftest import TOKEN, USER
from .fakeserver import (
    FakeServer,
    JiraCloud,
    JiraServer,
    Reply,
    basic,
    jira_error,
    make_issues,
)

STATES = ("Open", "In Progress", "Ready for Testing", "Ready for Release")
OPEN_ISSUES = make_issues(
    "SOFTWARE", {"Open": 5, "In Progress": 3, "Ready for Testing": 2, "Closed": 4}
)
RELEASE = make_issues(
    "SOFTWARE",
    {"Ready for Testing": 3, "Open": 1, "Ready for Release": 2, "Done": 2},
    version="3.6.1",
    start=100,
)
OTHER_PROJECT = make_issues("HTCONDOR", {"Open": 7})
ALL = OPEN_ISSUES + RELEASE + OTHER_PROJECT


def config(url: str, flavor: str, **kwargs: object) -> JiraConfig:
    settings = {"states": STATES, "timeout": 2.0, **kwargs}
    return JiraConfig(url=url, flavor=flavor, **settings)  # type: ignore[arg-type]


def cloud(server: FakeServer, issues=ALL, **kwargs: object) -> str:  # type: ignore[no-untyped-def]
    return server.mount("/jira", JiraCloud(issues, user=USER, token=TOKEN, **kwargs))  # type: ignore[arg-type]


def dc(server: FakeServer, issues=ALL, **kwargs: object) -> str:  # type: ignore[no-untyped-def]
    return server.mount("/jira", JiraServer(issues, token=TOKEN, **kwargs))  # type: ignore[arg-type]


EXPECTED_STATES = {"Open": 6, "In Progress": 3, "Ready for Testing": 5, "Ready for Release": 2}


# ------------------------------------------------------------ Server / DC


def test_server_counts_states_in_one_request_with_bearer(server: FakeServer) -> None:
    url = dc(server)
    with JiraClient(config(url, "server"), None, TOKEN) as jira:
        assert jira.count_states() == EXPECTED_STATES
        assert list(jira.count_states()) == list(STATES)
    first = server.seen("/rest/api/2/search")[0]
    assert first.header("Authorization") == f"Bearer {TOKEN}"
    assert first.param("fields") == "status" and first.param("maxResults") == "1000"
    assert first.param("jql") == (
        'project = "SOFTWARE" AND status in '
        '("Open", "In Progress", "Ready for Testing", "Ready for Release")'
    )


def test_server_pages_by_start_at_when_capped(server: FakeServer) -> None:
    url = dc(server, page_max=4)
    with JiraClient(config(url, "server"), None, TOKEN) as jira:
        assert jira.count_states() == EXPECTED_STATES
    starts = [r.param("startAt") for r in server.seen("/rest/api/2/search")]
    assert starts == ["0", "4", "8", "12"]


def test_server_count_reads_total_with_max_results_zero(server: FakeServer) -> None:
    url = dc(server)
    with JiraClient(config(url, "server"), "ignored-user", TOKEN) as jira:
        assert jira.count('project = SOFTWARE AND status = "Open"') == 6
    (seen,) = server.seen("/rest/api/2/search")
    assert seen.param("maxResults") == "0" and seen.param("fields") == "key"


def test_server_release_summary(server: FakeServer) -> None:
    url = dc(server)
    with JiraClient(config(url, "server"), None, TOKEN) as jira:
        summary = jira.release_summary("3.6.1")
    assert summary.counts == {
        "Open": 1,
        "In Progress": 0,
        "Ready for Testing": 3,
        "Ready for Release": 2,
    }
    assert summary.total == 8
    assert [i.key for i in summary.ready_for_testing] == [
        "SOFTWARE-100",
        "SOFTWARE-101",
        "SOFTWARE-102",
    ]
    assert summary.jql == 'project = SOFTWARE AND fixVersion = "3.6.1"'
    (seen,) = server.seen("/rest/api/2/search")
    assert seen.param("fields") == "status,summary"


def test_server_anonymous_public_project_is_counted(server: FakeServer) -> None:
    url = server.mount("/jira", JiraServer(ALL, token=TOKEN, anonymous="full"))
    with JiraClient(config(url, "server"), None, None) as jira:
        assert jira.count_states() == EXPECTED_STATES
    assert server.seen("/search")[0].header("Authorization") is None


def test_server_flavor_against_cloud_explains_410(server: FakeServer) -> None:
    url = cloud(server)
    with JiraClient(config(url, "server"), None, TOKEN) as jira, pytest.raises(ServiceError) as err:
        jira.count_states()
    message = str(err.value)
    assert "HTTP 410 Gone" in message
    assert "The requested API has been removed" in message
    assert message.endswith('set flavor = "cloud" in [jira]')


def test_server_wrong_token_is_401(server: FakeServer) -> None:
    url = server.mount("/jira", JiraServer(ALL, token="another-token"))
    with JiraClient(config(url, "server"), None, TOKEN) as jira, pytest.raises(ServiceError) as err:
        jira.count_states()
    assert "HTTP 401" in str(err.value) and "check OSGTUI_JIRA_TOKEN" in str(err.value)
    assert TOKEN not in str(err.value)


def test_server_answer_without_total_is_a_shape_error(server: FakeServer) -> None:
    server.script("/jira/rest/api/2/search", Reply(200, {"issues": []}))
    with JiraClient(config(server.url + "/jira", "server"), None, TOKEN) as jira:
        with pytest.raises(ServiceError, match="unexpected answer from 127.0.0.1.*'total'"):
            jira.count_states()
        with pytest.raises(ServiceError, match="no numeric 'total'"):
            jira.count("project = SOFTWARE")


# ------------------------------------------------------------------ Cloud


def test_cloud_pages_with_next_page_token_and_basic_auth(server: FakeServer) -> None:
    url = cloud(server, page_max=4)
    with JiraClient(config(url, "cloud"), USER, TOKEN) as jira:
        assert jira.count_states() == EXPECTED_STATES
    pages = server.seen("/rest/api/3/search/jql")
    assert len(pages) == 4
    assert pages[0].param("nextPageToken") is None
    assert all(p.param("nextPageToken") for p in pages[1:])
    assert {p.header("Authorization") for p in pages} == {basic(USER, TOKEN)}
    assert pages[0].param("fields") == "status" and pages[0].param("maxResults") == "5000"


def test_cloud_release_summary_lists_rft_and_rfr(server: FakeServer) -> None:
    url = cloud(server, page_max=3)
    with JiraClient(config(url, "cloud"), USER, TOKEN) as jira:
        summary = jira.release_summary("3.6.1")
    assert summary.version == "3.6.1"
    assert summary.counts == {
        "Open": 1,
        "In Progress": 0,
        "Ready for Testing": 3,
        "Ready for Release": 2,
    }
    assert summary.total == 8  # includes the two "Done" issues
    assert summary.ready_for_testing == [
        Issue("SOFTWARE-100", "Summary of SOFTWARE-100"),
        Issue("SOFTWARE-101", "Summary of SOFTWARE-101"),
        Issue("SOFTWARE-102", "Summary of SOFTWARE-102"),
    ]
    assert [i.key for i in summary.ready_for_release] == ["SOFTWARE-104", "SOFTWARE-105"]
    assert server.seen("/search/jql")[0].param("fields") == "status,summary"


def test_cloud_count_pages_ids(server: FakeServer) -> None:
    url = cloud(server, page_max=5)
    with JiraClient(config(url, "cloud"), USER, TOKEN) as jira:
        assert jira.count("project = HTCONDOR") == 7
    assert len(server.seen("/search/jql")) == 2


def test_status_names_match_case_insensitively(server: FakeServer) -> None:
    url = cloud(server)
    states = ("open", "IN PROGRESS")
    with JiraClient(config(url, "cloud", states=states), USER, TOKEN) as jira:
        assert jira.count_states() == {"open": 6, "IN PROGRESS": 3}


def test_issues_listed_in_key_number_order(server: FakeServer) -> None:
    issues = make_issues("SOFTWARE", {"Ready for Testing": 11}, version="3.6.2", start=5)
    url = cloud(server, issues=list(reversed(issues)))
    with JiraClient(config(url, "cloud"), USER, TOKEN) as jira:
        keys = [i.key for i in jira.release_summary("3.6.2").ready_for_testing]
    assert keys == [f"SOFTWARE-{n}" for n in range(5, 16)]


def test_cloud_half_credentials_are_refused_before_any_request(server: FakeServer) -> None:
    url = cloud(server)
    with pytest.raises(ServiceError, match="OSGTUI_JIRA_USER is not set"):
        JiraClient(config(url, "cloud"), None, TOKEN)
    with pytest.raises(ServiceError, match="OSGTUI_JIRA_TOKEN is not set"):
        JiraClient(config(url, "cloud"), USER, None)
    assert server.requests == []


def test_cloud_wrong_credentials(server: FakeServer) -> None:
    url = cloud(server)
    with JiraClient(config(url, "cloud"), USER, "wrong-token-value") as jira:
        with pytest.raises(ServiceError) as err:
            jira.count_states()
    assert "HTTP 401 Unauthorized" in str(err.value)
    assert "Client must be authenticated" in str(err.value)
    assert "check OSGTUI_JIRA_USER and OSGTUI_JIRA_TOKEN" in str(err.value)
    assert "wrong-token-value" not in str(err.value)


def test_unknown_version_is_jiras_message(server: FakeServer) -> None:
    url = cloud(server)
    with JiraClient(config(url, "cloud"), USER, TOKEN) as jira, pytest.raises(ServiceError) as err:
        jira.release_summary("9.9.9")
    message = str(err.value)
    assert "HTTP 400 Bad Request" in message
    assert "The value '9.9.9' does not exist for the field 'fixVersion'" in message
    assert "jira.release_jql" in message


def test_bad_jql_is_jiras_message(server: FakeServer) -> None:
    url = cloud(server)
    broken = config(url, "cloud", release_jql="project = SOFTWARE AN fixVersion = {version}")
    with JiraClient(broken, USER, TOKEN) as jira, pytest.raises(ServiceError) as err:
        jira.release_summary("3.6.1")
    assert "Error in the JQL Query" in str(err.value)


def test_cloud_issue_without_status_is_a_shape_error(server: FakeServer) -> None:
    server.script(
        "/jira/rest/api/3/search/jql",
        Reply(200, {"issues": [{"id": "1", "key": "SOFTWARE-1", "fields": {}}], "isLast": True}),
    )
    with JiraClient(config(server.url + "/jira", "cloud"), USER, TOKEN) as jira:
        with pytest.raises(ServiceError, match="SOFTWARE-1 has no fields.status.name"):
            jira.count_states()


@pytest.mark.parametrize(
    "body",
    [{"values": []}, [], {"issues": [{"id": "1"}], "isLast": True}, {"issues": "none"}],
)
def test_cloud_wrong_shapes(server: FakeServer, body: object) -> None:
    server.script("/jira/rest/api/3/search/jql", Reply(200, body))
    with JiraClient(config(server.url + "/jira", "cloud"), USER, TOKEN) as jira:
        with pytest.raises(ServiceError, match="^Jira: unexpected answer from 127.0.0.1"):
            jira.count_states()


def test_cloud_paging_that_does_not_advance_stops(server: FakeServer) -> None:
    token = base64.b64encode(json.dumps({"offset": 0}).encode()).decode()
    page = {"issues": [], "nextPageToken": token, "isLast": False}
    server.script("/jira/rest/api/3/search/jql", Reply(200, page))
    with JiraClient(config(server.url + "/jira", "cloud"), USER, TOKEN) as jira:
        with pytest.raises(ServiceError, match="paging does not advance"):
            jira.count_states()
    assert len(server.seen("/search/jql")) == 2


# ------------------------------------------------------ unproven zeros


def test_anonymous_empty_answer_is_not_a_zero(server: FakeServer) -> None:
    url = cloud(server, anonymous="empty")
    with JiraClient(config(url, "cloud"), None, None) as jira, pytest.raises(ServiceError) as err:
        jira.count_states()
    assert "anonymous query returned no issues" in str(err.value)
    assert "OSGTUI_JIRA_USER and OSGTUI_JIRA_TOKEN" in str(err.value)
    assert server.seen("/search/jql")[0].header("Authorization") is None


def test_anonymous_hidden_project_gives_jiras_message(server: FakeServer) -> None:
    url = cloud(server, anonymous="hidden")
    with JiraClient(config(url, "cloud"), None, None) as jira, pytest.raises(ServiceError) as err:
        jira.count_states()
    message = str(err.value)
    assert "The value 'SOFTWARE' does not exist for the field 'project'" in message
    assert "without credentials it may be hidden" in message


def test_anonymous_server_zero_count_is_refused(server: FakeServer) -> None:
    url = server.mount("/jira", JiraServer([], anonymous="empty"))
    with JiraClient(config(url, "server"), None, None) as jira, pytest.raises(ServiceError) as err:
        jira.count("project = SOFTWARE")
    assert "OSGTUI_JIRA_TOKEN" in str(err.value)


@pytest.mark.parametrize("flavor", ["cloud", "server"])
def test_authenticated_empty_answer_is_proven_by_myself_once(
    server: FakeServer, flavor: str
) -> None:
    issues = make_issues("SOFTWARE", {"Closed": 2})
    if flavor == "cloud":
        url = cloud(server, issues=issues, versions=("3.7.0",))
        user, version = USER, "3"
    else:
        url = dc(server, issues=issues, versions=("3.7.0",))
        user, version = None, "2"
    with JiraClient(config(url, flavor), user, TOKEN) as jira:
        assert jira.count_states() == dict.fromkeys(STATES, 0)
        empty = jira.release_summary("3.7.0")
    assert empty.total == 0 and empty.counts == dict.fromkeys(STATES, 0)
    assert empty.ready_for_testing == [] and empty.ready_for_release == []
    (myself,) = server.seen(f"/rest/api/{version}/myself")
    assert myself.header("Authorization") is not None


def test_zero_with_rejected_myself_is_an_error(server: FakeServer) -> None:
    cloud(server, issues=make_issues("SOFTWARE", {"Closed": 1}))
    server.script(
        "/jira/rest/api/3/myself",
        jira_error(401, "Client must be authenticated to access this resource."),
    )
    with JiraClient(config(server.url + "/jira", "cloud"), USER, TOKEN) as jira:
        with pytest.raises(ServiceError, match="HTTP 401.*check OSGTUI_JIRA_USER"):
            jira.count_states()


def test_repr_hides_credentials() -> None:
    jira = JiraClient(config("https://jira.example.org", "cloud"), USER, TOKEN)
    assert TOKEN not in repr(jira)
    assert repr(jira) == "JiraClient(url='https://jira.example.org', flavor='cloud', authenticated)"
    jira.close()


def test_empty_url_and_bad_flavor() -> None:
    with pytest.raises(ServiceError, match="jira.url is empty"):
        JiraClient(config("", "cloud"), USER, TOKEN)
    with pytest.raises(ServiceError, match="jira.flavor"):
        JiraClient(config("https://x.example.org", "dc"), USER, TOKEN)
