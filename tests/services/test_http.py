"""HttpClient: success, every failure mapped to one ServiceError line, retries, redaction."""

from __future__ import annotations

import logging
import socket
import traceback

import pytest
import urllib3.util.connection

from osgtui import __version__
from osgtui.errors import ServiceError
from osgtui.services.http import HttpClient, bearer_auth, error_detail

from .conftest import TOKEN
from .fakeserver import FakeServer, Reply, closed_port, jira_error


def client(timeout: float = 2.0, **kwargs: object) -> HttpClient:
    return HttpClient(
        "Jira",
        section="jira",
        credentials="OSGTUI_JIRA_TOKEN",
        timeout=timeout,
        auth=bearer_auth(TOKEN),
        secrets=(TOKEN,),
        **kwargs,  # type: ignore[arg-type]
    )


def failure(url: str, **kwargs: object) -> ServiceError:
    with client(**kwargs) as http, pytest.raises(ServiceError) as caught:
        http.get_json(url)
    err = caught.value
    message = str(err)
    assert message.startswith("Jira: ")
    assert "\n" not in message
    assert err.__cause__ is None and err.__context__ is None
    return err


def test_success_sends_user_agent_auth_and_params(server: FakeServer) -> None:
    url = server.script("/x", Reply(200, {"total": 3}))
    with client() as http:
        assert http.get_json(url, {"jql": 'a = "b c"', "n": 0}) == {"total": 3}
    (seen,) = server.seen("/x")
    assert seen.header("User-Agent") == f"osgtui/{__version__}"
    assert seen.header("Authorization") == f"Bearer {TOKEN}"
    assert seen.param("jql") == 'a = "b c"' and seen.param("n") == "0"


def test_connection_refused() -> None:
    port = closed_port()
    err = failure(f"http://127.0.0.1:{port}/rest")
    assert f"connection refused by 127.0.0.1:{port}" in str(err)
    assert "check jira.url" in str(err)


def test_dns_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    err = failure("https://jira.nowhere.invalid/rest")
    assert "cannot resolve host jira.nowhere.invalid" in str(err)


def test_connect_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    def never_connects(*args: object, **kwargs: object) -> None:
        raise TimeoutError("timed out")

    monkeypatch.setattr(urllib3.util.connection, "create_connection", never_connects)
    err = failure("http://10.255.255.1/rest", timeout=0.3)
    assert "timed out connecting to 10.255.255.1 after 0.3 s" in str(err)
    assert "jira.timeout" in str(err)


def test_slow_response_beyond_read_timeout(server: FakeServer) -> None:
    url = server.script("/slow", Reply(200, {"total": 1}, delay=1.5))
    err = failure(url, timeout=0.3)
    assert "did not answer within 0.3 s" in str(err)


def test_hanging_body(server: FakeServer) -> None:
    url = server.script("/hang", Reply(200, {"total": 1, "pad": "x" * 1000}, hang=1.5))
    err = failure(url, timeout=0.3)
    assert "did not answer within 0.3 s" in str(err)


def test_tls_failure_is_reported_not_bypassed(server: FakeServer) -> None:
    err = failure(server.url.replace("http://", "https://") + "/x")
    assert "TLS (certificate) check failed" in str(err)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/x", "example.org/x", "http:///x", "http://[::1/x", "http://h:99999/"]
)
def test_url_that_is_not_http(url: str) -> None:
    err = failure(url)
    assert "jira.url is not an http(s) URL" in str(err)


def test_host_that_cannot_be_used() -> None:
    assert "request to a..b failed (LocationParseError)" in str(failure("http://a..b/x"))


def test_401_with_jira_message(server: FakeServer) -> None:
    url = server.script(
        "/x", jira_error(401, "Client must be authenticated to access this resource.")
    )
    err = failure(url)
    assert "HTTP 401 Unauthorized" in str(err)
    assert "Client must be authenticated" in str(err)
    assert str(err).endswith("check OSGTUI_JIRA_TOKEN")


def test_401_plain_text(server: FakeServer) -> None:
    body = "Client must be authenticated to access this resource.\n"
    url = server.script("/x", Reply(401, body, content_type="text/plain"))
    assert "401 Unauthorized from 127.0.0.1" in str(err := failure(url))
    assert "Client must be authenticated to access this resource; check" in str(err)


def test_403_captcha(server: FakeServer) -> None:
    reason = "CAPTCHA_CHALLENGE; login-url=https://jira.example.org/login.jsp"
    url = server.script("/x", Reply(403, b"", headers={"X-Authentication-Denied-Reason": reason}))
    message = str(failure(url))
    assert "HTTP 403 Forbidden" in message
    assert "X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE" in message
    assert "login-url" not in message
    assert "CAPTCHA" in message.split(";")[-1]


def test_404_names_the_path(server: FakeServer) -> None:
    message = str(failure(server.url + "/no/such/api?jql=x"))
    assert "HTTP 404 Not Found for /no/such/api on 127.0.0.1" in message
    assert "jql" not in message
    assert message.endswith("check jira.url")


def test_410_uses_the_status_hint(server: FakeServer) -> None:
    url = server.script("/x", jira_error(410, "The requested API has been removed."))
    message = str(failure(url, status_hints={410: 'set flavor = "cloud" in [jira]'}))
    assert "HTTP 410 Gone" in message and "The requested API has been removed;" in message
    assert message.endswith('set flavor = "cloud" in [jira]')


def test_429_then_200_retries_once_after_retry_after(
    server: FakeServer, no_sleep: list[float]
) -> None:
    url = server.script(
        "/x", Reply(429, {}, headers={"Retry-After": "3"}), Reply(200, {"ok": True})
    )
    with client() as http:
        assert http.get_json(url) == {"ok": True}
    assert no_sleep == [3.0]
    assert len(server.seen("/x")) == 2


def test_429_retry_after_is_capped(server: FakeServer, no_sleep: list[float]) -> None:
    url = server.script(
        "/x", Reply(429, {}, headers={"Retry-After": "3600"}), Reply(200, {"ok": True})
    )
    with client() as http:
        http.get_json(url)
    assert no_sleep == [5.0]


def test_429_without_retry_after_waits_a_default(server: FakeServer, no_sleep: list[float]) -> None:
    url = server.script("/x", Reply(429, {}), Reply(200, {"ok": True}))
    with client() as http:
        http.get_json(url)
    assert no_sleep == [1.0]


def test_429_twice_fails_after_one_retry(server: FakeServer, no_sleep: list[float]) -> None:
    url = server.script("/x", Reply(429, {}, headers={"Retry-After": "0"}))
    message = str(failure(url))
    assert "rate limited by 127.0.0.1" in message and "HTTP 429" in message
    assert "enter the number by hand" in message
    assert len(server.seen("/x")) == 2
    assert no_sleep == [0.0]


def test_real_retry_after_wait(server: FakeServer) -> None:
    url = server.script("/x", Reply(429, {}, headers={"Retry-After": "0"}), Reply(200, [1]))
    with client() as http:
        assert http.get_json(url) == [1]


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx(server: FakeServer, status: int) -> None:
    url = server.script("/x", jira_error(status, "Internal server error"))
    message = str(failure(url))
    assert f"HTTP {status}" in message and "Internal server error" in message
    assert "try again later" in message


def test_other_status(server: FakeServer) -> None:
    url = server.script("/x", Reply(418, {"message": "I'm a teapot"}))
    assert "HTTP 418 from 127.0.0.1" in (message := str(failure(url)))
    assert "I'm a teapot" in message


def test_body_not_json(server: FakeServer) -> None:
    url = server.script("/x", Reply(200, "total=5", content_type="text/plain"))
    assert "answered with something that is not JSON" in str(failure(url))


@pytest.mark.parametrize(
    "reply",
    [
        Reply(200, "<!DOCTYPE html><title>Log in</title>", content_type="text/html; charset=UTF-8"),
        Reply(200, "  <html><body>Log in</body></html>", content_type="application/json"),
    ],
)
def test_html_login_page(server: FakeServer, reply: Reply) -> None:
    url = server.script("/x", reply)
    message = str(failure(url))
    assert "answered with an HTML page, not JSON" in message
    assert "OSGTUI_JIRA_TOKEN" in message


def test_error_detail_is_cut_and_on_one_line(server: FakeServer) -> None:
    url = server.script("/x", jira_error(400, "line one\nline two " + "x" * 5000))
    message = str(failure(url))
    assert "line one line two xxx" in message
    assert len(message) < 400


def test_oversized_body_is_refused(server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from osgtui.services import http

    monkeypatch.setattr(http, "MAX_BODY", 100)
    url = server.script("/x", Reply(200, {"pad": "x" * 500}))
    assert "sent more than" in str(failure(url))


def test_error_detail_shapes() -> None:
    assert error_detail({"errorMessages": ["a", "b"], "errors": {"jql": "bad"}}) == "a; b; jql: bad"
    assert (
        error_detail(
            {"description": "Validation failed", "errors": [{"field": "query", "message": "m"}]}
        )
        == "query: m"
    )
    assert error_detail({"code": "access_denied", "message": "not allowed"}) == "not allowed"
    assert (
        error_detail({"error": "Invalid token!", "error_human": "Invalid token!!"})
        == "Invalid token!!"
    )
    assert error_detail(["x"]) == ""


# ---------------------------------------------------------------- redaction


def _all_text(err: BaseException) -> str:
    return str(err) + repr(err) + "".join(traceback.format_exception(err)) + repr(err.args)


def test_secret_in_url_and_headers_is_redacted_on_refused_port() -> None:
    url = f"http://127.0.0.1:{closed_port()}/{TOKEN}/rest?token={TOKEN}"
    err = failure(url)
    assert TOKEN not in _all_text(err)


def test_secret_in_path_is_redacted_from_404(server: FakeServer) -> None:
    err = failure(f"{server.url}/base/{TOKEN}/rest")
    assert "***" in str(err)
    assert TOKEN not in _all_text(err)


def test_secret_echoed_by_the_server_is_redacted(server: FakeServer) -> None:
    url = server.script("/x", jira_error(401, f"Bad token {TOKEN}"))
    err = failure(url)
    assert "Bad token ***" in str(err)
    assert TOKEN not in _all_text(err)


def test_secret_at_the_cut_of_a_long_detail_is_redacted(server: FakeServer) -> None:
    for padding in range(180, 200):
        url = server.script("/x", jira_error(401, "p" * padding + TOKEN))
        err = failure(url)
        assert TOKEN[:6] not in _all_text(err), padding


def test_secret_absent_from_timeouts_reprs_and_logs(
    server: FakeServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = server.script("/x", Reply(200, {"total": 1}, delay=1.0))
    with client(timeout=0.2) as http:
        assert TOKEN not in repr(http) and TOKEN not in repr(http._session.auth)
        with pytest.raises(ServiceError) as caught:
            http.get_json(url)
        http.get_json(server.script("/ok", Reply(200, {})))
    assert TOKEN not in _all_text(caught.value)
    assert caplog.records, "debug logging was captured"
    assert TOKEN not in caplog.text
