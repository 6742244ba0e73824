"""A real HTTP server on 127.0.0.1 emulating Jira Server/DC, Jira Cloud, Freshdesk and GGUS.

Used by tests/services and benchmarks/bench_fetch.py (which puts this folder on
``sys.path``), so it imports nothing from the tests. ``FakeServer`` is a stdlib
``ThreadingHTTPServer`` in a thread; APIs are mounted at URL prefixes, so one
server can play every service at once (``server.url + "/jira"`` ...). It records
every request (path, query, headers) and the most requests it had in flight at
once, can delay every answer, and can be scripted per path with canned
:class:`Reply` values (any status, headers, raw or HTML bodies, slow, hanging or
trickling answers). :class:`Echo` answers with an error quoting the request's
headers and query string back, in the encodings of :data:`ENCODINGS`.

The emulators answer with the services' real JSON shapes, check auth headers and
evaluate the small query languages osgtui sends (JQL ``field = v``,
``field in (...)`` joined by ``AND``; Freshdesk ``field:value`` with
``AND``/``OR``/parentheses).
"""

from __future__ import annotations

import base64
import json
import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, quote_plus, urlsplit


@dataclass
class Reply:
    """A canned answer. ``body``: JSON value, or ``bytes``/``str`` sent as is.

    ``delay`` waits before the headers; ``hang`` sends the headers and half the
    body, then waits that long before the rest. ``trickle`` sends one byte every
    ``trickle`` seconds: of the status line and headers when ``trickle_headers``,
    else of the body.
    """

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"
    delay: float = 0.0
    hang: float = 0.0
    trickle: float = 0.0
    trickle_headers: bool = False

    def payload(self) -> bytes:
        """The body as bytes."""
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode()
        return b"" if self.body is None else json.dumps(self.body).encode()


@dataclass
class Seen:
    """One request the server received (``path`` relative to the mount prefix)."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    raw_query: str = ""

    def param(self, name: str) -> str | None:
        """The first value of query parameter ``name``."""
        values = self.query.get(name)
        return values[0] if values else None

    def header(self, name: str) -> str | None:
        """Header ``name`` (case-insensitive)."""
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


App = Callable[[Seen], Reply]


_HELD: list[socket.socket] = []
"""Sockets bound and never listening, for :func:`closed_port` (kept open while the tests run)."""


def closed_port() -> int:
    """A loopback port nothing listens on: bound here, never listening, and kept bound.

    A connection to it is refused, and no other test (nor another xdist worker) can be
    given the same port while it is held.
    """
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    _HELD.append(sock)
    return sock.getsockname()[1]


def basic(user: str, password: str) -> str:
    """The ``Authorization`` value for HTTP Basic ``user:password``."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def jira_error(status: int, *messages: str) -> Reply:
    """A Jira error envelope ``{"errorMessages": [...], "errors": {}}``."""
    return Reply(status, {"errorMessages": list(messages), "errors": {}})


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self.server.fake.handle(self)  # type: ignore[attr-defined]

    do_POST = do_GET

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class FakeServer:
    """The loopback server. Start with ``with FakeServer() as server:`` or :meth:`start`."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.requests: list[Seen] = []
        self.max_in_flight = 0
        self._in_flight = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._mounts: dict[str, App] = {}
        self._scripts: dict[str, list[Reply]] = {}
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._httpd.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def in_flight(self) -> int:
        """Requests being answered now (a handler ends once the client has gone)."""
        with self._lock:
            return self._in_flight

    def start(self) -> FakeServer:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and wake every waiting handler."""
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def mount(self, prefix: str, app: App) -> str:
        """Serve ``app`` under ``prefix`` ("" for the root); returns the base URL."""
        self._mounts[prefix.rstrip("/")] = app
        return self.url + prefix.rstrip("/")

    def script(self, path: str, *replies: Reply) -> str:
        """Answer ``path`` with ``replies`` in turn (the last repeats); returns its URL."""
        self._scripts[path] = list(replies)
        return self.url + path

    def seen(self, path_end: str = "") -> list[Seen]:
        """Recorded requests whose path ends with ``path_end``."""
        with self._lock:
            return [r for r in self.requests if r.path.endswith(path_end)]

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        """Record, route and answer one request."""
        parts = urlsplit(handler.path)
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            reply = self._route(handler.command, parts.path, parts.query, dict(handler.headers))
            self._stop.wait(self.delay + reply.delay)
            self._send(handler, reply)
        except OSError:  # the client gave up (timeout tests)
            handler.close_connection = True
        finally:
            with self._lock:
                self._in_flight -= 1

    def _route(self, method: str, path: str, query: str, headers: dict[str, str]) -> Reply:
        seen = Seen(method, path, parse_qs(query, keep_blank_values=True), headers, query)
        with self._lock:
            self.requests.append(seen)
            queue = self._scripts.get(path)
            if queue:
                return queue.pop(0) if len(queue) > 1 else queue[0]
        for prefix in sorted(self._mounts, key=len, reverse=True):
            if path == prefix or path.startswith(prefix + "/"):
                seen.path = path[len(prefix) :] or "/"
                return self._mounts[prefix](seen)
        return Reply(404, "Not found", content_type="text/plain")

    def _send(self, handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.trickle:
            self._trickle(handler, reply)
            return
        body = reply.payload()
        handler.send_response(reply.status)
        handler.send_header("Content-Type", reply.content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        if reply.hang:
            handler.wfile.write(body[: len(body) // 2])
            handler.wfile.flush()
            self._stop.wait(reply.hang)
            body = body[len(body) // 2 :]
        handler.wfile.write(body)
        handler.wfile.flush()

    def _trickle(self, handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        """Send the answer one byte at a time (headers or body), until done or stopped."""
        body = reply.payload()
        head = [f"HTTP/1.1 {reply.status} Whatever", f"Content-Type: {reply.content_type}",
                f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in reply.headers.items())]
        head_bytes = ("\r\n".join(head) + "\r\n\r\n").encode()
        slow, fast = (head_bytes, body) if reply.trickle_headers else (body, head_bytes)
        if not reply.trickle_headers:
            handler.wfile.write(fast)
        for i in range(len(slow)):
            handler.wfile.write(slow[i : i + 1])
            handler.wfile.flush()
            if self._stop.wait(reply.trickle):
                return
        if reply.trickle_headers:
            handler.wfile.write(fast)
            handler.wfile.flush()


# --------------------------------------------------------------------- Jira


def make_issues(
    project: str, counts: dict[str, int], *, version: str | None = None, start: int = 1
) -> list[dict[str, Any]]:
    """Issues ``PROJECT-n`` with the given number per status (and fixVersion)."""
    issues = []
    number = start
    for status, count in counts.items():
        for _ in range(count):
            issues.append(
                {
                    "key": f"{project}-{number}",
                    "summary": f"Summary of {project}-{number}",
                    "status": status,
                    "project": project,
                    "fixVersion": [version] if version else [],
                }
            )
            number += 1
    return issues


_JQL_TOKEN = re.compile(r'\s*(?:"((?:\\.|[^"\\])*)"|([(),=])|([^\s(),="]+))')


def _jql_tokens(jql: str) -> list[tuple[str, str]]:
    """(kind, text) pairs: kind "s" string, "p" punctuation, "w" word."""
    jql = re.split(r"\s+ORDER\s+BY\s+", jql, flags=re.IGNORECASE)[0]
    tokens, pos = [], 0
    while pos < len(jql.rstrip()):
        match = _JQL_TOKEN.match(jql, pos)
        if not match:
            raise ValueError(f"Error in the JQL Query: unexpected character at {pos}")
        quoted, punct, word = match.groups()
        if quoted is not None:
            tokens.append(("s", re.sub(r"\\(.)", r"\1", quoted)))
        else:
            tokens.append(("p", punct) if punct else ("w", word))
        pos = match.end()
    return tokens


def parse_jql(jql: str) -> list[tuple[str, set[str]]]:
    """``a = v AND b in (x, y)`` → [(field lowercased, {allowed values}), ...]."""
    tokens = _jql_tokens(jql)
    clauses: list[tuple[str, set[str]]] = []
    i = 0
    while True:
        if i + 2 >= len(tokens):
            raise ValueError("Error in the JQL Query: incomplete clause")
        name, op = tokens[i][1].lower(), tokens[i + 1][1].lower()
        if op == "=":
            if tokens[i + 2][0] == "p":
                raise ValueError("Error in the JQL Query: expecting a value")
            values, i = {tokens[i + 2][1]}, i + 3
        elif op == "in" and tokens[i + 2] == ("p", "("):
            values, i = set(), i + 3
            while i < len(tokens) and tokens[i] != ("p", ")"):
                if tokens[i][0] != "p":
                    values.add(tokens[i][1])
                i += 1
            i += 1
        else:
            raise ValueError(f"Error in the JQL Query: Expecting operator but got '{op}'.")
        clauses.append((name, values))
        if i >= len(tokens):
            return clauses
        if tokens[i][1].upper() != "AND":
            raise ValueError(f"Error in the JQL Query: Expecting 'AND' but got '{tokens[i][1]}'.")
        i += 1


class _Jira:
    """What Jira Server and Cloud share: auth, JQL evaluation, issue rendering."""

    FIELDS = {"project": "project", "status": "status", "fixversion": "fixVersion"}

    def __init__(
        self,
        issues: list[dict[str, Any]],
        auth: str | None,
        anonymous: str,
        versions: tuple[str, ...],
    ) -> None:
        self.issues = issues
        self.auth = auth
        self.anonymous = anonymous  # "full", "empty" or "hidden"
        self.versions = versions  # fixVersions that exist besides those of the issues

    def who(self, seen: Seen) -> str | Reply:
        """ "user", "anonymous", or a 401 reply for wrong credentials."""
        given = seen.header("Authorization")
        if given is None:
            return "anonymous"
        if self.auth is not None and given == self.auth:
            return "user"
        return jira_error(401, "Client must be authenticated to access this resource.")

    def select(self, jql: str, who: str) -> list[dict[str, Any]] | Reply:
        try:
            clauses = parse_jql(jql)
        except (ValueError, IndexError) as err:
            return jira_error(
                400, str(err) if isinstance(err, ValueError) else "Error in the JQL Query"
            )
        if who == "anonymous" and self.anonymous == "hidden":
            project = next((v for f, vs in clauses if f == "project" for v in vs), "")
            return jira_error(400, f"The value '{project}' does not exist for the field 'project'.")
        for name, values in clauses:
            key = self.FIELDS.get(name)
            if key is None:
                return jira_error(
                    400, f"Field '{name}' does not exist or you do not have permission to view it."
                )
            known = {str(v).casefold() for i in self.issues for v in _as_list(i[key])}
            known |= {v.casefold() for v in self.versions}
            if name != "status":
                for value in (v for v in values if v.casefold() not in known):
                    return jira_error(
                        400, f"The value '{value}' does not exist for the field '{key}'."
                    )
        if who == "anonymous" and self.anonymous == "empty":
            return []
        return [
            issue
            for issue in self.issues
            if all(
                {str(v).casefold() for v in _as_list(issue[self.FIELDS[n]])}
                & {v.casefold() for v in vs}
                for n, vs in clauses
            )
        ]

    @staticmethod
    def render(issue: dict[str, Any], fields: str | None) -> dict[str, Any]:
        number = issue["key"].rsplit("-", 1)[1]
        out: dict[str, Any] = {"id": str(10000 + int(number)), "key": issue["key"], "self": "x"}
        wanted = set((fields or "").split(","))
        rendered = {}
        if "status" in wanted or "*all" in wanted:
            rendered["status"] = {
                "name": issue["status"],
                "id": "1",
                "statusCategory": {"key": "new"},
            }
        if "summary" in wanted or "*all" in wanted:
            rendered["summary"] = issue["summary"]
        if rendered or fields:
            out["fields"] = rendered
        return out

    def myself(self, who: str) -> Reply:
        if who != "user":
            return jira_error(401, "Client must be authenticated to access this resource.")
        return Reply(200, {"accountId": "5b10a2844c20165700ede21g", "displayName": "Test User"})


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


class JiraServer(_Jira):
    """Jira Server/DC: ``/rest/api/2/search`` (startAt paging, ``total``), PAT as Bearer.

    ``anonymous``: what requests without credentials get: "full" (public
    project), "empty" (no issues) or "hidden" (400 does not exist).
    ``page_max`` caps ``maxResults`` like ``jira.search.views.default.max``.
    """

    def __init__(
        self,
        issues: list[dict[str, Any]],
        *,
        token: str | None = None,
        anonymous: str = "full",
        page_max: int = 1000,
        versions: tuple[str, ...] = (),
    ) -> None:
        super().__init__(issues, f"Bearer {token}" if token else None, anonymous, versions)
        self.page_max = page_max

    def __call__(self, seen: Seen) -> Reply:
        who = self.who(seen)
        if isinstance(who, Reply):
            return who
        if seen.path == "/rest/api/2/myself":
            return self.myself(who)
        if seen.path != "/rest/api/2/search":
            return Reply(404, "<html><body>Not Found</body></html>", content_type="text/html")
        found = self.select(seen.param("jql") or "", who)
        if isinstance(found, Reply):
            return found
        start = int(seen.param("startAt") or 0)
        size = min(int(seen.param("maxResults") or 50), self.page_max)
        page = found[start : start + size]
        return Reply(
            200,
            {
                "expand": "schema,names",
                "startAt": start,
                "maxResults": size,
                "total": len(found),
                "issues": [self.render(i, seen.param("fields")) for i in page],
            },
        )


class JiraCloud(_Jira):
    """Jira Cloud: ``/rest/api/3/search/jql`` (nextPageToken paging), Basic e-mail:token.

    The removed ``/rest/api/{2,3}/search`` answers 410 with Atlassian's message.
    ``page_max`` caps the issues per page.
    """

    REMOVED = (
        "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. "
        "A full migration guideline is available at "
        "https://developer.atlassian.com/changelog/#CHANGE-2046"
    )

    def __init__(
        self,
        issues: list[dict[str, Any]],
        *,
        user: str | None = None,
        token: str | None = None,
        anonymous: str = "empty",
        page_max: int = 100,
        versions: tuple[str, ...] = (),
    ) -> None:
        auth = basic(user, token) if user and token else None
        super().__init__(issues, auth, anonymous, versions)
        self.page_max = page_max

    def __call__(self, seen: Seen) -> Reply:
        if seen.path in ("/rest/api/2/search", "/rest/api/3/search", "/rest/api/latest/search"):
            return jira_error(410, self.REMOVED)
        who = self.who(seen)
        if isinstance(who, Reply):
            return who
        if seen.path == "/rest/api/3/myself":
            return self.myself(who)
        if seen.path != "/rest/api/3/search/jql":
            return jira_error(404, "No resource found")
        jql = seen.param("jql") or ""
        if not jql.strip():
            return jira_error(
                400, "Unbounded JQL queries are not allowed here. Please add a search restriction."
            )
        found = self.select(jql, who)
        if isinstance(found, Reply):
            return found
        token = seen.param("nextPageToken")
        start = json.loads(base64.b64decode(token))["offset"] if token else 0
        size = min(int(seen.param("maxResults") or 50), self.page_max)
        page = found[start : start + size]
        body: dict[str, Any] = {"issues": [self.render(i, seen.param("fields")) for i in page]}
        if start + size < len(found):
            body["nextPageToken"] = base64.b64encode(
                json.dumps({"offset": start + size}).encode()
            ).decode()
            body["isLast"] = False
        else:
            body["isLast"] = True
        return Reply(200, body)


# ------------------------------------------------------------ Freshdesk, GGUS


Predicate = Callable[[dict[str, Any]], bool]


def _freshdesk_match(query: str) -> Predicate:
    """A predicate for ``a:1 OR (b:2 AND c:'x')``; ValueError if malformed."""
    tokens = re.findall(r"\(|\)|[^\s()]+", query)
    pos = 0

    def joined(word: str, part: Callable[[], Predicate], combine: Any) -> Predicate:
        nonlocal pos
        items = [part()]
        while pos < len(tokens) and tokens[pos] == word:
            pos += 1
            items.append(part())
        return lambda t: combine(f(t) for f in items)

    def expr() -> Predicate:
        return joined("OR", term, any)

    def term() -> Predicate:
        return joined("AND", factor, all)

    def factor() -> Predicate:
        nonlocal pos
        if pos >= len(tokens):
            raise ValueError("unexpected end of query")
        token = tokens[pos]
        pos += 1
        if token == "(":
            inner = expr()
            if pos >= len(tokens) or tokens[pos] != ")":
                raise ValueError("missing )")
            pos += 1
            return inner
        name, sep, value = token.partition(":")
        if not sep or not name or not value:
            raise ValueError(f"invalid term {token}")
        value = value.strip("'")
        return lambda t: str(t.get(name)) == value

    predicate = expr()
    if pos != len(tokens):
        raise ValueError(f"unexpected {tokens[pos]}")
    return predicate


class Freshdesk:
    """Freshdesk API v2 ``/api/v2/search/tickets?query="..."`` → ``{"results", "total"}``."""

    def __init__(self, tickets: list[dict[str, Any]], *, key: str) -> None:
        self.tickets = tickets
        self.auth = basic(key, "X")

    def __call__(self, seen: Seen) -> Reply:
        if seen.header("Authorization") != self.auth:
            return Reply(
                401,
                {
                    "code": "invalid_credentials",
                    "message": "You have to be logged in to perform this action.",
                },
            )
        if seen.path != "/api/v2/search/tickets":
            return Reply(404, {"code": "invalid_url", "message": "Invalid URL"})
        query = seen.param("query") or ""
        if len(query) < 2 or not (query.startswith('"') and query.endswith('"')):
            return _validation_failed("Query should be enclosed in double quotes")
        try:
            match = _freshdesk_match(query[1:-1])
        except ValueError as err:
            return _validation_failed(f"Invalid query: {err}")
        found = [t for t in self.tickets if match(t)]
        page = int(seen.param("page") or 1)
        return Reply(200, {"results": found[(page - 1) * 30 : page * 30], "total": len(found)})


def _validation_failed(message: str) -> Reply:
    return Reply(
        400,
        {
            "description": "Validation failed",
            "errors": [{"field": "query", "message": message, "code": "invalid_value"}],
        },
    )


class Ggus:
    """GGUS on Zammad: ``/api/v1/tickets/search`` with ``Authorization: Token token=...``.

    ``tickets`` are the tickets ``query`` matches (another query matches none).
    ``shape``: "ids" (``{"tickets": [ids], "tickets_count": n, "assets": ...}``)
    or "expanded" (a JSON array of tickets; also given for ``expand=true``).
    """

    def __init__(
        self,
        tickets: list[dict[str, Any]],
        *,
        token: str,
        query: str,
        shape: str = "ids",
        max_limit: int = 200,
    ) -> None:
        self.tickets = sorted(tickets, key=lambda t: t["id"])
        self.auth = f"Token token={token}"
        self.query = query
        self.shape = shape
        self.max_limit = max_limit

    def __call__(self, seen: Seen) -> Reply:
        if seen.header("Authorization") != self.auth:
            return Reply(401, {"error": "Invalid token!", "error_human": "Invalid token!"})
        if seen.path != "/api/v1/tickets/search":
            return Reply(404, {"error": "No route matches [GET] " + seen.path})
        found = self.tickets if seen.param("query") == self.query else []
        limit = min(int(seen.param("limit") or 50), self.max_limit)
        page = int(seen.param("page") or 1)
        chunk = found[(page - 1) * limit : page * limit]
        if self.shape == "expanded" or seen.param("expand") == "true":
            return Reply(200, chunk)
        return Reply(
            200,
            {
                "tickets": [t["id"] for t in chunk],
                "tickets_count": len(chunk),
                "assets": {"Ticket": {str(t["id"]): t for t in chunk}},
            },
        )


def make_tickets(count: int, *, start: int = 1, **fields: Any) -> list[dict[str, Any]]:
    """``count`` ticket objects with ids from ``start`` and the given fields."""
    return [
        {"id": n, "number": str(1000000 + n), "title": f"Ticket {n}", **fields}
        for n in range(start, start + count)
    ]


# ------------------------------------------------------------ echoing errors


def _lower_hex(text: str) -> str:
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), text)


def _b64(text: str, *, urlsafe: bool = False, pad: bool = True) -> str:
    coded = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(text.encode()).decode()
    return coded if pad else coded.rstrip("=")


ENCODINGS: dict[str, Callable[[str], str]] = {
    "plain": lambda s: s,
    "quote": lambda s: quote(s, safe=""),
    "quote-keep-slash": quote,
    "quote_plus": quote_plus,
    "quote-lower-hex": lambda s: _lower_hex(quote(s, safe="")),
    "base64": _b64,
    "base64-nopad": lambda s: _b64(s, pad=False),
    "base64url": lambda s: _b64(s, urlsafe=True),
    "base64url-nopad": lambda s: _b64(s, urlsafe=True, pad=False),
    "base64-quoted": lambda s: quote(_b64(s), safe=""),
}
"""Ways a server may echo a secret: URL-encoded as quote/quote_plus do, Base64 in every variant."""


def credential_parts(authorization: str) -> dict[str, str]:
    """The secret parts of an ``Authorization`` value, as a server could decode and echo them.

    "header" (the whole value); Basic: "pair" (``user:password``), "user",
    "password" (unless Freshdesk's ``X``); Bearer and Zammad ``Token token=``: "token".
    """
    scheme, _, rest = authorization.partition(" ")
    parts = {"header": authorization}
    if scheme == "Basic":
        pair = base64.b64decode(rest).decode()
        user, _, password = pair.partition(":")
        parts.update(pair=pair, user=user)
        if password != "X":
            parts["password"] = password
    elif rest:
        parts["token"] = rest.removeprefix("token=")
    return parts


def every_form(authorization: str) -> set[str]:
    """Every :data:`ENCODINGS` form of every :func:`credential_parts` part: none may be shown."""
    return {encode(part) for part in credential_parts(authorization).values()
            for encode in ENCODINGS.values()}


class Echo:
    """An API that fails every request with ``status``, quoting the request back.

    The body starts with ``echo <lead>`` (``lead``: the ``part`` of the
    received ``Authorization`` header in ``encoding``, see :func:`credential_parts`
    and :data:`ENCODINGS`), then every request header and the raw query string.
    ``style``: "text" (text/plain), "json" (a Jira/Freshdesk/Zammad error
    object) or "json-escaped" (the same with ``/``, ``@`` and ``+`` escaped as
    some servers' JSON encoders do).
    """

    def __init__(
        self, status: int, *, style: str = "json", part: str = "", encoding: str = "plain"
    ) -> None:
        self.status = status
        self.style = style
        self.part = part
        self.encoding = encoding

    def __call__(self, seen: Seen) -> Reply:
        parts = credential_parts(seen.header("Authorization") or "")
        lead = ENCODINGS[self.encoding](parts[self.part]) if self.part else ""
        dump = "; ".join(f"{k}: {v}" for k, v in seen.headers.items())
        text = f"echo {lead} | {dump} | query: {seen.raw_query}"
        if self.style == "text":
            return Reply(self.status, text, content_type="text/plain")
        error = {"errorMessages": [text], "errors": {}, "message": text, "error": text}
        if self.style == "json":
            return Reply(self.status, error)
        escaped = json.dumps(error).replace("/", "\\/").replace("@", "\\u0040")
        return Reply(self.status, escaped.replace("+", "\\u002b"))
