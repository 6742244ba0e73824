"""The one place osgtui talks HTTP: a small JSON client over ``requests``.

Every call has one deadline, the configured timeout, for the whole request
(name lookup, connect, headers and body: :mod:`.deadline`), verifies TLS, sends
``User-Agent: osgtui/<version>`` and retries a 429 at most once (honouring
``Retry-After``, capped at :data:`RETRY_AFTER_CAP`). Every failure becomes one
:class:`~osgtui.errors.ServiceError` whose message is a single line naming the
service, what went wrong and what to do. Secrets given to the client, and the
``Authorization`` header it sends, are redacted from every message in every
form a server could echo (:mod:`.redact`), and no ``requests`` exception (they
embed URLs) is ever chained to the error: errors are raised outside ``except``
blocks, so ``__cause__`` and ``__context__`` stay empty.
"""

from __future__ import annotations

import email.utils
import json
import logging
import math
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeGuard, cast
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from osgtui import __version__
from osgtui.errors import ServiceError
from osgtui.services.deadline import DeadlineAdapter, Late, run_within
from osgtui.services.redact import Redactor

log = logging.getLogger("osgtui.services")

USER_AGENT = f"osgtui/{__version__}"
RETRY_AFTER_CAP = 5.0
"""Longest wait (seconds) before the single retry of a 429 during a live meeting."""
RETRY_AFTER_DEFAULT = 1.0
"""Wait (seconds) before retrying a 429 that carries no usable ``Retry-After``."""
MAX_BODY = 20 * 1024 * 1024
"""Largest answer accepted (bytes); the counts osgtui needs are far smaller."""
DETAIL_MAX = 200
"""Longest server-provided detail (characters) quoted in an error message."""

_sleep = time.sleep  # replaced in tests to observe the wait without waiting


class _HeaderAuth(requests.auth.AuthBase):
    """Sets ``Authorization`` to a fixed value; its repr never shows the value."""

    def __init__(self, value: str) -> None:
        self.header_value = value

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = self.header_value
        return request

    def __repr__(self) -> str:
        return "<Authorization redacted>"


class _BasicAuth(requests.auth.HTTPBasicAuth):
    """HTTP Basic auth whose repr never shows the password."""

    def __repr__(self) -> str:
        return "<Basic auth redacted>"


def bearer_auth(token: str) -> requests.auth.AuthBase:
    """``Authorization: Bearer <token>`` (Jira Server/DC personal access token)."""
    return _HeaderAuth(f"Bearer {token}")


def token_auth(token: str) -> requests.auth.AuthBase:
    """``Authorization: Token token=<token>`` (Zammad access token, GGUS)."""
    return _HeaderAuth(f"Token token={token}")


def basic_auth(user: str, password: str) -> requests.auth.AuthBase:
    """HTTP Basic ``user:password`` (Jira Cloud e-mail + API token, Freshdesk key + X)."""
    return _BasicAuth(user, password)


def is_count(value: Any) -> TypeGuard[int]:
    """True for a non-negative ``int`` (not a bool): a usable count from JSON."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def ticket_client(
    service: str,
    section: str,
    config: Any,
    secret: str | None,
    auth: Callable[[str], requests.auth.AuthBase],
    needs: tuple[str, str, str],
) -> tuple[HttpClient, str]:
    """An :class:`HttpClient` for a ticket service that always needs a secret, and its base URL.

    ``config`` has ``url`` and ``timeout``; ``needs`` is (environment variable of
    the secret, what the secret is, the query syntax). Raises
    :class:`ServiceError` when ``url`` is empty (manual entry) or the secret is
    missing: no anonymous request is sent, since its empty answer could pass for
    a real zero. 400 and 422 answers point at ``<section>.query``.
    """
    secret_env, secret_what, query_hint = needs
    url, timeout = config.url, config.timeout
    if not url:
        raise ServiceError(f"{service}: {section}.url is empty (manual entry); set it to fetch")
    if not secret:
        raise ServiceError(
            f"{service}: {secret_env} is not set; set it to {secret_what}, "
            "or enter the number by hand"
        )
    hint = f"check {section}.query ({query_hint})"
    client = HttpClient(
        service,
        section=section,
        credentials=secret_env,
        timeout=timeout,
        auth=auth(secret),
        secrets=(secret,),
        status_hints={400: hint, 422: hint},
    )
    return client, url.rstrip("/")


def one_line(text: str, limit: int = DETAIL_MAX) -> str:
    """Collapse whitespace to single spaces and cut to ``limit`` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def error_detail(payload: Any) -> str:
    """The human part of a JSON error body from Jira, Freshdesk or Zammad ("" if none).

    Jira: ``errorMessages`` (list) and ``errors`` (field → message); Freshdesk:
    ``errors[].message`` (with ``field``) or ``message``/``description``;
    Zammad: ``error_human`` or ``error``.
    """
    if not isinstance(payload, dict):
        return ""
    parts: list[str] = []
    messages = payload.get("errorMessages")
    if isinstance(messages, list):
        parts += [str(m) for m in messages if isinstance(m, str | int | float) and str(m)]
    errors = payload.get("errors")
    if isinstance(errors, dict):
        parts += [f"{k}: {v}" for k, v in errors.items() if isinstance(v, str | int | float)]
    elif isinstance(errors, list):
        for item in errors:
            if isinstance(item, dict) and isinstance(item.get("message"), str):
                field = item.get("field")
                prefix = f"{field}: " if isinstance(field, str) and field else ""
                parts.append(prefix + item["message"])
    if not parts:
        for key in ("error_human", "message", "error", "description"):
            value = payload.get(key)
            if isinstance(value, str) and value:
                parts.append(value)
                break
    return one_line("; ".join(parts))


def _looks_html(content_type: str, body: bytes) -> bool:
    return "text/html" in content_type.lower() or body.lstrip()[:1] == b"<"


def _retry_after(value: str | None) -> float:
    """Seconds to wait from a ``Retry-After`` header (seconds or HTTP date)."""
    if not value:
        return RETRY_AFTER_DEFAULT
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return RETRY_AFTER_DEFAULT
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    if not math.isfinite(seconds):
        return RETRY_AFTER_DEFAULT
    return max(0.0, seconds)


def _chain(exc: BaseException) -> Iterable[BaseException]:
    """The exception, its args that are exceptions, and its causes, depth first."""
    seen: set[int] = set()
    stack = [exc]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        stack += [a for a in getattr(item, "args", ()) if isinstance(a, BaseException)]
        for linked in (item.__cause__, item.__context__, getattr(item, "reason", None)):
            if isinstance(linked, BaseException):
                stack.append(linked)


def _has(exc: BaseException, *kinds: type[BaseException]) -> bool:
    return any(isinstance(e, kinds) for e in _chain(exc))


class HttpClient:
    """A JSON-over-HTTP client for one service, with one ``requests.Session``.

    ``service`` is the name used in messages ("Jira"), ``section`` the config
    section whose keys messages point at ("jira" → "check jira.url"),
    ``credentials`` the environment variables to check on 401/403.
    ``status_hints`` overrides the advice for given HTTP statuses. ``secrets``
    are strings redacted from every message (with the ``Authorization`` value
    ``auth`` sends, and a Basic ``user:password``), in every encoding. Each
    request has ``timeout`` seconds in all. Use as a context manager or call
    :meth:`close`.
    """

    def __init__(
        self,
        service: str,
        *,
        section: str,
        credentials: str,
        timeout: float,
        auth: requests.auth.AuthBase | None = None,
        secrets: Iterable[str | None] = (),
        status_hints: Mapping[int, str] | None = None,
    ) -> None:
        self.service = service
        self.section = section
        self.credentials = credentials
        self.timeout = float(timeout) if timeout and timeout > 0 else 10.0
        self.status_hints = dict(status_hints or {})
        hidden = [*secrets, getattr(auth, "header_value", None)]
        pairs = [(cast(str, auth.username), cast(str, auth.password))] if isinstance(auth, _BasicAuth) else []
        self._redact = Redactor(hidden, basic=pairs)
        self._session = requests.Session()
        for prefix in ("https://", "http://"):
            self._session.mount(prefix, DeadlineAdapter())
        self._session.verify = True
        self._session.auth = auth
        self._session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})

    def __repr__(self) -> str:
        return f"HttpClient(service={self.service!r}, timeout={self.timeout!r})"

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the session's connections."""
        self._session.close()

    # ----------------------------------------------------------------- errors

    def redact(self, text: str) -> str:
        """``text`` with every secret, in every form a server could echo, replaced by ``***``."""
        return self._redact(text)

    def error(self, text: str) -> ServiceError:
        """A :class:`ServiceError` "<Service>: <text>", redacted and on one line."""
        return ServiceError(one_line(self.redact(f"{self.service}: {text}"), 600))

    def shape_error(self, url: str, what: str) -> ServiceError:
        """The error for a JSON answer that does not have the expected shape."""
        return self.error(
            f"unexpected answer from {_host(url)}: {what}; "
            f"check {self.section}.url points at the {self.service} API"
        )

    # --------------------------------------------------------------- requests

    def get_json(self, url: str, params: Mapping[str, str | int] | None = None) -> Any:
        """GET ``url`` with ``params`` and return the decoded JSON answer.

        Raises :class:`ServiceError` for every failure: network, timeout, TLS,
        HTTP status other than 2xx (after at most one 429 retry), HTML pages,
        bodies that are not JSON.
        """
        self._check_url(url)
        waited = 0.0
        for attempt in (1, 2):
            status, headers, body = self._get(url, params)
            if status == 429 and attempt == 1:
                waited = min(_retry_after(headers.get("Retry-After")), RETRY_AFTER_CAP)
                log.debug("%s: HTTP 429, retrying once after %.1f s", self.service, waited)
                _sleep(waited)
                continue
            break
        if not 200 <= status < 300:
            raise self._status_error(url, status, headers, body, waited)
        if _looks_html(headers.get("Content-Type", ""), body):
            raise self.error(
                f"{_host(url)} answered with an HTML page, not JSON (a login or proxy page?); "
                f"check {self.section}.url and {self.credentials}"
            )
        try:
            return json.loads(body)
        except ValueError:
            pass
        raise self.error(
            f"{_host(url)} answered with something that is not JSON; "
            f"check {self.section}.url points at the {self.service} API"
        )

    def _check_url(self, url: str) -> None:
        try:
            parts = urlsplit(url)
            ok = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
        except ValueError:  # a bad port or IPv6 literal
            ok = False
        if not ok:
            raise self.error(
                f"{self.section}.url is not an http(s) URL; set it like https://host.example.org"
            )

    def _get(
        self, url: str, params: Mapping[str, str | int] | None
    ) -> tuple[int, requests.structures.CaseInsensitiveDict[str], bytes]:
        """One GET, done within the deadline (``timeout`` seconds in all) or abandoned."""
        outcome = run_within(
            self.timeout, lambda: self._attempt(url, params), name=f"osgtui-{self.section}"
        )
        if isinstance(outcome, Late):
            raise self._read_timeout(url) if outcome.connected else self._connect_timeout(url)
        if isinstance(outcome, ServiceError):
            raise outcome  # made in the request thread, raised here: nothing is chained
        return outcome

    def _attempt(
        self, url: str, params: Mapping[str, str | int] | None
    ) -> tuple[int, requests.structures.CaseInsensitiveDict[str], bytes] | ServiceError:
        """One GET (runs in the request thread); every exception is mapped to the error returned."""
        failure: ServiceError
        try:
            response = self._session.get(
                url,
                params=params,
                timeout=(self.timeout, self.timeout),
                verify=True,
                stream=True,
            )
            with response:
                body = self._read_body(url, response)
                log.debug(
                    "%s: GET %s -> %s", self.service, urlsplit(url).path, response.status_code
                )
                return response.status_code, response.headers, body
        except ServiceError as err:
            failure = err
        except requests.RequestException as exc:
            failure = self._exception_error(url, exc)
        except (ValueError, OSError) as exc:  # e.g. a host name that cannot be encoded
            failure = self.error(
                f"request to {_host(url)} failed ({type(exc).__name__}); check {self.section}.url"
            )
        return failure

    def _read_body(self, url: str, response: requests.Response) -> bytes:
        """The body, in chunks, refused beyond :data:`MAX_BODY` (the deadline is :meth:`_get`'s)."""
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(64 * 1024):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BODY:
                raise self.error(
                    f"{_host(url)} sent more than {MAX_BODY // 2**20} MB; "
                    f"check {self.section}.url points at the {self.service} API"
                )
        return b"".join(chunks)

    def _read_timeout(self, url: str) -> ServiceError:
        return self.error(
            f"{_host(url)} did not answer within {self.timeout:g} s; "
            f"try again, or raise {self.section}.timeout"
        )

    def _connect_timeout(self, url: str) -> ServiceError:
        return self.error(
            f"timed out connecting to {_host(url)} after {self.timeout:g} s; "
            f"check your network or VPN, or raise {self.section}.timeout"
        )

    def _exception_error(self, url: str, exc: requests.RequestException) -> ServiceError:
        host = _host(url)
        url_hint = f"check {self.section}.url"
        if isinstance(exc, requests.ConnectTimeout):
            return self._connect_timeout(url)
        if isinstance(exc, requests.ReadTimeout) or _has(exc, urllib3.exceptions.ReadTimeoutError):
            return self._read_timeout(url)
        if isinstance(exc, requests.exceptions.SSLError):
            return self.error(
                f"TLS (certificate) check failed for {host}; {url_hint} (https) "
                "and the system's CA certificates"
            )
        if _has(exc, urllib3.exceptions.NameResolutionError):
            return self.error(f"cannot resolve host {_hostname(url)}; {url_hint} and your network")
        if _has(exc, ConnectionRefusedError):
            return self.error(
                f"connection refused by {host}; {url_hint} and that the service is up"
            )
        if isinstance(exc, requests.exceptions.ChunkedEncodingError):
            return self.error(f"connection to {host} broke while reading the answer; try again")
        if isinstance(exc, requests.ConnectionError):
            return self.error(f"cannot connect to {host}; {url_hint} and your network")
        if isinstance(exc, requests.TooManyRedirects):
            return self.error(f"too many redirects from {host}; {url_hint}")
        if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema)):
            return self.error(f"{self.section}.url is not a valid URL; {url_hint}")
        return self.error(f"request to {host} failed ({type(exc).__name__}); {url_hint}")

    def _status_error(
        self,
        url: str,
        status: int,
        headers: Mapping[str, str],
        body: bytes,
        waited: float,
    ) -> ServiceError:
        host = _host(url)
        detail = self._body_detail(headers, body).rstrip(". ")
        reason = _REASONS.get(status, "")
        head = f"HTTP {status}{' ' + reason if reason else ''} from {host}"
        if detail:
            head += f": {detail}"
        if status == 403:
            denied = headers.get("X-Authentication-Denied-Reason")
            if denied:
                head += f" (X-Authentication-Denied-Reason: {one_line(denied.split(';')[0], 60)})"
        if status in self.status_hints:
            advice = self.status_hints[status]
        elif status == 401:
            advice = f"check {self.credentials}"
        elif status == 403:
            advice = f"check that {self.credentials} has access"
            if headers.get("X-Authentication-Denied-Reason"):
                advice += " and log in once in a browser to clear the CAPTCHA"
        elif status == 404:
            head = f"HTTP 404 Not Found for {urlsplit(url).path} on {host}" + (
                f": {detail}" if detail else ""
            )
            advice = f"check {self.section}.url"
        elif status == 400:
            advice = f"check the query settings in [{self.section}]"
        elif status == 429:
            return self.error(
                f"rate limited by {host} (HTTP 429) again after waiting {waited:g} s; "
                "wait a minute and try again, or enter the number by hand"
            )
        elif status >= 500:
            advice = "the server has a problem, try again later or enter the number by hand"
        else:
            advice = f"check {self.section}.url"
        return self.error(f"{head}; {advice}")

    def _body_detail(self, headers: Mapping[str, str], body: bytes) -> str:
        """The server's own error text, redacted before it is cut to length."""
        if not body.strip() or _looks_html(headers.get("Content-Type", ""), body):
            return ""
        text = self.redact(body.decode("utf-8", errors="replace"))
        try:
            payload = json.loads(text)
        except ValueError:
            return one_line(text[:2000])
        return error_detail(self._redact.json(payload))  # JSON escapes hid some forms until now


_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    410: "Gone",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


def _hostname(url: str) -> str:
    try:
        return urlsplit(url).hostname or "?"
    except ValueError:
        return "?"


def _host(url: str) -> str:
    """``host[:port]`` of ``url``, never its user info, path or query."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "?"
    return f"{parts.hostname or '?'}{f':{port}' if port else ''}"
