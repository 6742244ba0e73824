"""The osgtui configuration: a TOML file read with ``tomllib`` into frozen dataclasses.

``load_config(path)`` validates every section and key and raises
:class:`osgtui.errors.ConfigError` (exit code 2) with a single line naming the file,
the line or dotted key, and what to do. ``load_config(None)`` gives the built-in
defaults. Lists are stored as tuples; maps are plain dicts that callers must not mutate.

The built-in defaults come from one file: ``osgtui/config.example.toml``, shipped in
the package, which sets every key with a comment (:func:`default_config_text`). A
field's default is that key's value in the file, validated as any configuration file
is; the file is read and parsed once, when a default is first needed (importing this
module reads nothing).

Secrets never come from the file: :func:`load_secrets` reads them from the
environment (``OSGTUI_JIRA_USER``, ``OSGTUI_JIRA_TOKEN``, ``OSGTUI_FRESHDESK_KEY``,
``OSGTUI_GGUS_TOKEN``), and a secret-looking key in the file is an error.

This module imports nothing heavy (no textual, rich, requests or sqlite_utils).
"""

from __future__ import annotations

import difflib
import functools
import json
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from osgtui.errors import ConfigError

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
JIRA_FLAVORS = ("server", "cloud")
SECRET_ENV_VARS = {
    "jira_user": "OSGTUI_JIRA_USER",
    "jira_token": "OSGTUI_JIRA_TOKEN",
    "freshdesk_key": "OSGTUI_FRESHDESK_KEY",
    "ggus_token": "OSGTUI_GGUS_TOKEN",
}

EXAMPLE_CONFIG = "config.example.toml"
"""The commented example configuration shipped in the package; its values are the defaults."""


@functools.cache
def default_config_text() -> str:
    """The commented example configuration, ``osgtui/config.example.toml`` (read once).

    Loading it gives the built-in defaults (they are taken from it); ``osgtui init-config``
    may write it to ``osgtui.paths.user_config_search_path()``. Read with
    :func:`pkgutil.get_data` (package data, zip-safe): ``importlib.resources`` would
    cost the console's start a few milliseconds more (it imports ``zipfile``).
    """
    import pkgutil

    data = pkgutil.get_data("osgtui", EXAMPLE_CONFIG)
    if data is None:  # a loader that cannot read package data
        raise ConfigError(f"the osgtui package has no readable {EXAMPLE_CONFIG}; reinstall osgtui")
    return data.decode("utf-8")


def default_value(section: str, key: str) -> Any:
    """The built-in default of ``key`` in ``[section]``: its value in the shipped example.

    Validated (and converted: lists to tuples, timeouts and sizes to floats) as
    :func:`load_config` does; a map is a new dict on each call.
    """
    value = _example_values()[section][key]
    return dict(value) if isinstance(value, dict) else value


def _example(section: str, key: str) -> Any:
    """A dataclass field defaulting to ``key`` of ``[section]`` in the shipped example."""
    return field(default_factory=functools.partial(default_value, section, key))


@dataclass(frozen=True)
class MeetingConfig:
    """When the meeting is held and what the minutes' header says."""

    weekday: str = _example("meeting", "weekday")
    title: str = _example("meeting", "title")
    coordinates: str = _example("meeting", "coordinates")

    @property
    def weekday_number(self) -> int:
        """The meeting day as ``date.weekday()`` numbers it (Monday is 0)."""
        return WEEKDAYS.index(self.weekday)

    @property
    def title_set(self) -> bool:
        """Whether the title differs from the default (else the draft keeps the previous meeting's)."""
        return self.title != default_value("meeting", "title")

    @property
    def coordinates_set(self) -> bool:
        """Whether the coordinates differ from the default (else the draft keeps the previous meeting's block)."""
        return self.coordinates != default_value("meeting", "coordinates")


@dataclass(frozen=True)
class PeopleConfig:
    """The team roster and alternative spellings of names (``aliases``: alias → roster name)."""

    roster: tuple[str, ...] = _example("people", "roster")
    aliases: dict[str, str] = _example("people", "aliases")

    def canonical_name(self, name: str) -> str:
        """Resolve ``name`` (stripped) through the aliases, matched case-insensitively.

        A name matching a roster entry case-insensitively gets the roster spelling;
        unknown names are returned stripped but otherwise unchanged.
        """
        stripped = name.strip()
        folded = stripped.casefold()
        for alias, canonical in self.aliases.items():
            if alias.strip().casefold() == folded:
                return canonical
        for member in self.roster:
            if member.casefold() == folded:
                return member
        return stripped


@dataclass(frozen=True)
class TriageConfig:
    """Triage duty rotation order and the people currently skipped (``away``)."""

    rotation: tuple[str, ...] = _example("triage", "rotation")
    away: tuple[str, ...] = _example("triage", "away")


@dataclass(frozen=True)
class JiraConfig:
    """Jira connection and the JIRA / release tables' queries (no credentials)."""

    url: str = _example("jira", "url")
    flavor: str = _example("jira", "flavor")
    project: str = _example("jira", "project")
    states: tuple[str, ...] = _example("jira", "states")
    state_labels: dict[str, str] = _example("jira", "state_labels")
    release_jql: str = _example("jira", "release_jql")
    releases: tuple[str, ...] = _example("jira", "releases")
    ready_lists: bool = _example("jira", "ready_lists")
    timeout: float = _example("jira", "timeout")

    @property
    def enabled(self) -> bool:
        """True when a Jira URL is configured (otherwise counts are entered by hand)."""
        return bool(self.url)

    def label_for(self, state: str) -> str:
        """How the minutes' JIRA table names the Jira status ``state``."""
        return self.state_labels.get(state, state)

    def release_query(self, version: str) -> str:
        """``release_jql`` with ``{version}`` replaced by ``version`` (other braces kept)."""
        return self.release_jql.replace("{version}", version)


@dataclass(frozen=True)
class TicketCountConfig:
    """A ticket-count service: base URL (empty: typed in by hand), query, label, timeout.

    The subclasses (one per configuration section) give the defaults.
    """

    url: str
    query: str
    label: str
    timeout: float

    @property
    def enabled(self) -> bool:
        """True when a URL is configured (otherwise the count is entered by hand)."""
        return bool(self.url)


@dataclass(frozen=True)
class FreshdeskConfig(TicketCountConfig):
    """Freshdesk: the search query's ``total`` is the count of open tickets.

    ``counters`` are more triage counters from the same Freshdesk: label → query
    (2018's ``open LCMAPS VOMS tickets``).
    """

    url: str = _example("freshdesk", "url")
    query: str = _example("freshdesk", "query")
    label: str = _example("freshdesk", "label")
    timeout: float = _example("freshdesk", "timeout")
    counters: dict[str, str] = _example("freshdesk", "counters")


@dataclass(frozen=True)
class GgusConfig(TicketCountConfig):
    """GGUS (Zammad): the search query's result count is the number of open tickets."""

    url: str = _example("ggus", "url")
    query: str = _example("ggus", "query")
    label: str = _example("ggus", "label")
    timeout: float = _example("ggus", "timeout")


@dataclass(frozen=True)
class MinutesRepoConfig:
    """The MkDocs git checkout the minutes are published to (``path`` empty: not configured)."""

    path: str = _example("minutes_repo", "path")
    meetings_dir: str = _example("minutes_repo", "meetings_dir")
    mkdocs: str = _example("minutes_repo", "mkdocs")
    push: bool = _example("minutes_repo", "push")

    def resolved_path(self, base_dir: Path | None = None) -> Path | None:
        """``path`` with ``~`` expanded, relative to ``base_dir`` (default: cwd); None if empty."""
        if not self.path:
            return None
        repo = Path(self.path).expanduser()
        if base_dir is not None and not repo.is_absolute():
            repo = base_dir / repo
        return repo


@dataclass(frozen=True)
class ImportConfig:
    """Limits for ``osgtui import`` (section ``[import]``; the field is ``Config.import_``)."""

    max_file_mb: float = _example("import", "max_file_mb")

    @property
    def max_bytes(self) -> int:
        """The largest minutes file imported, in bytes (1 MB = 1,000,000 bytes)."""
        return int(self.max_file_mb * 1_000_000)


@dataclass(frozen=True)
class Config:
    """The whole configuration. ``source`` is the file it came from (not part of equality)."""

    meeting: MeetingConfig = field(default_factory=MeetingConfig)
    people: PeopleConfig = field(default_factory=PeopleConfig)
    triage: TriageConfig = field(default_factory=TriageConfig)
    jira: JiraConfig = field(default_factory=JiraConfig)
    freshdesk: FreshdeskConfig = field(default_factory=FreshdeskConfig)
    ggus: GgusConfig = field(default_factory=GgusConfig)
    minutes_repo: MinutesRepoConfig = field(default_factory=MinutesRepoConfig)
    import_: ImportConfig = field(default_factory=ImportConfig)
    source: Path | None = field(default=None, compare=False)

    def canonical_name(self, name: str) -> str:
        """Resolve a person's name through ``people`` (see :meth:`PeopleConfig.canonical_name`)."""
        return self.people.canonical_name(name)

    @property
    def minutes_repo_path(self) -> Path | None:
        """The minutes repository; a relative ``path`` is taken from the config file's directory."""
        base = self.source.parent if self.source is not None else None
        return self.minutes_repo.resolved_path(base)


# ---------------------------------------------------------------------------
# Validation


class _Invalid(Exception):
    """A validation failure; the message lacks the ``config <file>:`` prefix."""


Validator = Callable[[Any, str], Any]


def _describe(value: Any) -> str:
    """A short description of a TOML value for error messages (strings truncated)."""
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"integer {value}"
    if isinstance(value, float):
        return f"float {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"string {json.dumps(shown)}"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "table"
    return "date/time"


def _wrong(key: str, expected: str, value: Any) -> _Invalid:
    return _Invalid(f"key {key} must be {expected}, got {_describe(value)}")


def _any_str(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise _wrong(key, "a string", value)
    return value


def _text(value: Any, key: str) -> str:
    """A non-blank string."""
    if not isinstance(value, str) or not value.strip():
        raise _wrong(key, "a non-empty string", value)
    return value


def _str_list(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _wrong(key, "a list of strings", value)
    for index, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip():
            raise _Invalid(
                f"key {key} must be a list of non-empty strings; item {index} is {_describe(item)}"
            )
    return tuple(item.strip() for item in value)


def _bool(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise _wrong(key, "true or false", value)
    return value


def _positive_number(value: Any, key: str, unit: str = "seconds") -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong(key, "a number", value)
    if not math.isfinite(value) or value <= 0:
        raise _wrong(key, f"a positive number of {unit}", value)
    return float(value)


def _megabytes(value: Any, key: str) -> float:
    return _positive_number(value, key, "megabytes")


def _str_map(value: Any, key: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _wrong(key, "a table of strings", value)
    seen: dict[str, str] = {}
    result: dict[str, str] = {}
    for name, item in value.items():
        if not isinstance(item, str) or not item.strip():
            raise _wrong(f"{key}.{json.dumps(name)}", "a non-empty string", item)
        folded = name.strip().casefold()
        if not folded:
            raise _Invalid(f"key {key} has an empty name; remove it")
        if folded in seen:
            raise _Invalid(
                f"key {key} has {json.dumps(seen[folded])} and {json.dumps(name)}, "
                "which differ only in case; keep one"
            )
        seen[folded] = name
        result[name.strip()] = item.strip()
    return result


def _weekday(value: Any, key: str) -> str:
    if isinstance(value, str):
        for day in WEEKDAYS:
            if value.strip().casefold() == day.casefold():
                return day
    raise _wrong(key, "a weekday name (" + ", ".join(WEEKDAYS) + ")", value)


def _flavor(value: Any, key: str) -> str:
    if isinstance(value, str) and value.strip().lower() in JIRA_FLAVORS:
        return value.strip().lower()
    raise _wrong(key, 'one of "server", "cloud"', value)


def _url(value: Any, key: str) -> str:
    """Empty, or an http(s) URL without credentials (never echoed back)."""
    if not isinstance(value, str):
        raise _wrong(key, "a string", value)
    url = value.strip()
    if not url:
        return ""
    example = 'an http(s) URL such as "https://example.org" or "" (manual entry)'
    if "@" in url.partition("//")[2].partition("/")[0]:  # checked before parsing: never echoed
        raise _Invalid(f"key {key} must not contain a user name or password; {_SECRETS_HINT}")
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port  # both parse the host part: may raise
    except ValueError as err:  # "Invalid IPv6 URL", "Port out of range 0-65535", ...
        raise _Invalid(
            f"key {key} is not a valid URL ({err}): {_describe(value)}; set it to {example}"
        ) from None
    if parts.scheme not in ("http", "https") or not host or port == 0:
        raise _wrong(key, example, value)
    return url.rstrip("/")


def _release_jql(value: Any, key: str) -> str:
    text = _text(value, key)
    if "{version}" not in text:
        raise _Invalid(
            f'key {key} must contain "{{version}}" (replaced by each release), '
            f"got {_describe(text)}"
        )
    return text


def _states(value: Any, key: str) -> tuple[str, ...]:
    states = _str_list(value, key)
    if not states:
        raise _Invalid(f"key {key} must list at least one Jira status")
    duplicates = sorted({s for s in states if states.count(s) > 1})
    if duplicates:
        raise _Invalid(f"key {key} lists {json.dumps(duplicates[0])} more than once")
    return states


_SCHEMA: dict[str, tuple[type, dict[str, Validator]]] = {
    "meeting": (MeetingConfig, {"weekday": _weekday, "title": _text, "coordinates": _any_str}),
    "people": (PeopleConfig, {"roster": _str_list, "aliases": _str_map}),
    "triage": (TriageConfig, {"rotation": _str_list, "away": _str_list}),
    "jira": (
        JiraConfig,
        {
            "url": _url,
            "flavor": _flavor,
            "project": _text,
            "states": _states,
            "state_labels": _str_map,
            "release_jql": _release_jql,
            "releases": _str_list,
            "ready_lists": _bool,
            "timeout": _positive_number,
        },
    ),
    "freshdesk": (
        FreshdeskConfig,
        {"url": _url, "query": _text, "label": _text, "timeout": _positive_number, "counters": _str_map},
    ),
    "ggus": (
        GgusConfig,
        {"url": _url, "query": _text, "label": _text, "timeout": _positive_number},
    ),
    "minutes_repo": (
        MinutesRepoConfig,
        {"path": _any_str, "meetings_dir": _text, "mkdocs": _text, "push": _bool},
    ),
    "import": (ImportConfig, {"max_file_mb": _megabytes}),
}
# Sections whose Config field is not the section name (``import`` is a Python keyword).
_FIELD_NAMES = {"import": "import_"}
# Keys whose values are free-form maps (names chosen by the user, not by the schema).
_MAP_KEYS = {("people", "aliases"), ("jira", "state_labels")}

_SECRETS_HINT = "secrets come only from the environment variables " + ", ".join(
    SECRET_ENV_VARS.values()
)
_SECRET_NAMES = {
    "key", "token", "password", "passwd", "pass", "secret", "user", "username",
    "login", "email", "pat", "credentials",
}  # fmt: skip
_SECRET_PARTS = ("token", "password", "passwd", "secret", "apikey", "api_key", "credential")


def _is_secret_name(name: str) -> bool:
    """True for key names that would hold a credential (``token``, ``api_key``, ``user``, ...)."""
    folded = name.strip().lower().replace("-", "_")
    return folded in _SECRET_NAMES or any(part in folded for part in _SECRET_PARTS)


def _find_secret_key(table: dict[str, Any], prefix: tuple[str, ...] = ()) -> str | None:
    """The dotted name of the first secret-looking key anywhere outside free-form maps."""
    for name, value in table.items():
        path = (*prefix, name)
        if _is_secret_name(name):
            return ".".join(path)
        if isinstance(value, dict) and path not in _MAP_KEYS:
            found = _find_secret_key(value, path)
            if found:
                return found
    return None


def _unknown(name: str, known: list[str], where: str, kind: str) -> _Invalid:
    """An "unknown key/section" failure listing the known ones, with a spelling suggestion."""
    guess = difflib.get_close_matches(name, known, n=1)
    hint = f' (did you mean "{guess[0]}"?)' if guess else ""
    return _Invalid(f"{where}{hint} (known {kind}: {', '.join(known)})")


def _validate(document: dict[str, Any]) -> dict[str, Any]:
    """Check a parsed TOML document against the schema; return dataclass instances by ``Config`` field."""
    return {
        _FIELD_NAMES.get(name, name): _SCHEMA[name][0](**values)
        for name, values in _validated_values(document).items()
    }


def _validated_values(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Check a parsed TOML document against the schema; return the converted values by section and key."""
    secret = _find_secret_key(document)
    if secret:
        raise _Invalid(f"key {secret} is not allowed: {_SECRETS_HINT}; remove it from the file")
    sections: dict[str, dict[str, Any]] = {}
    known_sections = list(_SCHEMA)
    for name, table in document.items():
        if name not in _SCHEMA:
            if isinstance(table, dict):
                raise _unknown(name, known_sections, f"unknown section [{name}]", "sections")
            owners = [f"[{s}]" for s, (_, keys) in _SCHEMA.items() if name in keys]
            if owners:
                raise _Invalid(
                    f'key "{name}" must be inside a section: put it under {" or ".join(owners)}'
                )
            raise _unknown(name, known_sections, f'unknown top-level key "{name}"', "sections")
        if not isinstance(table, dict):
            raise _wrong(name, f"a table ([{name}] section)", table)
        validators = _SCHEMA[name][1]
        values: dict[str, Any] = {}
        for key, value in table.items():
            dotted = f"{name}.{key}"
            if key not in validators:
                raise _unknown(
                    key, list(validators), f'unknown key "{dotted}"', f"keys in [{name}]"
                )
            values[key] = validators[key](value, dotted)
        sections[name] = values
    return sections


@functools.cache
def _example_values() -> dict[str, dict[str, Any]]:
    """The shipped example's values by section and key (read, parsed and validated once)."""
    return _validated_values(tomllib.loads(default_config_text()))


def _fail(path: Path, message: str) -> ConfigError:
    """A ConfigError with the one-line message ``config <path>: <message>``."""
    return ConfigError(" ".join(f"config {path}: {message}".split("\n")))


def _read_document(path: Path) -> dict[str, Any]:
    """Read and parse the TOML file, turning every failure into a one-line ConfigError."""
    try:
        if path.is_dir():
            raise _fail(path, "is a directory, not a file; give the path of a .toml file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail(
            path,
            "file not found (given by --config or OSGTUI_CONFIG); "
            "fix the path, or leave both unset to use the defaults",
        ) from None
    except PermissionError:
        raise _fail(path, "permission denied; make the file readable by you (chmod 600)") from None
    except OSError as err:
        raise _fail(path, f"cannot read the file: {err.strerror or type(err).__name__}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise _fail(
            path,
            f"not UTF-8 text (byte 0x{data[err.start]:02x} on line {line}); save it as UTF-8",
        ) from None
    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        where = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        if where:
            detail = message[: where.start()]
            raise _fail(
                path, f"TOML syntax error at line {where[1]}, column {where[2]}: {detail}"
            ) from None
        raise _fail(path, f"TOML syntax error: {message}") from None


def load_config(path: Path | str | None) -> Config:
    """Load and validate the configuration file; ``None`` gives the built-in defaults.

    Raises ConfigError (exit code 2) with a one-line message naming the file and the
    line or key at fault. Missing keys and sections take their defaults.
    """
    if path is None:
        return Config()
    path = Path(path)
    document = _read_document(path)
    try:
        sections = _validate(document)
    except _Invalid as err:
        raise _fail(path, str(err)) from None
    return Config(**sections, source=path)


# ---------------------------------------------------------------------------
# Secrets and file permissions


@dataclass(frozen=True, repr=False)
class Secrets:
    """Service credentials from the environment; ``repr``/``str`` never show the values."""

    jira_user: str | None = None
    jira_token: str | None = None
    freshdesk_key: str | None = None
    ggus_token: str | None = None

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{f.name}={'<set>' if getattr(self, f.name) else None}" for f in fields(self)
        )
        return f"Secrets({shown})"

    __str__ = __repr__


def load_secrets(environ: Mapping[str, str] | None = None) -> Secrets:
    """Read credentials from ``environ`` (default ``os.environ``); blank values count as unset."""
    env = os.environ if environ is None else environ
    values = {name: (env.get(var) or "").strip() or None for name, var in SECRET_ENV_VARS.items()}
    return Secrets(**values)


_RANDOM_LOOKING = re.compile(r"[A-Za-z0-9_+=-]{20,}")
_ASSIGNMENT = re.compile(r"""^\s*["']?([^"'=\s]+)["']?\s*=\s*(\S.*)$""")


def _looks_random(word: str) -> bool:
    """True for long strings mixing digits and letters the way API tokens do."""
    has_digit = any(c.isdigit() for c in word)
    has_lower = any(c.islower() for c in word)
    has_upper = any(c.isupper() for c in word)
    return has_digit and (has_lower or has_upper) and ((has_lower and has_upper) or len(word) >= 32)


def _holds_secret(text: str) -> bool:
    """True if the text assigns a secret-named key or contains a token-like string."""
    for line in text.splitlines():
        match = _ASSIGNMENT.match(line)
        if match and _is_secret_name(match[1].split(".")[-1]) and match[2].strip("\"' "):
            return True
    return any(_looks_random(word) for word in _RANDOM_LOOKING.findall(text))


def config_permission_warning(path: Path | None) -> str | None:
    """A one-line warning if ``path`` is readable by group/others and seems to hold a secret.

    Returns None when there is no file, it is private, or nothing looks secret. The
    warning names the file and suggests ``chmod 600``; it never quotes the secret.
    """
    if path is None or os.name == "nt":
        return None
    try:
        mode = path.stat().st_mode
        if not mode & 0o044:
            return None
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None
    if not _holds_secret(text):
        return None
    return (
        f"config {path} is readable by other users and seems to hold a secret: "
        f"run chmod 600 {path} and move secrets to environment variables "
        f"({', '.join(SECRET_ENV_VARS.values())})"
    )
