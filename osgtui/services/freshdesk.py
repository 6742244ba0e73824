"""Freshdesk: the number of open tickets, from the ticket search's ``total``.

``GET {url}/api/v2/search/tickets?query="<query>"`` with HTTP Basic
``<API key>:X``; the answer is ``{"results": [...], "total": N}`` and ``total``
counts every match (not only the 30 on the page). Freshdesk always requires a
key, so no anonymous request is ever sent: a missing key is an error.
"""

from __future__ import annotations

from requests.auth import AuthBase

from osgtui.config import FreshdeskConfig
from osgtui.services.http import basic_auth, is_count, ticket_client


def search_query(config: FreshdeskConfig) -> str:
    """The ``query`` parameter: the configured query wrapped in double quotes."""
    query = config.query.strip()
    if len(query) >= 2 and query.startswith('"') and query.endswith('"'):
        query = query[1:-1]
    return f'"{query}"'


NEEDS = (
    "OSGTUI_FRESHDESK_KEY",
    "your Freshdesk API key (Profile settings)",
    "Freshdesk search syntax, at most 512 characters",
)


def _auth(key: str) -> AuthBase:
    return basic_auth(key, "X")


def count_open(config: FreshdeskConfig, key: str | None) -> int:
    """The number of tickets matching ``freshdesk.query`` (the search's ``total``).

    ``key`` is the API key (``OSGTUI_FRESHDESK_KEY``). Raises
    :class:`ServiceError` when the URL or key is missing or the request fails.
    """
    http, base = ticket_client("Freshdesk", "freshdesk", config, key, _auth, NEEDS)
    with http:
        answer = http.get_json(f"{base}/api/v2/search/tickets", {"query": search_query(config)})
        total = answer.get("total") if isinstance(answer, dict) else None
        if not is_count(total):
            raise http.shape_error(base, "no numeric 'total' in the ticket search answer")
        return total
