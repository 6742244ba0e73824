"""Where the shared archive of real minutes is, for tests that use it when present."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


def corpus_files() -> list[Path]:
    """Every archived minutes file plus the 2019-06-10 draft ([] when ../shared is absent)."""
    if not CORPUS.is_dir():
        return []
    files = sorted(CORPUS.glob("minutes/*/TechArea*.md"))
    draft = CORPUS / "seed" / "TechArea20190610-draft.md"
    return files + ([draft] if draft.exists() else [])


requires_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
