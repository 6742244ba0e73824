"""Freshdesk count_open against an emulated Freshdesk API v2."""

from __future__ import annotations

import pytest

from osgtui.config import FreshdeskConfig
from osgtui.errors import ServiceError
from osgtui.services.freshdesk import count_open, search_query

from .conftest import FD_KEY
from .fakeserver import FakeServer, Freshdesk, Reply, basic

TICKETS = [
    {"id": n, "status": status, "group_id": group}
    for n, (status, group) in enumerate(
        [(2, 5), (2, 5), (3, 5), (6, 5), (7, 9), (4, 5), (5, 5), (2, 9)] * 5, start=1
    )
]


def config(
    url: str, query: str = "status:2 OR status:3 OR status:6 OR status:7"
) -> FreshdeskConfig:
    return FreshdeskConfig(url=url, query=query, timeout=2.0)


def test_total_counts_every_match_beyond_one_page(server: FakeServer) -> None:
    url = server.mount("/fd", Freshdesk(TICKETS, key=FD_KEY))
    assert count_open(config(url), FD_KEY) == 30
    (seen,) = server.seen("/api/v2/search/tickets")
    assert seen.param("query") == '"status:2 OR status:3 OR status:6 OR status:7"'
    assert seen.header("Authorization") == basic(FD_KEY, "X")


def test_grouped_query_with_parentheses(server: FakeServer) -> None:
    url = server.mount("/fd", Freshdesk(TICKETS, key=FD_KEY))
    assert count_open(config(url, "group_id:5 AND (status:2 OR status:3)"), FD_KEY) == 15


def test_query_already_in_quotes_is_not_quoted_twice() -> None:
    assert search_query(config("https://x", '"status:2"')) == '"status:2"'
    assert search_query(config("https://x", " status:2 ")) == '"status:2"'


def test_zero_with_a_key_is_a_real_zero(server: FakeServer) -> None:
    url = server.mount("/fd", Freshdesk(TICKETS, key=FD_KEY))
    assert count_open(config(url, "status:99"), FD_KEY) == 0


def test_no_key_sends_nothing(server: FakeServer) -> None:
    url = server.mount("/fd", Freshdesk(TICKETS, key=FD_KEY))
    with pytest.raises(ServiceError, match="^Freshdesk: OSGTUI_FRESHDESK_KEY is not set"):
        count_open(config(url), None)
    assert server.requests == []


def test_empty_url_is_manual_entry() -> None:
    with pytest.raises(ServiceError, match="freshdesk.url is empty"):
        count_open(config(""), FD_KEY)


def test_wrong_key_is_401_with_freshdesks_message(server: FakeServer) -> None:
    url = server.mount("/fd", Freshdesk(TICKETS, key=FD_KEY))
    with pytest.raises(ServiceError) as err:
        count_open(config(url), "not-the-key-123")
    message = str(err.value)
    assert message.startswith("Freshdesk: HTTP 401 Unauthorized")
    assert "You have to be logged in to perform this action" in message
    assert message.endswith("check OSGTUI_FRESHDESK_KEY")
    assert "not-the-key-123" not in message


def test_invalid_query_shows_the_field_message(server: FakeServer) -> None:
    url = server.mount("/fd", Freshdesk(TICKETS, key=FD_KEY))
    with pytest.raises(ServiceError) as err:
        count_open(config(url, "status:2 OR"), FD_KEY)
    message = str(err.value)
    assert "HTTP 400 Bad Request" in message and "query: Invalid query" in message
    assert "check freshdesk.query" in message


@pytest.mark.parametrize(
    "body", [{"results": []}, {"total": "5"}, {"total": True}, {"total": -1}, [5]]
)
def test_total_must_be_a_count(server: FakeServer, body: object) -> None:
    server.script("/fd/api/v2/search/tickets", Reply(200, body))
    with pytest.raises(ServiceError, match="^Freshdesk: unexpected answer .*'total'"):
        count_open(config(server.url + "/fd"), FD_KEY)


def test_403_access_denied(server: FakeServer) -> None:
    body = {"code": "access_denied", "message": "You are not authorized to perform this action."}
    server.script("/fd/api/v2/search/tickets", Reply(403, body))
    with pytest.raises(ServiceError, match="not authorized.*OSGTUI_FRESHDESK_KEY has access"):
        count_open(config(server.url + "/fd"), FD_KEY)
