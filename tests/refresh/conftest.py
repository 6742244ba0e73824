"""Fixtures shared by the refresh tests: no proxy from the environment, a started FakeServer."""

from __future__ import annotations

from tests.services.conftest import _no_proxy, server

__all__ = ["_no_proxy", "server"]
