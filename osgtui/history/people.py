"""People's names across meetings: aliases from the configuration, owner sets, duty names."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from osgtui.config import Config

_UNSURE_RE = re.compile(r"\s*\(\?+\)|\?+$")


def canonical_name(config: Config | None, name: str) -> str:
    """``name`` resolved through ``[people.aliases]`` and the roster (stripped when no config)."""
    return config.canonical_name(name) if config is not None else name.strip()


def canonical_owners(config: Config | None, owners: list[str]) -> list[str]:
    """Owners with aliases resolved, each person once, in the order given."""
    out: list[str] = []
    seen: set[str] = set()
    for owner in owners:
        name = canonical_name(config, owner)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def owner_key(config: Config | None, owners: list[str]) -> frozenset[str]:
    """The set of people owning an item, for comparing owners across meetings."""
    return frozenset(n.casefold() for n in canonical_owners(config, owners))


def clean_duty_name(name: str | None) -> str:
    """A triage name without the doubt markers of the archive (``Mat?``, ``Carl (???)``)."""
    return _UNSURE_RE.sub("", name or "").strip()
