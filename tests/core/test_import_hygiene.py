"""Import hygiene: the core never pulls in the console's libraries, the format and store modules no HTTP.

Every module under ``osgtui/`` is found with :func:`pkgutil.walk_packages` (a new one is
covered without editing this file), except the console itself (``osgtui.app``,
``osgtui.screens``, ``osgtui.widgets``). Each is imported alone in a fresh interpreter,
so that what another module loaded first cannot hide what this one loads.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import osgtui

ROOT = Path(__file__).resolve().parents[2]

CONSOLE = ("osgtui.app", "osgtui.screens", "osgtui.widgets")
"""The console: Textual is what it is made of."""
NEVER = ("textual", "rich")
"""What no other module may load when imported."""
FORMAT_AND_STORE = (
    "osgtui.minutes.model", "osgtui.minutes.parser", "osgtui.minutes.renderer", "osgtui.minutes.tables", "osgtui.minutes.counts", "osgtui.minutes.extract",
    "osgtui.minutes.section_paths", "osgtui.minutes.summary", "osgtui.minutes.actions", "osgtui.store",
    "osgtui.history",
)
"""Reading, writing and storing minutes: no HTTP client either (only refreshing counts needs one)."""
NO_HTTP = ("requests",)


def inside(name: str, packages: tuple[str, ...]) -> bool:
    """Whether module ``name`` is one of ``packages`` or below one of them."""
    return any(name == p or name.startswith(p + ".") for p in packages)


def core_modules() -> list[str]:
    """Every osgtui module but the console's, by name, sorted."""
    found = ["osgtui"] + [info.name for info in pkgutil.walk_packages(osgtui.__path__, "osgtui.")]
    return sorted(name for name in found if not inside(name, CONSOLE))


def forbidden(name: str) -> tuple[str, ...]:
    """The top-level packages importing ``name`` must not load."""
    return NEVER + (NO_HTTP if inside(name, FORMAT_AND_STORE) else ())


CHECK = """\
import importlib, sys
importlib.import_module(sys.argv[1])
print(" ".join(m for m in sys.argv[2:] if m in sys.modules))
"""


def test_the_module_list_is_found() -> None:
    modules = core_modules()
    assert {"osgtui.store.database", "osgtui.minutes.counts", "osgtui.minutes.extract", "osgtui.history.search", "osgtui.cli"} <= set(modules)
    assert not any(inside(m, CONSOLE) for m in modules)
    assert all(any(inside(m, (p,)) for m in modules) for p in FORMAT_AND_STORE), "a listed module is gone"


@pytest.mark.parametrize("module", core_modules())
def test_importing_loads_no_console_library(module: str) -> None:
    """``import module`` in a fresh interpreter leaves textual and rich (and, for the format and
    store modules, requests) out of ``sys.modules``."""
    banned = forbidden(module)
    result = subprocess.run(
        [sys.executable, "-c", CHECK, module, *banned], capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.split()
    assert not loaded, f"import {module} loads {', '.join(loaded)}"
