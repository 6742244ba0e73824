"""GGUS count_open against an emulated Zammad ticket search (both answer shapes)."""

from __future__ import annotations

import pytest

from osgtui.config import GgusConfig
from osgtui.errors import ServiceError
from osgtui.services.ggus import count_open

from .conftest import GGUS_TOKEN
from .fakeserver import FakeServer, Ggus, Reply, make_tickets

QUERY = 'group.name:"OSG Software Support" AND !(state.name:solved)'


def config(url: str) -> GgusConfig:
    return GgusConfig(url=url, query=QUERY, timeout=2.0)


def mount(server: FakeServer, count: int, shape: str) -> str:
    tickets = make_tickets(count, state="assigned", group="OSG Software Support")
    return server.mount("/ggus", Ggus(tickets, token=GGUS_TOKEN, query=QUERY, shape=shape))


@pytest.mark.parametrize("shape", ["ids", "expanded"])
def test_one_page(server: FakeServer, shape: str) -> None:
    url = mount(server, 7, shape)
    assert count_open(config(url), GGUS_TOKEN) == 7
    (seen,) = server.seen("/api/v1/tickets/search")
    assert seen.header("Authorization") == f"Token token={GGUS_TOKEN}"
    assert seen.param("query") == QUERY
    assert (seen.param("limit"), seen.param("page")) == ("200", "1")


@pytest.mark.parametrize("shape", ["ids", "expanded"])
@pytest.mark.parametrize(("count", "pages"), [(450, 3), (400, 3), (0, 1)])
def test_pages_while_full(server: FakeServer, shape: str, count: int, pages: int) -> None:
    url = mount(server, count, shape)
    assert count_open(config(url), GGUS_TOKEN) == count
    assert [r.param("page") for r in server.seen("/tickets/search")] == [
        str(n) for n in range(1, pages + 1)
    ]


def test_tickets_repeated_across_pages_count_once(server: FakeServer) -> None:
    full = {"tickets": list(range(1, 201)), "tickets_count": 200}
    last = {"tickets": [200, 201], "tickets_count": 2}
    server.script("/ggus/api/v1/tickets/search", Reply(200, full), Reply(200, last))
    assert count_open(config(server.url + "/ggus"), GGUS_TOKEN) == 201


def test_no_token_sends_nothing(server: FakeServer) -> None:
    url = mount(server, 3, "ids")
    with pytest.raises(ServiceError, match="^GGUS: OSGTUI_GGUS_TOKEN is not set"):
        count_open(config(url), None)
    assert server.requests == []


def test_empty_url_is_manual_entry() -> None:
    with pytest.raises(ServiceError, match="ggus.url is empty"):
        count_open(config(""), GGUS_TOKEN)


def test_wrong_token(server: FakeServer) -> None:
    url = mount(server, 3, "ids")
    with pytest.raises(ServiceError) as err:
        count_open(config(url), "bad-token-456")
    message = str(err.value)
    assert message.startswith("GGUS: HTTP 401 Unauthorized") and "Invalid token!" in message
    assert message.endswith("check OSGTUI_GGUS_TOKEN") and "bad-token-456" not in message


@pytest.mark.parametrize(
    "body",
    [
        {"tickets_count": 3},
        {"tickets": [{"title": "no id"}]},
        [{"title": "no id"}],
        3,
        {"tickets": "1,2"},
    ],
)
def test_wrong_shapes(server: FakeServer, body: object) -> None:
    server.script("/ggus/api/v1/tickets/search", Reply(200, body))
    with pytest.raises(ServiceError, match="^GGUS: unexpected answer from 127.0.0.1"):
        count_open(config(server.url + "/ggus"), GGUS_TOKEN)


def test_login_page_instead_of_api(server: FakeServer) -> None:
    page = "<!DOCTYPE html><html><title>EGI Check-in</title></html>"
    server.script("/ggus/api/v1/tickets/search", Reply(200, page, content_type="text/html"))
    with pytest.raises(ServiceError, match="^GGUS: .*HTML page.*OSGTUI_GGUS_TOKEN"):
        count_open(config(server.url + "/ggus"), GGUS_TOKEN)
