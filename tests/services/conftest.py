"""Fixtures: a started FakeServer per test, and fixed fake credentials."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .fakeserver import FakeServer

# Fake secrets: long and distinctive, so a leak into any text is easy to detect.
TOKEN = "tok-Zq81xVb7Lm3Kp0Rw"
USER = "fred@example.org"
FD_KEY = "fdkey-Hh27Qs5Pn4Xc"
GGUS_TOKEN = "ggus-Yu64Ab0Te9Mw"


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to the loopback server must not go through a proxy from the environment."""
    for name in ("http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture
def server() -> Iterator[FakeServer]:
    """A FakeServer on 127.0.0.1, stopped after the test."""
    with FakeServer() as fake:
        yield fake


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the 429 retry waits instead of sleeping."""
    from osgtui.services import http

    waits: list[float] = []
    monkeypatch.setattr(http, "_sleep", waits.append)
    return waits
