"""Exceptions shared by the core. Each carries a one-line, user-facing message."""


class OsgtuiError(Exception):
    """A failure the user can act on; ``str(err)`` is the one-line message.

    ``exit_code`` is what the CLI exits with (1 by default, 2 for configuration errors).
    """

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class ConfigError(OsgtuiError):
    """The configuration file is unreadable, malformed or holds a wrong key or type."""

    exit_code = 2


class ParseError(OsgtuiError):
    """A minutes file cannot be read as minutes (encoding, empty, no title or date)."""


class StoreError(OsgtuiError):
    """The database cannot be opened or does not hold what was asked for."""


class DatabaseUnavailable(StoreError):
    """A write to the database failed for a reason outside osgtui (locked, disk full, read-only, damaged).

    ``reason`` is the short form for a status line ("database locked", "disk full").
    The console keeps the change in memory and retries; the CLI reports it.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class ServiceError(OsgtuiError):
    """A remote service (Jira, Freshdesk, GGUS) failed; the message names it."""


class PublishError(OsgtuiError):
    """Publishing to or pulling from the minutes repository failed."""
