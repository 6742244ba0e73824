"""Hide secrets from every text osgtui shows, in every form a server could echo back.

A server that quotes the request in an error page can send a secret back plain,
URL-encoded, inside the ``Authorization`` header exactly as sent (``Basic …``,
``Bearer …``, ``Token token=…``) or as the Base64 of ``user:token`` /
``key:X``. :class:`Redactor` knows all of these forms of the strings it is given
and replaces each with ``***``, longest first, so no part of a credential is
left over. :func:`redactor_for` builds one for every credential in the
environment (the Jira user name, an e-mail address, included).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus

if TYPE_CHECKING:
    from osgtui.config import Secrets

MASK = "***"
FRESHDESK_PASSWORD = "X"
"""The password Freshdesk takes with an API key as the Basic user name (not a secret)."""


def basic_value(user: str, password: str) -> str:
    """The ``Authorization`` value of HTTP Basic ``user:password``, as ``requests`` sends it."""
    pair = f"{user}:{password}".encode("latin-1", errors="replace")
    return "Basic " + base64.b64encode(pair).decode("ascii")


def _base64_forms(text: str) -> set[str]:
    """Standard and URL-safe Base64 of ``text`` (UTF-8 and Latin-1), with and without padding."""
    forms: set[str] = set()
    for encoding in ("utf-8", "latin-1"):
        try:
            raw = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            coded = encode(raw).decode("ascii")
            forms |= {coded, coded.rstrip("=")}
    return forms


def _url_forms(text: str) -> set[str]:
    """``text`` URL-encoded as ``quote`` and ``quote_plus`` do (``/`` encoded or kept)."""
    return {quote(text, safe=""), quote(text), quote_plus(text), quote_plus(text, safe="/")}


def forms_of(secret: str) -> set[str]:
    """Every form of ``secret`` a server may echo: plain, URL-encoded, Base64, and their mixes."""
    forms = {secret} | _url_forms(secret)
    for coded in _base64_forms(secret):
        forms |= {coded} | _url_forms(coded)
    return {form for form in forms if form}


class Redactor:
    """Replaces every form (:func:`forms_of`) of the given secrets with ``***``.

    ``secrets`` are the credential strings; ``basic`` the (user, password) pairs
    sent as HTTP Basic, whose ``user:password`` and header value are hidden too.
    Calling the redactor on a text returns the text with every form masked.
    Matching ignores case (a server may lower-case an e-mail or percent-escapes):
    hiding a look-alike too is the safe side.
    """

    def __init__(
        self,
        secrets: Iterable[str | None] = (),
        basic: Iterable[tuple[str | None, str | None]] = (),
    ) -> None:
        wanted = {s for s in secrets if s}
        for user, password in basic:
            if user and password:
                wanted |= {f"{user}:{password}", basic_value(user, password)}
        forms: set[str] = set()
        for secret in wanted:
            forms |= forms_of(secret)
        ordered = sorted(forms, key=len, reverse=True)
        pattern = "|".join(map(re.escape, ordered))
        self._pattern = re.compile(pattern, re.IGNORECASE) if ordered else None

    def __repr__(self) -> str:
        return "<Redactor>"

    def __call__(self, text: str) -> str:
        """``text`` with every form of every secret replaced by ``***``."""
        if self._pattern is None:
            return text
        return self._pattern.sub(MASK, text)

    def json(self, value: Any) -> Any:
        """A decoded JSON value with every string in it redacted (keys included)."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, list):
            return [self.json(item) for item in value]
        if isinstance(value, dict):
            return {self(str(k)): self.json(v) for k, v in value.items()}
        return value


def redactor_for(secrets: Secrets) -> Redactor:
    """A :class:`Redactor` for every credential from the environment.

    Covers the Jira user (e-mail) and token, the Freshdesk key and the GGUS
    token, each alone and in every ``Authorization`` header osgtui may send
    (Basic ``user:token`` and ``key:X``, ``Bearer token``, ``Token token=…``).
    """
    tokens = [t for t in (secrets.jira_token, secrets.ggus_token) if t]
    headers = [f"Bearer {t}" for t in tokens] + [f"Token token={t}" for t in tokens]
    plain = [secrets.jira_user, secrets.jira_token, secrets.freshdesk_key, secrets.ggus_token]
    return Redactor(
        [*plain, *headers],
        basic=[
            (secrets.jira_user, secrets.jira_token),
            (secrets.freshdesk_key, FRESHDESK_PASSWORD),
        ],
    )
