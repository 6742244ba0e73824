"""No secret leaves osgtui in any form, even when a server echoes the request in its error.

A real loopback server (:class:`~tests.services.fakeserver.Echo`) answers every
request with an error quoting the ``Authorization`` header and the query string
back, led by one secret part (header, ``user:token``, user, token...) in one
encoding (plain, URL-encoded, Base64 variants). The ServiceError text and the
log must hold none of :func:`~tests.services.fakeserver.every_form` of the header
sent, nor the Jira user's e-mail in any encoding.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from osgtui.config import FreshdeskConfig, GgusConfig, JiraConfig, Secrets
from osgtui.errors import ServiceError
from osgtui.services import freshdesk, ggus
from osgtui.services.jira import JiraClient
from osgtui.services.redact import Redactor, redactor_for

from .conftest import FD_KEY, GGUS_TOKEN, TOKEN, USER
from .fakeserver import ENCODINGS, Echo, FakeServer, basic, every_form

Call = Callable[[str], object]


def _jira(flavor: str) -> Call:
    def call(url: str) -> object:
        config = JiraConfig(url=url, flavor=flavor, states=("Open",), timeout=5.0)
        with JiraClient(config, USER, TOKEN) as client:
            return client.count_states()

    return call


SERVICES: dict[str, tuple[str, str, Call]] = {
    "jira-cloud": ("Jira", basic(USER, TOKEN), _jira("cloud")),
    "jira-server": ("Jira", f"Bearer {TOKEN}", _jira("server")),
    "freshdesk": (
        "Freshdesk",
        basic(FD_KEY, "X"),
        lambda url: freshdesk.count_open(FreshdeskConfig(url=url, timeout=5.0), FD_KEY),
    ),
    "ggus": (
        "GGUS",
        f"Token token={GGUS_TOKEN}",
        lambda url: ggus.count_open(GgusConfig(url=url, query="q", timeout=5.0), GGUS_TOKEN),
    ),
}
PARTS = {
    "jira-cloud": ("header", "pair", "user", "password"),
    "jira-server": ("header", "token"),
    "freshdesk": ("header", "pair", "user"),
    "ggus": ("header", "token"),
}
USER_FORMS = {encode(USER) for encode in ENCODINGS.values()}


def leaks(text: str, header: str) -> list[str]:
    """The forms of the secrets (and of the Jira e-mail) found in ``text``."""
    return sorted(form for form in every_form(header) | USER_FORMS if form in text)


def fails(server: FakeServer, service: str, echo: Echo) -> str:
    name, _, call = SERVICES[service]
    url = server.mount("/api", echo)
    with pytest.raises(ServiceError) as caught:
        call(url)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    assert caught.value.__cause__ is None and caught.value.__context__ is None
    return message


@pytest.mark.parametrize("service", list(SERVICES))
@pytest.mark.parametrize("status", [400, 401, 403, 404, 500])
@pytest.mark.parametrize("style", ["text", "json", "json-escaped"])
def test_echoed_request_never_shows_a_secret(
    server: FakeServer,
    service: str,
    status: int,
    style: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    header = SERVICES[service][1]
    message = fails(server, service, Echo(status, style=style, part="header"))
    (seen,) = server.seen()
    assert seen.header("Authorization") == header  # the secret was really sent and echoed
    assert f"HTTP {status}" in message and "echo ***" in message
    assert leaks(message, header) == []
    assert leaks(caplog.text, header) == []


@pytest.mark.parametrize(
    ("service", "part"), [(s, p) for s, parts in PARTS.items() for p in parts]
)
@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_every_encoding_of_every_part_is_hidden(
    server: FakeServer, service: str, part: str, encoding: str
) -> None:
    header = SERVICES[service][1]
    message = fails(server, service, Echo(401, part=part, encoding=encoding))
    assert "echo ***" in message, message
    assert leaks(message, header) == []


def test_redactor_for_covers_every_credential_and_header() -> None:
    redact = redactor_for(Secrets(USER, TOKEN, FD_KEY, GGUS_TOKEN))
    headers = [basic(USER, TOKEN), f"Bearer {TOKEN}", basic(FD_KEY, "X"), f"Token token={GGUS_TOKEN}"]
    for header in headers:
        for form in every_form(header) | USER_FORMS:
            assert redact(f"<{form}>") == "<***>", form
    assert redact(f"user {USER.upper()} denied") == "user *** denied"  # a server may fold case


def test_redactor_leaves_other_text_alone() -> None:
    redact = Redactor([TOKEN], basic=[(FD_KEY, "X")])
    assert redact("Xerox: 3 issues, X marks") == "Xerox: 3 issues, X marks"
    assert Redactor()("plain") == "plain"
    assert redact.json({"a": [TOKEN, 3, {TOKEN: None}]}) == {"a": ["***", 3, {"***": None}]}
    assert TOKEN not in repr(redact)
