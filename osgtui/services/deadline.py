"""A real deadline for one HTTP request: name lookup, connect, headers and body together.

``requests``' ``timeout`` bounds each socket read, so a server sending one byte
a second never trips it. :func:`run_within` runs the request in a daemon thread
and waits for it at most the deadline; when the deadline passes it shuts down
the request's sockets (which ends a read blocked in that thread at once) and
returns without it. The sockets are known because sessions using
:class:`DeadlineAdapter` register every connection they take from their pools
(and every socket they open) with the thread's :class:`_Watch`.

Being a daemon thread, an abandoned request never keeps the process alive.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

T = TypeVar("T")

_local = threading.local()


class _Watch:
    """The connections one request used; :meth:`expire` shuts their sockets down."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connections: list[Any] = []
        self.expired = False

    def add(self, connection: Any) -> None:
        """Remember ``connection``; shut it at once if the deadline has passed already."""
        with self._lock:
            self._connections.append(connection)
            expired = self.expired
        if expired:
            _shut(connection)

    def expire(self) -> bool:
        """Shut down every socket of the request; True if any was open (it had connected)."""
        with self._lock:
            self.expired = True
            connections = list(self._connections)
        return any([_shut(connection) for connection in connections])


def _shut(connection: Any) -> bool:
    """Shut down the connection's socket (wakes a thread blocked reading it); True if it had one."""
    sock = getattr(connection, "sock", None)
    if not isinstance(sock, socket.socket):
        return False
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain call, also for TLS sockets
    except (OSError, ValueError):
        pass  # closed already
    return True


def _watching(connection: Any) -> None:
    watch = getattr(_local, "watch", None)
    if watch is not None:
        watch.add(connection)


class _WatchedConnect:
    """Connection mixin: a socket opened after the deadline passed is shut at once."""

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _watching(self)


class _WatchedPool:
    """Pool mixin: every connection taken from the pool joins the thread's watch."""

    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)  # type: ignore[misc]
        _watching(connection)
        return connection


class _HTTPConnection(_WatchedConnect, HTTPConnection):
    pass


class _HTTPSConnection(_WatchedConnect, HTTPSConnection):
    pass


class _HTTPPool(_WatchedPool, HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(_WatchedPool, HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class DeadlineAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` whose connections :func:`run_within` can shut at the deadline.

    Direct and HTTP(S)-proxy connections are watched; through a SOCKS proxy the
    deadline still holds, but the abandoned request ends only at its read timeout.
    """

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = POOLS
        return manager


class Late:
    """What :func:`run_within` returns when the deadline passed first.

    ``connected`` tells whether a connection was open by then (False: the name
    lookup or the connect itself did not finish in time).
    """

    def __init__(self, connected: bool) -> None:
        self.connected = connected

    def __repr__(self) -> str:
        return f"Late(connected={self.connected})"


def run_within(seconds: float, work: Callable[[], T], name: str = "osgtui-http") -> T | Late:
    """``work()`` run in a daemon thread, or :class:`Late` if it takes more than ``seconds``.

    When the deadline passes, the request's sockets are shut down and the
    thread is left to end on its own. An exception raised by ``work`` is
    raised here.
    """
    watch = _Watch()
    outcome: list[tuple[bool, Any]] = []

    def target() -> None:
        _local.watch = watch
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            outcome.append((False, exc))

    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    thread.join(seconds)
    if not outcome:
        return Late(watch.expire())
    ok, value = outcome[0]
    if not ok:
        raise value
    return value
