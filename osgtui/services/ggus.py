"""GGUS (Zammad at helpdesk.ggus.eu): the number of open tickets from a search.

``GET {url}/api/v1/tickets/search?query=...&limit=200&page=N&sort_by=id&order_by=asc``
with ``Authorization: Token token=<access token>``. Zammad answers either an
object ``{"tickets": [ids], "tickets_count": n, "assets": {...}}`` (n is the
number *in this page*) or, expanded, a JSON array of ticket objects; both are
read. Pages are fetched while a page is full (``limit`` tickets; 200 is Zammad's
maximum page size), sorted by id so that pages do not overlap, and tickets are
counted once by id.

A token is required (no anonymous request is sent). A 200 answer proves the
token was accepted (Zammad answers 401 otherwise); it cannot prove the token's
user may see the group's tickets, so keep GGUS a checked, optional integration.
"""

from __future__ import annotations

from typing import Any

from osgtui.config import GgusConfig
from osgtui.services.http import HttpClient, ticket_client, token_auth

PAGE_LIMIT = 200
"""Tickets asked per page (Zammad's maximum); a shorter page is the last one."""
MAX_PAGES = 50
"""Pages read before giving up (10,000 tickets: far above any open-ticket count)."""

NEEDS = ("OSGTUI_GGUS_TOKEN", "a GGUS (Zammad) access token", "Zammad search syntax")


def count_open(config: GgusConfig, token: str | None) -> int:
    """The number of tickets matching ``ggus.query``, across all pages.

    ``token`` is the Zammad access token (``OSGTUI_GGUS_TOKEN``). Raises
    :class:`ServiceError` when the URL or token is missing or the request fails.
    """
    http, base = ticket_client("GGUS", "ggus", config, token, token_auth, NEEDS)
    with http:
        seen: set[str] = set()
        for page in range(1, MAX_PAGES + 1):
            answer = http.get_json(
                f"{base}/api/v1/tickets/search",
                {
                    "query": config.query,
                    "limit": PAGE_LIMIT,
                    "page": page,
                    "sort_by": "id",
                    "order_by": "asc",
                },
            )
            ids = _page_ids(http, base, answer)
            seen.update(ids)
            if len(ids) < PAGE_LIMIT:
                return len(seen)
        raise http.error(f"the search did not end after {MAX_PAGES} pages; narrow ggus.query")


def _page_ids(http: HttpClient, base: str, answer: Any) -> list[str]:
    """Ticket ids of one page, from either answer shape."""
    if isinstance(answer, dict) and isinstance(answer.get("tickets"), list):
        items = answer["tickets"]
        if all(_is_id(item) for item in items):
            return [str(item) for item in items]
        if all(isinstance(item, dict) and _is_id(item.get("id")) for item in items):
            return [str(item["id"]) for item in items]
    elif isinstance(answer, list):
        if all(isinstance(item, dict) and _is_id(item.get("id")) for item in answer):
            return [str(item["id"]) for item in answer]
        raise http.shape_error(base, "a ticket in the search answer has no 'id'")
    raise http.shape_error(
        base, "the search answer is neither a ticket list nor an object with a 'tickets' list"
    )


def _is_id(value: Any) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, str) and value.isdigit()
    )
