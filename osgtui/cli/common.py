"""Small helpers shared by subcommands: dates and JSON output."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from osgtui.errors import OsgtuiError

__all__ = ["parse_date", "print_json"]


def parse_date(text: str) -> date:
    """A ``YYYY-MM-DD`` argument as a date, or a one-line error saying what is expected."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise OsgtuiError(f"date {text!r}: expected YYYY-MM-DD, e.g. 2019-06-10") from None


def print_json(value: Any) -> None:
    """Print a JSON document (UTF-8, indented) to stdout."""
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
