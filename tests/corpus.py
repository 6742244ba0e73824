"""Where the shared archive of real minutes is, for tests that use it when present.

The corpus folder (the one holding ``minutes/``, ``seed/`` and ``TechAreaTemplate.md``) is
``$OSGTUI_CORPUS`` when that names a folder, else ``../shared/corpus`` beside the checkout.
Tests that need it are marked :data:`requires_corpus` and skip when neither exists.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ENV = "OSGTUI_CORPUS"
DEFAULT = REPO.parent / "shared" / "corpus"


def find_corpus() -> Path:
    """``$OSGTUI_CORPUS`` when it is a folder, else ``../shared/corpus`` (which may not exist either)."""
    given = os.environ.get(ENV, "").strip()
    if given and Path(given).expanduser().is_dir():
        return Path(given).expanduser().resolve()
    return DEFAULT


CORPUS = find_corpus()
SEED_DRAFT = CORPUS / "seed" / "TechArea20190610-draft.md"
"""The real draft of 10 June 2019 (the meeting whose final minutes are in the archive too)."""


def archive_files() -> list[Path]:
    """Every archived minutes file, oldest first ([] without the corpus)."""
    return sorted(CORPUS.glob("minutes/*/TechArea*.md")) if CORPUS.is_dir() else []


def corpus_files() -> list[Path]:
    """Every archived minutes file plus the 2019-06-10 draft ([] without the corpus)."""
    files = archive_files()
    return files + ([SEED_DRAFT] if SEED_DRAFT.exists() else [])


def copy_database(source: Path, target: Path) -> Path:
    """``source`` copied to ``target`` through SQLite's backup (consistent whatever its journal mode)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


requires_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"corpus not found (set ${ENV}, or put it at {DEFAULT})"
)
